import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine
@testable import CostIngest

/// Caches written before format 3 (4-byte codes, days since 1970 as `Int32`) keep working: they
/// open, answer as the same bill ingested now, and a re-ingest merges their rows into a format 3
/// cache. The fixture is `Tests/Fixtures/cache-v2/format2.cache`, written by the format 2 build
/// (`b41c8d4`) from `focus-sample.csv.gz` beside it (every 16th line of the sample's September).
@Suite("Format 2 caches")
struct FormatTwoCacheTests {
    static let folder = Support.repository + "/Tests/Fixtures/cache-v2"

    static func dimensions(_ cache: CacheFile) -> [CostDimension] {
        [.fixed(.account), .fixed(.service), .fixed(.usageType), .fixed(.region), .fixed(.chargeCategory), .day, .month]
            + cache.tagKeys.map { .tag($0) }
    }

    @Test("a format 2 cache opens, checks out and answers as the same bill ingested by this build")
    func answersAlike() throws {
        let old = try CacheFile(path: FormatTwoCacheTests.folder + "/format2.cache")
        #expect(old.footer.formatVersion == 2 && old.codes(.service).width == 4 && old.days.origin == 0)
        try old.verifyAll()
        for table in old.aggregates { try table.verifyAll() }
        let (_, new) = try Support.ingest([FormatTwoCacheTests.folder + "/focus-sample.csv.gz"])
        #expect(new.footer.formatVersion == 3 && new.codes(.service).width == 1 && new.days.offsets.width == 1)
        #expect(old.rowCount == new.rowCount && old.dayRange == new.dayRange && !old.tagKeys.isEmpty)
        for dimension in FormatTwoCacheTests.dimensions(old) {
            for metric in [Metric.billed, .effective] {
                let expected = try totals(new, by: dimension, metric: metric)
                #expect(try totals(old, by: dimension, metric: metric) == expected, "\(dimension) \(metric)")
                #expect(!expected.isEmpty)
            }
        }
    }

    @Test("a re-ingest over a format 2 cache keeps its rows and writes format 3")
    func reingest() throws {
        let folder = Support.temporaryFolder()
        let path = folder + "/old.ctc"
        try FileManager.default.copyItem(atPath: FormatTwoCacheTests.folder + "/format2.cache", toPath: path)
        let old = try CacheFile(path: path)
        let bill = Support.write(minimalCUR, to: folder, "cur.csv")
        let (_, added) = try Support.ingest([bill], cache: folder + "/added.ctc")
        // The old cache's source lies outside the path ingested now, so its rows stay.
        let (_, merged) = try Support.ingest([bill], cache: path)
        #expect(merged.footer.formatVersion == 3 && merged.footer.sources.count == 2)
        for dimension in FormatTwoCacheTests.dimensions(old) where dimension != .day && !(dimension.isTag) {
            var expected = try totals(old, by: dimension)
            for (key, value) in try totals(added, by: dimension) { expected[key, default: 0] += value }
            #expect(try totals(merged, by: dimension) == expected, "\(dimension)")
        }
    }
}

private extension CostDimension {
    var isTag: Bool { if case .tag = self { return true } else { return false } }
}
