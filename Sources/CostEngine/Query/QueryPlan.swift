import CostCache
import CostModel

/// Where a query reads: the smallest table that answers it (a pre-aggregated table when every
/// dimension it groups and filters by is kept there, else the raw rows), and which rows of it
/// (one run per day; narrowed by binary search when the query filters on the table's leading
/// cluster dimensions, e.g. an account, or an account's service). The rows are checked (lazy
/// verification) before they are returned, for the columns the query reads.
struct QueryPlan {
    /// The table read.
    let table: CacheFile

    /// The table for a query grouping by `groupBy` with `filters`, in `cache`.
    static func table(groupBy: CostDimension, filters: [Filter], in cache: CacheFile) -> CacheFile {
        var needed: Set<FixedDimension> = [.currency]
        for dimension in [groupBy] + filters.map(\.dimension) {
            switch dimension {
            case .fixed(let fixed): needed.insert(fixed)
            case .day, .month: continue
            case .tag, .category: return cache
            }
        }
        return cache.table(covering: needed)
    }

    /// The rows of `period` that can pass `filters`: one run per day, narrowed by the filters on
    /// the leading cluster dimensions. Every other filter must still be applied to each row.
    /// - Parameter columns: the columns the caller will read, checked over the runs first.
    static func runs(_ table: CacheFile, period: DayRange, filters: [Filter], columns: [CacheColumn]) throws -> [Range<Int>] {
        var prefix: [UInt32] = []
        for dimension in table.clusterDimensions {
            guard let filter = filters.first(where: { $0.dimension == .fixed(dimension) && !$0.exclude }) else { break }
            guard let code = code(of: filter, dimension, in: table) else { return [] }
            prefix.append(code)
        }
        let runs = try table.runs(in: period, matching: prefix)
        try table.verify(runs, columns: columns)
        return runs
    }

    /// The filters a scan of `runs(table, ...)` must still apply to each row: all but the include
    /// filters the runs hold exactly (the first on each leading cluster dimension, as `runs` takes
    /// them). A drill-down then tests no column per row for the account and service it is in.
    static func residualFilters(_ filters: [Filter], in table: CacheFile) -> [Filter] {
        var remaining = filters
        for dimension in table.clusterDimensions {
            guard let index = remaining.firstIndex(where: { $0.dimension == .fixed(dimension) && !$0.exclude }) else { break }
            remaining.remove(at: index)
        }
        return remaining
    }

    /// The code an include filter keeps, or nil when no row can hold it (as `CompiledFilter` reads it).
    static func code(of filter: Filter, _ dimension: FixedDimension, in table: CacheFile) -> UInt32? {
        if filter.value == filter.dimension.missingLabel { return 0 }
        guard let index = table.dictionary(dimension).index(of: filter.value), index > 0 else { return nil }
        return UInt32(index)
    }

    /// The columns a query reads: its group and filter columns, currency, the measure, and the day
    /// column when it groups by day or month or asks for daily series.
    static func columns(_ spec: QuerySpec) -> [CacheColumn] {
        var columns: [CacheColumn] = [.dimension(.currency), .measure(spec.metric.measure)]
        for dimension in [spec.groupBy] + spec.filters.map(\.dimension) {
            switch dimension {
            case .fixed(let fixed): columns.append(.dimension(fixed))
            case .tag: columns.append(.tagSet)
            case .day, .month: columns.append(.day)
            case .category: continue
            }
        }
        if spec.includeSeries { columns.append(.day) }
        return columns
    }
}
