import CostCache
import CostModel

/// Small cache contents for the cache fuzzer's seed corpus: empty, one row, tags and labels,
/// several currencies, a span of days with gaps, the first and last days a date can have.
enum CacheSeeds {
    static func all() -> [CacheContents] {
        [contents(rows: 0), contents(rows: 1), contents(rows: 3, tagKeys: 2),
         contents(rows: 12, tagKeys: 1, currencies: 2, dayStep: 3),
         contents(rows: 4, firstDay: Day(year: 1, month: 1, day: 1)!.index, dayStep: 1_000_000),
         contents(rows: 2, firstDay: Day(year: 9999, month: 12, day: 31)!.index, dayStep: 0)]
    }

    private static func contents(rows: Int, tagKeys: Int = 0, currencies: Int = 1, firstDay: Int32 = 19_900,
                                 dayStep: Int = 1) -> CacheContents {
        var contents = CacheContents()
        let dimensions = FixedDimension.allCases.count
        for row in 0..<rows {
            contents.days.append(firstDay + Int32(row / 2 * dayStep))
            for index in 0..<dimensions { contents.dimensionCodes[index].append(UInt32(row % 2 + 1)) }
            contents.tagSetCodes.append(tagKeys == 0 ? 0 : UInt32(row % 2))
            for index in 0..<Measure.allCases.count {
                contents.measures[index].append(Int64(row + 1) * 1_250_000_000 * (index == 0 && row == 2 ? -1 : 1))
            }
        }
        for index in 0..<dimensions { contents.dictionaries[index] = ["", "alpha", "beta"] }
        contents.dictionaries[FixedDimension.currency.columnIndex] = currencies == 1 ? ["", "USD", "USD2"] : ["", "USD", "EUR"]
        contents.labels[FixedDimension.account.columnIndex] = ["", "Alpha account", ""]
        contents.tagKeys = (0..<tagKeys).map { "key\($0)" }
        contents.tagValues = (0..<tagKeys).map { ["", "value\($0)"] }
        contents.tagSetCount = tagKeys == 0 ? 1 : 2
        contents.tagSets = Array(repeating: 0, count: tagKeys) + Array(repeating: 1, count: tagKeys)
        contents.sources = [SourceRecord(path: "/seed.csv", size: 10, mtimeNanos: 5, format: "focus",
                                         lineItems: Int64(rows), rejected: 0)]
        return contents
    }
}
