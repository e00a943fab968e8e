import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine

/// Queries over format 3's narrow columns answer exactly as over the same data written 4 bytes
/// wide, and as a row-by-row sum: dictionaries that need 1, 2 and 4 bytes, a 2-byte tag set
/// column, a 2-byte day column, every kernel path (grouping by codes, tags, days, months, with
/// filters and daily series).
@Suite("Queries over narrow code columns")
struct NarrowColumnQueryTests {
    /// Sizes drawn once: account 1 byte, service 2 bytes, usage type 4 bytes, region 1, resource 2.
    static let sizes: [FixedDimension: Int] = {
        var random = SeededGenerator(seed: 41)
        return [.account: Int.random(in: 100...255, using: &random), .service: Int.random(in: 256...5_000, using: &random),
                .usageType: Int.random(in: 65_536...68_000, using: &random), .resource: Int.random(in: 300...2_000, using: &random)]
    }()
    static let contents = RandomRollup.contents(rows: 24_000, days: 300, seed: 43, sizes: sizes, tagValues: 400)
    static let caches: (narrow: CacheFile, wide: CacheFile) = {
        let folder = Support.temporaryFolder()
        try! CacheWriter(createdBy: "test").write(contents, to: folder + "/n.ctc")
        try! CacheWriter(createdBy: "test", narrowColumns: false).write(contents, to: folder + "/w.ctc")
        return (try! CacheFile(path: folder + "/n.ctc"), try! CacheFile(path: folder + "/w.ctc"))
    }()

    @Test("the widths are the ones this test means to cover")
    func widths() {
        let narrow = NarrowColumnQueryTests.caches.narrow
        #expect([FixedDimension.account, .service, .usageType, .resource, .currency].map { narrow.codes($0).width } == [1, 2, 4, 2, 1])
        #expect(narrow.tagSetCodes.width == 2 && narrow.days.offsets.width == 2)
    }

    @Test("random queries answer the same narrow and wide, and as the row-by-row sum", arguments: 0..<40)
    func randomQueries(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let (narrow, wide) = NarrowColumnQueryTests.caches
        let contents = NarrowColumnQueryTests.contents
        let range = try #require(narrow.dayRange)
        let groups: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType), .fixed(.resource),
                                       .fixed(.region), .fixed(.currency), .tag("team"), .day, .month]
        var filters: [Filter] = []
        for dimension in [CostDimension.fixed(.account), .fixed(.service), .fixed(.usageType), .tag("team")]
        where Int.random(in: 0..<3, using: &random) == 0 {
            // A value some row holds, so the filter keeps rows.
            let row = Int.random(in: 0..<contents.rowCount, using: &random)
            let value: String
            switch dimension {
            case .fixed(let fixed):
                let code = Int(contents.dimensionCodes[fixed.columnIndex][row])
                value = code == 0 ? dimension.missingLabel : contents.dictionaries[fixed.columnIndex][code]
            default:
                let code = Int(contents.tagSetCodes[row])
                value = code == 0 ? "(untagged)" : contents.tagValues[0][code]
            }
            filters.append(Filter(dimension: dimension, value: value, exclude: Int.random(in: 0..<4, using: &random) == 0))
        }
        let length = Int.random(in: 1...90, using: &random)
        let end = range.from.adding(days: Int.random(in: (length - 1)...(range.dayCount - 1), using: &random))
        let period = DayRange(from: end.adding(days: -(length - 1)), to: end)
        var spec = QuerySpec(groupBy: groups.randomElement(using: &random)!, filters: filters, period: period,
                             comparison: DayRange(from: period.from.adding(days: -length), to: period.from.adding(days: -1)),
                             metric: [.billed, .effective, .list].randomElement(using: &random)!,
                             currency: seed % 2 == 0 ? "currency-1" : "currency-2")
        spec.includeSeries = Bool.random(using: &random)
        // Two threads on every range larger than 5,000 rows, so the parallel path runs too.
        let answer = try QueryEngine(cache: narrow, parallelRows: 5_000).run(spec)
        let reference = try QueryEngine(cache: wide, parallelRows: 5_000).run(spec)
        #expect(answer.rows == reference.rows, "\(spec.groupBy) \(filters)")
        #expect(answer.total == reference.total && answer.previousTotal == reference.previousTotal)
        if spec.groupBy != .month && spec.groupBy != .fixed(.currency) {
            let expected = NaiveQuery.answer(spec, over: NarrowColumnQueryTests.contents)
            #expect(answer.rows.count == expected.count)
            for row in answer.rows { #expect(expected[row.key].map { $0 == (row.cost, row.previous) } == true, "\(row.key)") }
        }
    }
}
