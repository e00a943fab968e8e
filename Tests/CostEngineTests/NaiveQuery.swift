import CostCache
import CostEngine
import CostModel

/// What a query should answer, summed row by row over the contents given to the writer: the
/// oracle the query-plan and narrow-column tests compare the engine with.
enum NaiveQuery {
    /// Key → (cost, previous) of `spec` over every row of `contents` (fixed dimensions, the first
    /// tag key, and days; filters on fixed dimensions and that tag key).
    static func answer(_ spec: QuerySpec, over contents: CacheContents) -> [String: (Int128, Int128)] {
        let currency = UInt32(contents.dictionaries[FixedDimension.currency.columnIndex].firstIndex(of: spec.currency!)!)
        func value(_ dimension: CostDimension, _ row: Int) -> String { NaiveQuery.value(dimension, row, in: contents) }
        var answer: [String: (Int128, Int128)] = [:]
        for row in 0..<contents.rowCount where contents.dimensionCodes[FixedDimension.currency.columnIndex][row] == currency {
            guard spec.filters.allSatisfy({ (value($0.dimension, row) == $0.value) != $0.exclude }) else { continue }
            let day = Day(index: contents.days[row])
            let cost = Int128(contents.measures[spec.metric.measure.columnIndex][row])
            for (window, range) in [(0, spec.period), (1, spec.comparison!)] where range.contains(day) {
                let key = spec.groupBy == .day
                    ? spec.period.from.adding(days: Int(day.index - range.from.index)).description : value(spec.groupBy, row)
                var entry = answer[key] ?? (0, 0)
                if window == 0 { entry.0 += cost } else { entry.1 += cost }
                answer[key] = entry
            }
        }
        return answer
    }

    /// Row `row`'s value of `dimension` in `contents`, as the engine names it (a fixed dimension or
    /// the first tag key).
    static func value(_ dimension: CostDimension, _ row: Int, in contents: CacheContents) -> String {
        switch dimension {
        case .fixed(let fixed):
            let code = Int(contents.dimensionCodes[fixed.columnIndex][row])
            return code == 0 ? dimension.missingLabel : contents.dictionaries[fixed.columnIndex][code]
        case .tag:
            let code = Int(contents.tagSets[Int(contents.tagSetCodes[row])])
            return code == 0 ? dimension.missingLabel : contents.tagValues[0][code]
        default:
            fatalError("\(dimension) is not grouped or filtered by these tests")
        }
    }
}
