import CostModel

/// Builds the pre-aggregated tables a cache carries beside its raw rows: the rows summed by day
/// and a few dimensions (docs/cache-format.md, *Aggregates*). A query that groups and filters only
/// by an aggregate's dimensions reads it instead of the raw rows: at 50M rows, the top level of
/// the explorer reads 2,000 accounts a day instead of 127,000 rows.
enum AggregateBuilder {
    /// Dimensions with at most this many dictionary entries ride along in every aggregate (charge
    /// and pricing category, commitment type and status, provider, currency): they multiply its
    /// rows by little and let it answer more questions.
    static let companionLimit = 8
    /// An aggregate is kept only when it has at most this fraction of the raw rows.
    static let keepFraction = 4

    /// The aggregates worth keeping for `raw`, smallest first.
    static func build(_ raw: RowTableImage, dictionaries: [[String]]) -> [RowTableImage] {
        let counts = dictionaries.map { max(1, $0.count) }
        let companions = FixedDimension.allCases.filter {
            $0 == .currency || (counts[$0.columnIndex] <= companionLimit && $0 != .source)
        }
        var keys: [[FixedDimension]] = [[.account, .service]]
        for dimension in FixedDimension.allCases
        where !companions.contains(dimension) && dimension != .resource && dimension != .source {
            keys.append([dimension])
        }
        var built: [RowTableImage] = []
        for key in keys {
            let kept = key + companions.filter { !key.contains($0) }
            // Sum from the smallest table already built that keeps every dimension needed.
            let source = built.filter { image in kept.allSatisfy { image.dimensions[$0.columnIndex] != nil } }
                .min { $0.rowCount < $1.rowCount } ?? raw
            guard let image = aggregate(source, keeping: kept, counts: counts),
                  image.rowCount * keepFraction <= raw.rowCount
            else { continue }
            built.append(image)
        }
        built.sort { $0.rowCount < $1.rowCount }
        for index in built.indices { built[index].prefix = "agg\(index):" }
        return built
    }

    /// `source` summed by day and `kept` (in that order within a day), or nil when the key does
    /// not fit 64 bits or a sum overflows (the raw rows then answer those questions).
    static func aggregate(_ source: RowTableImage, keeping kept: [FixedDimension], counts: [Int]) -> RowTableImage? {
        var radix: UInt64 = 1
        for dimension in kept {
            let (product, overflow) = radix.multipliedReportingOverflow(by: UInt64(counts[dimension.columnIndex]))
            guard !overflow else { return nil }
            radix = product
        }
        let columns = kept.map { source.dimensions[$0.columnIndex]! }
        var days: [Int32] = []
        var keys: [UInt64] = []
        var sums = [[Int64]](repeating: [], count: Measure.allCases.count)
        // Per day: each row's key in mixed radix (first kept dimension most significant, so keys
        // sort like the codes), its slot found in a dictionary, then the day's slots in key order.
        var slotOf: [UInt64: Int] = [:]
        var dayKeys: [UInt64] = []
        var daySums = [[Int64]](repeating: [], count: Measure.allCases.count)
        for run in RowClustering.dayRuns(source.days) {
            slotOf.removeAll(keepingCapacity: true)
            dayKeys.removeAll(keepingCapacity: true)
            for index in daySums.indices { daySums[index].removeAll(keepingCapacity: true) }
            for row in run {
                var key: UInt64 = 0
                for (position, column) in columns.enumerated() {
                    key = key &* UInt64(counts[kept[position].columnIndex]) &+ UInt64(column[row])
                }
                let slot: Int
                if let found = slotOf[key] {
                    slot = found
                } else {
                    slot = dayKeys.count
                    slotOf[key] = slot
                    dayKeys.append(key)
                    for index in daySums.indices { daySums[index].append(0) }
                }
                for index in daySums.indices {
                    let (sum, overflow) = daySums[index][slot].addingReportingOverflow(source.measures[index][row])
                    guard !overflow else { return nil }
                    daySums[index][slot] = sum
                }
            }
            let order = dayKeys.indices.sorted { dayKeys[$0] < dayKeys[$1] }
            for slot in order {
                days.append(source.days[run.lowerBound])
                keys.append(dayKeys[slot])
                for index in sums.indices { sums[index].append(daySums[index][slot]) }
            }
        }
        // Split the keys back into one code column per kept dimension.
        var dimensions = [[UInt32]?](repeating: nil, count: FixedDimension.allCases.count)
        var remaining = keys
        for dimension in kept.reversed() {
            let count = UInt64(counts[dimension.columnIndex])
            dimensions[dimension.columnIndex] = remaining.map { UInt32($0 % count) }
            for index in remaining.indices { remaining[index] /= count }
        }
        return RowTableImage(prefix: "", days: days, dimensions: dimensions, tagSetCodes: nil, measures: sums,
                             clusterDimensions: kept, order: nil)
    }
}
