import CostCache
import CostModel

/// Why a query cannot be answered.
public struct QueryError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Answers drill-down queries on a mapped cache.
///
/// One pass over the rows of each period (found by binary search on the sorted day column), with
/// filters compiled to per-code lookup tables and sums in dense arrays indexed by
/// `currency × group code`. Nothing is allocated per row, and strings are decoded only for the groups
/// in the answer.
public struct QueryEngine {
    /// The cache queried.
    public let cache: CacheFile
    /// Period ranges of at least this many rows are scanned by two threads.
    public let parallelRows: Int
    /// The rules file's categories and splits (`category:NAME` groups and filters).
    public var rules: AllocationRules { categories.rules }
    /// Category columns, built on first use and shared by every copy of this engine.
    let categories: CategoryColumns

    /// An engine over `cache`; `rules` define the `category:NAME` dimensions and their splits.
    public init(cache: CacheFile, rules: AllocationRules = .none, parallelRows: Int = 100_000) {
        self.cache = cache
        self.parallelRows = parallelRows
        categories = CategoryColumns(rules: rules, cache: cache)
    }

    /// Runs a query.
    /// - Throws: `QueryError` for an unknown tag key or an unknown currency.
    public func run(_ spec: QuerySpec) throws -> QueryResult {
        if case .category(let name) = spec.groupBy { return try runAllocated(spec, category: name) }
        // A pre-aggregated table answers the query when it keeps every dimension it touches.
        let table = QueryPlan.table(groupBy: spec.groupBy, filters: spec.filters, in: cache)
        if table !== cache { return try QueryEngine(cache: table, parallelRows: parallelRows).run(spec) }
        let columns = QueryPlan.columns(spec)
        let currentRuns = try QueryPlan.runs(cache, period: spec.period, filters: spec.filters, columns: columns)
        let previousRuns = try spec.comparison.map {
            try QueryPlan.runs(cache, period: $0, filters: spec.filters, columns: columns)
        } ?? []
        let grouping = try Grouping(spec.groupBy, cache: cache, spec: spec, categories: categories)
        let filters = try QueryPlan.residualFilters(spec.filters, in: cache).map {
            try CompiledFilter($0, cache: cache, categories: categories)
        }
        let currencies = cache.dictionary(.currency)
        let width = grouping.groupCount
        var current = [Int128](repeating: 0, count: currencies.count * width)
        var previous = current
        var seen = [Bool](repeating: false, count: currencies.count * width)
        accumulate(runs: currentRuns, grouping: grouping, filters: filters,
                   metric: spec.metric, offsetFrom: spec.period.from, into: &current, seen: &seen)
        if let comparison = spec.comparison {
            accumulate(runs: previousRuns, grouping: grouping, filters: filters,
                       metric: spec.metric, offsetFrom: comparison.from, into: &previous, seen: &seen)
        }

        let (chosen, present) = try chooseCurrency(spec, current: current, previous: previous, seen: seen, width: width)
        var result = QueryResult(spec: spec, currency: chosen.map { currencies[$0] },
                                 otherCurrencies: present.filter { $0.code != chosen }.map { currencies[$0.code] },
                                 total: 0, previousTotal: 0, rows: [])
        guard let chosen else { return result }
        if case .fixed(.currency) = spec.groupBy, spec.currency == nil {
            // Grouping by currency shows every currency; amounts in different currencies are never added.
            for code in present.map(\.code) {
                let index = code * width + code
                result.rows.append(grouping.row(code: code, cost: current[index], previous: previous[index]))
            }
            result.currency = nil
            result.otherCurrencies = []
            return result
        }
        // A series slot only for the groups answered, not for every code (SeriesSlots).
        let slots = spec.includeSeries ? SeriesSlots(seen: seen[(chosen * width)..<((chosen + 1) * width)]) : nil
        let series = slots.map {
            dailySeries(grouping: grouping, filters: filters, spec: spec, runs: currentRuns, currency: chosen, slots: $0)
        } ?? []
        let days = spec.period.dayCount
        for group in 0..<width where seen[chosen * width + group] {
            var row = grouping.row(code: group, cost: current[chosen * width + group],
                                   previous: previous[chosen * width + group])
            if let slots { row.series = Array(series[slots.range(of: group, days: days)]) }
            result.rows.append(row)
            result.total += row.cost
            result.previousTotal += row.previous
        }
        return result
    }

    /// The currency reported: the one asked for, else the only one with data, else the largest;
    /// and every currency with data (`present`), from sums laid out `currency × width`.
    func chooseCurrency(_ spec: QuerySpec, current: [Int128], previous: [Int128], seen: [Bool],
                        width: Int) throws -> (chosen: Int?, present: [(code: Int, magnitude: Int128)]) {
        let currencies = cache.dictionary(.currency)
        var present: [(code: Int, magnitude: Int128)] = []
        for code in 0..<currencies.count {
            let range = (code * width)..<((code + 1) * width)
            guard seen[range].contains(true) else { continue }
            var magnitude: Int128 = 0
            for index in range { magnitude += abs(current[index]) + abs(previous[index]) }
            present.append((code, magnitude))
        }
        if let wanted = spec.currency {
            guard let code = currencies.index(of: wanted) else {
                let known = (1..<max(1, currencies.count)).map { currencies[$0] }.joined(separator: ", ")
                throw QueryError("no costs in currency \(wanted) in this cache (it has: \(known))")
            }
            return (code, present)
        }
        return (present.max { $0.magnitude < $1.magnitude }?.code, present)
    }

    // MARK: - The scan

    /// Cost per (group, day of the period) in one currency: `slots × days`, row-major, a group's
    /// days at `slots.range(of:days:)`.
    /// - Parameters:
    ///   - runs: the period's rows (`QueryPlan.runs`), checked.
    ///   - slots: where each group's days go (one slot per group with rows).
    func dailySeries(grouping: Grouping, filters: [CompiledFilter], spec: QuerySpec, runs: [Range<Int>],
                     currency: Int, slots: SeriesSlots) -> [Int128] {
        let days = spec.period.dayCount
        var sums = [Int128](repeating: 0, count: slots.bufferCount(days: days))
        let values = cache.measure(spec.metric.measure)
        let currencyCodes = cache.codes(.currency)
        let dayColumn = cache.days
        let first = spec.period.from.index
        guard !runs.isEmpty else { return sums }
        sums.withUnsafeMutableBufferPointer { sums in
            if let column = grouping.codeColumn(offsetFrom: spec.period.from), column.base == 0 {
                // Coded columns: raw pointers, as in the main scan.
                withFilterColumns(filters) { filterColumns in
                    column.map.withUnsafeBufferPointer { map in
                        slots.slotOf.withUnsafeBufferPointer { slotOf in
                            let codes = column.codes
                            let mapped = column.map.isEmpty ? nil : map.baseAddress
                            let slotted = slots.slotOf.isEmpty ? nil : slotOf.baseAddress
                            for run in runs {
                                rowLoop: for row in run where Int(currencyCodes[row]) == currency {
                                    for filter in filterColumns where !filter.allowed[Int(filter.codes[row])] { continue rowLoop }
                                    var group = Int(codes[row])
                                    if let mapped { group = Int(mapped[group]) }
                                    if let slotted { group = Int(slotted[group]) }
                                    sums[group &* days &+ Int(dayColumn[row] &- first)] &+= Int128(values[row])
                                }
                            }
                        }
                    }
                }
                return
            }
            for run in runs {
                rowLoop: for row in run where Int(currencyCodes[row]) == currency {
                    for filter in filters where !filter.allows(row) { continue rowLoop }
                    guard let group = grouping.group(of: row, offsetFrom: spec.period.from) else { continue }
                    sums[slots.slot(of: group) * days + Int(dayColumn[row] - first)] += Int128(values[row])
                }
            }
        }
        return sums
    }

    private func accumulate(runs: [Range<Int>], grouping: Grouping, filters: [CompiledFilter], metric: Metric,
                            offsetFrom: Day, into sums: inout [Int128], seen: inout [Bool]) {
        guard !runs.isEmpty else { return }
        let values = cache.measure(metric.measure)
        let currencyCodes = cache.codes(.currency)
        let width = grouping.groupCount
        if let column = grouping.codeColumn(offsetFrom: offsetFrom) {
            // The common case: a dictionary-coded column; the tight kernel handles it.
            withFilterColumns(filters) { filterColumns in
                column.map.withUnsafeBufferPointer { map in
                    let kernel = ScanKernel(values: values.baseAddress!, currencies: currencyCodes,
                                            groupCodes: column.codes, groupBase: column.base,
                                            groupMap: column.map.isEmpty ? nil : map.baseAddress!,
                                            filters: filterColumns, width: width, parallelRows: parallelRows)
                    kernel.run(runs, sums: &sums, seen: &seen)
                }
            }
            return
        }
        sums.withUnsafeMutableBufferPointer { sums in
            seen.withUnsafeMutableBufferPointer { seen in
                rowLoop: for row in runs.joined() {
                    for filter in filters where !filter.allows(row) { continue rowLoop }
                    guard let group = grouping.group(of: row, offsetFrom: offsetFrom) else { continue }
                    let index = Int(currencyCodes[row]) * width + group
                    sums[index] += Int128(values[row])
                    seen[index] = true
                }
            }
        }
    }

    func withFilterColumns<R>(_ filters: [CompiledFilter], _ body: (UnsafeBufferPointer<ScanKernel.FilterColumn>) -> R) -> R {
        // The filters' tables live in their arrays for the duration of the call.
        var columns: [ScanKernel.FilterColumn] = []
        func collect(_ index: Int) -> R {
            guard index < filters.count else { return columns.withUnsafeBufferPointer(body) }
            return filters[index].allowedTable.withUnsafeBufferPointer { allowed in
                columns.append(ScanKernel.FilterColumn(codes: filters[index].codeColumn, allowed: allowed.baseAddress!))
                return collect(index + 1)
            }
        }
        return collect(0)
    }
}
