import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The commitments screen (`c`) on the bundled sample data, checked against the engine's figures.
@Suite("Commitment screen", .serialized)
struct CommitmentScreenTests {
    static let cache: CacheFile = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        return try! Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path).1
    }()

    var period: DayRange { PeriodSpec.last30Days.resolve(in: Self.cache.dayRange!) }

    func explorer() throws -> Explorer { try Explorer(cache: Self.cache, cacheName: "sample.ctc") }

    func screen(_ explorer: Explorer, _ width: Int = 100, _ height: Int = 30, unicode: Bool = true) -> [String] {
        ExplorerRenderer.render(explorer, width: width, height: height, unicode: unicode).lines
    }

    /// The commitments screen's own state (its list and selection).
    func screenState(_ explorer: Explorer) -> CommitmentsScreen { explorer.screen(CommitmentsScreen.self) }

    /// The engine's commitments over the explorer's default period, whole bill.
    func engineCommitments() throws -> [CommitmentRow] {
        try CommitmentAnalysis(cache: Self.cache).commitments(filters: [], period: period, currency: "USD")
    }

    @Test("c lists every commitment with the engine's utilization and unused money; Esc, c and Left return")
    func list() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        let expected = try engineCommitments()
        #expect(expected.count == 3)
        session.run(.commitments)
        #expect(session.screen == .commitments && screenState(explorer).selection == 0)
        #expect(screenState(explorer).list?.rows == expected)
        let lines = screen(explorer, 200, 30)
        #expect(lines[1].contains("3 commitments in the whole bill"))
        for (index, commitment) in expected.enumerated() {
            let line = lines[3 + index]
            // At 200 columns the whole ARN fits.
            #expect(line.contains(commitment.id), "\(commitment.id) in \(line)")
            #expect(line.contains(Gauge.percent(try #require(commitment.utilization))), "utilization in \(line)")
            #expect(line.contains(Formatting.money(commitment.unused, symbol: "$")), "unused in \(line)")
            #expect(line.contains(commitment.type))
            #expect(line.contains(CommitmentsScreen.scopeText(commitment.accountsCovered)))
        }
        // The total line: all commitments together.
        let total = expected.reduce(Int128(0)) { $0 + $1.totalCommitment }
        let used = expected.reduce(Int128(0)) { $0 + $1.used }
        let totalLine = try #require(lines.first { $0.hasPrefix(" TOTAL") })
        #expect(totalLine.contains(Gauge.percent(Double(used) / Double(total) * 100)))
        #expect(totalLine.contains(Formatting.money(total - used, symbol: "$")))

        // At 100 columns ids keep their distinctive end.
        let narrow = screen(explorer)
        for (index, commitment) in expected.enumerated() {
            let cell = String(narrow[3 + index].dropFirst().prefix { $0 != " " })
            #expect(cell.hasPrefix("…") && commitment.id.hasSuffix(cell.dropFirst()), "\(cell) ends \(commitment.id)")
        }
        Snapshot.assert(narrow, named: "commitments-100x30")

        session.run(.moveDown)
        #expect(screenState(explorer).selection == 1)
        session.run(.moveDown)
        session.run(.moveDown)
        #expect(screenState(explorer).selection == 2, "stops at the last commitment")
        session.run(.closeCommitments)
        #expect(session.screen == .table)
        #expect(screen(explorer)[2].contains("All  by account"))
        for key in [KeyEvent.character("c"), .left] {
            session.run(.commitments)
            session.press(key)
            #expect(session.screen == .table, "\(key.name) returns")
        }
    }

    @Test("Enter shows what the commitment covered, by account; its total is the engine's; Left goes back up")
    func drillIntoCovered() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        let expected = try engineCommitments()
        // Start deeper, to see the whole-bill list replace the drill path.
        session.run(.drillDown)
        session.run(.commitments)
        session.run(.moveDown)
        let commitment = expected[1]
        session.run(.showCovered)
        #expect(session.screen == .table)
        #expect(explorer.state.level.groupBy == .fixed(.account))
        let filters = [Filter(dimension: .fixed(.commitment), value: commitment.id, exclude: false),
                       Filter(dimension: .fixed(.commitmentStatus), value: "Used", exclude: false)]
        #expect(explorer.state.activeFilters == filters)

        // Effective cost of the covered line items, as the engine sums them (billed cost of covered
        // usage says little: 0 for reservations).
        #expect(explorer.state.metric == .effective)
        #expect(explorer.state.message?.contains("effective cost") == true)
        let engine = QueryEngine(cache: Self.cache)
        let effective = try engine.run(QuerySpec(groupBy: .fixed(.account), filters: filters, period: period,
                                                 comparison: nil, metric: .effective))
        #expect(explorer.data.total == effective.total)
        #expect(Set(explorer.data.rows.map(\.key)) == Set(effective.rows.map(\.key)))
        #expect(explorer.data.rows.count == commitment.accountsCovered)
        let lines = screen(explorer)
        #expect(lines[2].contains("All › commitment …") && lines[2].contains("› Used") && lines[2].contains("by account"))
        #expect(lines.contains { $0.contains("TOTAL") && $0.contains(Money.groupedString(effective.total)) })
        session.run(.setMetric, "billed")
        let billed = try engine.run(QuerySpec(groupBy: .fixed(.account), filters: filters, period: period, comparison: nil))
        #expect(explorer.data.total == billed.total)

        // In list cost, the table is the coverage analysis's covered cost of this commitment.
        session.run(.setMetric, "list")
        let coverage = try CommitmentAnalysis(cache: Self.cache).coverage(by: .fixed(.commitment), filters: [], period: period)
        let covered = try #require(coverage.rows.first { $0.key == commitment.id }).coveredCost
        #expect(explorer.data.total == covered)

        // Drilling on follows the default path; Left climbs back through the two pushed steps.
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.service))
        session.run(.goUp)
        session.run(.goUp)
        #expect(explorer.state.level.groupBy == .fixed(.commitmentStatus))
        #expect(explorer.data.rows[explorer.state.selection].key == "Used")
        session.run(.goUp)
        #expect(explorer.state.levels.count == 1 && explorer.state.steps.isEmpty)
    }

    @Test("the list is computed when the screen opens, not on every key; :where filters apply")
    func computedOnOpen() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        #expect(screenState(explorer).list == nil)
        session.run(.cycleSort)
        session.run(.moveDown)
        #expect(screenState(explorer).list == nil, "browsing keys do not compute the list")
        session.run(.addFilter, "account=901234567890")
        session.run(.commitments)
        let list = try #require(screenState(explorer).list)
        let expected = try CommitmentAnalysis(cache: Self.cache).commitments(
            filters: [Filter("account=901234567890")!], period: period, currency: "USD")
        #expect(list.rows == expected)
        #expect(screen(explorer)[1].contains("where account=901234567890"))
    }

    @Test("a cache without commitments shows no gauge strip and an empty commitments screen")
    func noCommitments() throws {
        let folder = Support.temporaryFolder()
        let csv = "SubAccountId,ServiceName,ChargePeriodStart,BilledCost\nacct,AmazonS3,2024-09-01T00:00:00Z,1.00\n"
        let (_, cache) = try Support.ingest([Support.write(csv, to: folder, "plain.csv")])
        let explorer = try Explorer(cache: cache, cacheName: "plain.ctc")
        let session = ScriptedSession(explorer)
        #expect(explorer.data.commitmentSummary == nil)
        var lines = screen(explorer)
        #expect(lines[3].contains("ACCOUNT"), "the table starts right under the breadcrumb")
        #expect(!lines.last!.contains("commitments"))
        session.run(.commitments)
        lines = screen(explorer)
        #expect(lines.contains { $0.contains("no commitments in this period") })
    }
}
