import CostCache
import CostModel

/// A random daily roll-up, written straight as cache contents, for the tests of the cache's
/// layout (clustering, day index, aggregates): rows in random order within each day (so the
/// writer must sort them), small dictionaries so that random filters hit, a few currencies and
/// tag sets, days with no rows.
public enum RandomRollup {
    /// The dimensions given more than one value.
    public static let varied: [FixedDimension] = [.account, .service, .usageType, .region, .chargeCategory, .pricingCategory, .currency]

    /// - Parameters:
    ///   - sizes: dictionary sizes (real values, code 0 aside) overriding the defaults below, e.g. to
    ///     need 2- or 4-byte code columns; each dimension's highest code is then given to a row.
    ///   - tagValues: values of the one tag key `team` beyond the default three (each its own tag set).
    public static func contents(rows: Int, days: Int, seed: UInt64, sizes custom: [FixedDimension: Int] = [:],
                                tagValues extraTags: Int = 0) -> CacheContents {
        var random = SeededGenerator(seed: seed)
        var contents = CacheContents()
        let firstDay = Day(year: 2025, month: 3, day: 1)!.index
        var dayOf = (0..<rows).map { _ in Int32.random(in: 0..<Int32(days), using: &random) }
        // Leave two days empty, to test the day index's gaps.
        dayOf = dayOf.map { $0 == 3 || $0 == 4 ? 5 : $0 }
        dayOf.sort()
        contents.days = dayOf.map { firstDay + $0 }
        // Account, service, usage type and region have more than `AggregateBuilder.companionLimit`
        // values, so each gets an aggregate; the others ride along in every aggregate.
        var sizes: [FixedDimension: Int] = [.account: 10, .service: 10, .usageType: 25, .region: 12, .chargeCategory: 3,
                                            .pricingCategory: 2, .currency: 2]
        sizes.merge(custom) { $1 }
        for dimension in FixedDimension.allCases {
            let size = sizes[dimension] ?? 1
            contents.dictionaries[dimension.columnIndex] = [""] + (1...size).map { "\(dimension.rawValue)-\($0)" }
            // Code 0 (missing) appears too, except for currency.
            let lowest: UInt32 = dimension == .currency || size == 1 ? 1 : 0
            contents.dimensionCodes[dimension.columnIndex] = (0..<rows).map { _ in
                UInt32.random(in: lowest...UInt32(size), using: &random)
            }
            if custom[dimension] != nil, rows > 0 {
                contents.dimensionCodes[dimension.columnIndex][Int.random(in: 0..<rows, using: &random)] = UInt32(size)
            }
        }
        contents.dictionaries[FixedDimension.chargeCategory.columnIndex] = ["", "Usage", "Tax", "Credit"]
        contents.tagKeys = ["team"]
        contents.tagValues = [["", "web", "data", "ops"] + (0..<extraTags).map { "team-\($0)" }]
        contents.tagSetCount = 4 + extraTags
        contents.tagSets = (0..<UInt32(contents.tagSetCount)).map { $0 }
        contents.tagSetCodes = (0..<rows).map { _ in UInt32.random(in: 0...UInt32(contents.tagSetCount - 1), using: &random) }
        if extraTags > 0, rows > 0 { contents.tagSetCodes[rows - 1] = UInt32(contents.tagSetCount - 1) }
        for measure in Measure.allCases {
            contents.measures[measure.columnIndex] = (0..<rows).map { _ in
                Int64.random(in: -2_000_000_000...90_000_000_000, using: &random)
            }
        }
        contents.sources = [SourceRecord(path: "/r.parquet", size: 1, mtimeNanos: 0, format: "focus",
                                         lineItems: Int64(rows), rejected: 0)]
        return contents
    }
}
