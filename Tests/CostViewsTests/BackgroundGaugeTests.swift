import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The commitment gauges computed in the background (`Explorer(backgroundGauges: true)`, as the
/// terminal session runs): the first frame is the table with the strip saying it is computing,
/// then the same frame as with the gauges computed in line; drilling into a top row after the
/// worker finished its drill-aheads shows that context's gauges at once.
@Suite("Commitment gauges in the background", .serialized)
struct BackgroundGaugeTests {
    static let cache: CacheFile = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        return try! Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path).1
    }()

    func lines(_ explorer: Explorer, unicode: Bool = true) -> [String] {
        ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: unicode).lines
    }

    /// Polls until the worker is idle and its answers are taken (at most 30 s).
    func settle(_ explorer: Explorer) {
        let deadline = Date().addingTimeInterval(30)
        while (explorer.gaugesBusy || explorer.pollGauges()) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.002)
        }
        _ = explorer.pollGauges()
    }

    @Test("the first frame says the gauges are computing, then shows the in-line frame exactly")
    func computingThenFilled() throws {
        let inline = try Explorer(cache: Self.cache, cacheName: "sample.ctc")
        let expected = lines(inline)
        #expect(expected[3].contains("coverage") && expected[3].contains("utilization"))

        let explorer = try Explorer(cache: Self.cache, cacheName: "sample.ctc", backgroundGauges: true)
        // Until the loop polls, the strip is pending whatever the worker has done.
        #expect(explorer.data.commitmentPending && explorer.data.commitmentSummary == nil)
        let first = lines(explorer)
        #expect(first[3].contains("commitment gauges: computing…"), "\(first[3])")
        #expect(!first[3].contains("coverage") && !first[3].contains("utilization"))
        #expect(lines(explorer, unicode: false)[3].contains("commitment gauges: computing..."))
        // The table is drawn at once, where it will stay: every line but the strip is the final frame's.
        for index in expected.indices where index != 3 {
            #expect(first[index] == expected[index], "line \(index)")
        }

        settle(explorer)
        #expect(!explorer.data.commitmentPending)
        #expect(explorer.data.commitmentSummary == inline.data.commitmentSummary)
        #expect(explorer.data.commitmentSummary != nil)
        #expect(lines(explorer) == expected)
    }

    @Test("after the drill-aheads, drilling into each of the top three rows shows its gauges at once")
    func drillAheadsFillTheMemo() throws {
        let inline = try Explorer(cache: Self.cache, cacheName: "sample.ctc")
        let explorer = try Explorer(cache: Self.cache, cacheName: "sample.ctc", backgroundGauges: true)
        settle(explorer)
        let count = min(3, explorer.data.rows.count)
        #expect(count >= 2, "the sample has several accounts")
        for index in 0..<count {
            for target in [inline, explorer] {
                target.perform(.moveTop)
                for _ in 0..<index { target.perform(.moveDown) }
                target.perform(.drillDown)
            }
            // Known from the drill-ahead: not pending, and the same figures as computed in line.
            #expect(!explorer.data.commitmentPending, "row \(index)")
            #expect(explorer.data.commitmentSummary == inline.data.commitmentSummary, "row \(index)")
            #expect(lines(explorer) == lines(inline), "row \(index)")
            inline.perform(.goUp)
            explorer.perform(.goUp)
            settle(explorer)
        }
    }

    @Test("a drill-ahead checks the days the drill reads: the period, the comparison and the forecast's history")
    func drillAheadDays() throws {
        let explorer = try Explorer(cache: Self.cache, cacheName: "sample.ctc")
        let last = try #require(Self.cache.dayRange?.to)
        let period = DayRange(from: last.adding(days: -6), to: last)
        let comparison = DayRange(from: last.adding(days: -13), to: last.adding(days: -7))
        let aheads = explorer.queries.drillAheads(explorer.state, rows: explorer.data.rows, period: period,
                                                  comparison: comparison, currency: nil)
        #expect(!aheads.isEmpty)
        for ahead in aheads {
            #expect(ahead.days.to == last)
            // The header's forecast of the drilled node reads its last 180 days.
            #expect(ahead.days.from == last.adding(days: 1 - ForecastAnalysis.historyWindow))
        }
    }

    @Test("a context not asked ahead is pending after the key and fills in when polled")
    func newContextPending() throws {
        let inline = try Explorer(cache: Self.cache, cacheName: "sample.ctc")
        let explorer = try Explorer(cache: Self.cache, cacheName: "sample.ctc", backgroundGauges: true)
        settle(explorer)
        for target in [inline, explorer] { target.runCommandLine("period last-7d") }
        #expect(explorer.data.commitmentPending)
        #expect(lines(explorer)[3].contains("computing"))
        settle(explorer)
        #expect(!explorer.data.commitmentPending)
        #expect(explorer.data.commitmentSummary == inline.data.commitmentSummary)
        #expect(lines(explorer) == lines(inline))
    }
}

/// A damaged row group in a drill-ahead's rows: the worker's check fails quietly, and the drill
/// that reads the group reports it, naming the block and rows, as without the worker.
@Suite("Drill-aheads over a damaged cache")
struct DamagedDrillAheadTests {
    @Test("the drill into the damaged account names the damaged block and rows")
    func damagedGroupStillReported() throws {
        let path = Support.temporaryFolder() + "/damaged.ctc"
        let intact = try Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path).1
        // The top account's rows on the last day: a drill into it reads them.
        let explorer = try Explorer(cache: intact, cacheName: "damaged.ctc")
        let top = try #require(explorer.data.rows.first?.key)
        let code = try #require(intact.dictionary(.account).index(of: top))
        let last = intact.dayRange!.to
        let run = try #require(try intact.runs(in: DayRange(from: last, to: last), matching: [UInt32(code)]).first)
        // The service column: the top level (by account) does not read it, a drill into an account does.
        let name = "dim:\(FixedDimension.service.rawValue)"
        let block = try #require(intact.footer.blocks.first { $0.name == name })
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let width = intact.codes(.service).width
        data[Int(block.offset) + run.lowerBound * width + width / 2] ^= 0x20
        try data.write(to: URL(fileURLWithPath: path))

        let damaged = try CacheFile(path: path)
        let background = try Explorer(cache: damaged, cacheName: "damaged.ctc", backgroundGauges: true)
        let deadline = Date().addingTimeInterval(30)
        while (background.gaugesBusy || background.pollGauges()) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.002)
        }
        background.perform(.moveTop)
        background.perform(.drillDown)
        let message = try #require(background.state.message)
        #expect(message.contains("checksum mismatch in block \(name), rows "), "\(message)")
        #expect(background.state.levels.count == 2)
    }
}
