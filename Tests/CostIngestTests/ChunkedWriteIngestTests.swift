import CostCache
import CostIngest
import CostModel
import CosttopTestSupport
import Foundation
import Testing

/// The ingest builds, checks and writes the cache a few days at a time (`writeChunkRows`), freeing
/// each day's roll-up once its rows are written. However small the chunks, the cache must be the
/// same byte for byte and the summary the same: the restatement rule for roll-ups decided over all
/// rows (including a month whose winning export starts later, which moves the first day), the
/// totals, the commitment warnings and the refusal of mixed Azure kinds, which leaves the old cache.
@Suite("Ingest written in chunks of days")
struct ChunkedWriteIngestTests {
    /// The summary's figures that depend on the rows.
    static func figures(_ summary: IngestSummary) -> String {
        "\(summary.cacheRows) \(String(describing: summary.days)) \(summary.rollupMonthsReplaced) "
            + summary.totals.map { "\($0.currency) \($0.billed) \($0.effective)" }.joined(separator: ";")
            + " " + summary.warnings.joined(separator: ";")
    }

    @Test("a day per chunk, a few days per chunk and one chunk give the same cache and summary")
    func sameCache() throws {
        let folder = Support.temporaryFolder()
        // Roll-ups: run 1 holds June 28–30 and July; run 2, later, restates July from July 3, and
        // so June's days stay while July 1–2 go.
        let days = (0..<33).map { Day("2024-06-28")!.adding(days: $0) }
        try RollupIngestTests.export(folder + "/rollups/run-1", "part-0.csv",
                                     days.map { RollupIngestTests.row($0.description, "\(10 + $0.index % 7).25", 3) },
                                     modified: 1_000_000)
        try RollupIngestTests.export(folder + "/rollups/run-2", "part-0.csv",
                                     days.filter { $0 >= Day("2024-07-03")! }.map { RollupIngestTests.row($0.description, "2.50", 1) },
                                     modified: 2_000_000)
        let inputs = [folder + "/rollups", Support.repository + "/sample-data/aws-cur", Support.repository + "/sample-data/focus"]
        var caches: [Data] = []
        var summaries: [String] = []
        for chunkRows in [1, 500, 1 << 21] {
            let path = folder + "/cache-\(chunkRows).ctc"
            let (summary, cache) = try Support.ingest(inputs, cache: path) { options in
                options.writeChunkRows = chunkRows
                options.workerThreads = 1  // the same row order within a day in every run
            }
            try cache.verifyAll()
            #expect(summary.rollupMonthsReplaced == 1)
            #expect(summary.days?.from == Day("2024-06-28"))
            caches.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            summaries.append(ChunkedWriteIngestTests.figures(summary))
        }
        #expect(caches.allSatisfy { $0 == caches[0] })
        #expect(summaries.allSatisfy { $0 == summaries[0] }, "\(summaries)")
        // Restated July 1–2 are gone, June 28–30 stay.
        let cache = try CacheFile(path: folder + "/cache-1.ctc")
        let source = cache.codes(.source)
        let dictionary = cache.dictionary(.source)
        let rollupDays = Set((0..<cache.rowCount).filter { dictionary[Int(source[$0])].contains("/rollups/") }.map { cache.days[$0] })
        #expect(rollupDays.contains(Day("2024-06-30")!.index))
        #expect(!rollupDays.contains(Day("2024-07-01")!.index) && !rollupDays.contains(Day("2024-07-02")!.index))
    }

    @Test("mixed Azure kinds refused part-way through the write leave the old cache and no temporary file")
    func refusedMidWrite() throws {
        let folder = Support.temporaryFolder()
        let actual = Support.write(AzureCostKindTests.eaExport(), to: folder, "costexports/actualcost/20230901-20230930/part_0_0001.csv")
        let amortized = Support.write(AzureCostKindTests.eaExport(), to: folder,
                                      "costexports/amortizedcost/20230901-20230930/part_0_0001.csv")
        let path = folder + "/cache/azure.ctc"
        _ = try Support.ingest([actual], cache: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: IngestError.self) {
            _ = try Support.ingest([actual, amortized], cache: path) { $0.writeChunkRows = 1 }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/cache").filter { $0.contains(".tmp.") } == [])
    }
}
