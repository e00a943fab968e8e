import CostModel

extension QueryEngine {
    /// A query grouped by category `name`: each row is a category value's cost after the
    /// category's splits, with its `AllocationFlow` (direct cost, received, passed on).
    ///
    /// Splits divide each day's cost of the selection (the other filters apply first). A filter on
    /// this same category picks values after the splits, so a value keeps what it received.
    /// - Throws: `QueryError` for an unknown category, a cycle of splits, an unknown currency.
    func runAllocated(_ spec: QuerySpec, category name: String) throws -> QueryResult {
        // Every row of both periods is read below (category columns cover every column): check them first.
        _ = try cache.rows(in: spec.period)
        if let comparison = spec.comparison { _ = try cache.rows(in: comparison) }
        let column = try categories.column(name)
        let splits: [CostSplit]
        do {
            splits = try rules.orderedSplits(of: name)
        } catch let cycle as SplitCycle {
            throw QueryError("category \(name): \(cycle)")
        }
        let valueFilters = spec.filters.filter { $0.dimension == spec.groupBy }
        let filters = try spec.filters.filter { $0.dimension != spec.groupBy }
            .map { try CompiledFilter($0, cache: cache, categories: categories) }
        let currencies = cache.dictionary(.currency)
        let width = max(1, column.values.count)

        // The values splits involve get daily sums; every other value only a total.
        var slotOf = [Int32](repeating: -1, count: width)
        var slotCodes: [Int] = []
        func slot(_ value: String) -> Int {
            let code = Int(column.codeOf[value]!)
            if slotOf[code] < 0 {
                slotOf[code] = Int32(slotCodes.count)
                slotCodes.append(code)
            }
            return Int(slotOf[code])
        }
        let steps = splits.map { split in
            let weights: [Int128]?
            switch split.method {
            case .proportional: weights = nil
            case .even: weights = split.targets.map { _ in 1 }
            case .fixed(let table): weights = split.targets.map { Int128(table[$0] ?? 0) }
            }
            return SplitAllocator.Step(source: slot(split.source), targets: split.targets.map(slot), weights: weights,
                                       method: split.method.id, sourceName: split.source)
        }

        // When every value's days fit in a small table (a few hundred kilobytes at most), every value
        // gets daily sums and the totals come from them: one add per row, as in the plain query.
        // Otherwise values no split involves share one spare slot, so the scan never branches on it.
        let involved = slotCodes.count
        let longest = max(spec.period.dayCount, spec.comparison?.dayCount ?? 0)
        let everyValueDaily = currencies.count * (width + 1) * longest <= 1 << 15
        if everyValueDaily { for value in column.values { _ = slot(value) } }
        let slots = slotCodes.count
        for code in 0..<width where slotOf[code] < 0 { slotOf[code] = Int32(slots) }

        func allocate(_ range: DayRange) -> (sums: [Int128], seen: [Bool], flows: [[AllocationFlow]], daily: [[Int128]]) {
            let days = range.dayCount
            var (sums, seen, daily) = withFilterColumns(filters) { filterColumns in
                slotOf.withUnsafeBufferPointer { slotOf in
                    AllocationScan(values: cache.measure(spec.metric.measure).baseAddress ?? UnsafePointer(bitPattern: 8)!,
                                   currencies: cache.codes(.currency),
                                   categoryCodes: column.codes.baseAddress!,
                                   days: cache.days,
                                   slotOf: slotOf.baseAddress!, filters: filterColumns, width: width,
                                   slots: slots, dayCount: days, firstDay: range.from.index,
                                   parallelRows: parallelRows, addSums: !everyValueDaily)
                        .run(cache.unverifiedRows(in: range), currencyCount: currencies.count)
                }
            }
            var flows: [[AllocationFlow]] = []
            var after: [[Int128]] = []
            let block = (slots + 1) * days
            for currency in 0..<currencies.count {
                var part = Array(daily[(currency * block)..<(currency * block + slots * days)])
                flows.append(SplitAllocator.apply(steps, daily: &part, slots: slots, days: days))
                for (slot, code) in slotCodes.enumerated() {
                    let total = part[(slot * days)..<((slot + 1) * days)].reduce(Int128(0), +)
                    sums[currency * width + code] = total
                    // A target with no charges of its own still appears once it receives cost.
                    if total != 0 { seen[currency * width + code] = true }
                }
                after.append(part)
            }
            daily = []
            return (sums, seen, flows, after)
        }

        let current = allocate(spec.period)
        let previous = spec.comparison.map(allocate)
        let previousSums = previous?.sums ?? [Int128](repeating: 0, count: current.sums.count)
        var seen = current.seen
        if let previous { for index in seen.indices where previous.seen[index] { seen[index] = true } }
        let (chosen, present) = try chooseCurrency(spec, current: current.sums, previous: previousSums, seen: seen, width: width)
        var result = QueryResult(spec: spec, currency: chosen.map { currencies[$0] },
                                 otherCurrencies: present.filter { $0.code != chosen }.map { currencies[$0.code] },
                                 total: 0, previousTotal: 0, rows: [])
        guard let chosen else { return result }

        var series: [Int128] = []
        let days = spec.period.dayCount
        if spec.includeSeries {
            let grouping = try Grouping(spec.groupBy, cache: cache, spec: spec, categories: categories)
            series = dailySeries(grouping: grouping, filters: filters, spec: spec,
                                 runs: [cache.unverifiedRows(in: spec.period)], currency: chosen,
                                 slots: SeriesSlots(identity: width))
            // The split values' days after the splits.
            for (slot, code) in slotCodes.enumerated() {
                series.replaceSubrange((code * days)..<((code + 1) * days),
                                       with: current.daily[chosen][(slot * days)..<((slot + 1) * days)])
            }
        }
        for code in 0..<width where seen[chosen * width + code] {
            let key = column.values[code]
            let kept = valueFilters.allSatisfy { ($0.value == key) != $0.exclude }
            guard kept else { continue }
            var row = QueryRow(key: key, name: nil, cost: current.sums[chosen * width + code],
                               previous: previousSums[chosen * width + code], isMissing: false)
            if Int(slotOf[code]) < involved { row.allocation = current.flows[chosen][Int(slotOf[code])] }
            if spec.includeSeries { row.series = Array(series[(code * days)..<((code + 1) * days)]) }
            result.rows.append(row)
            result.total += row.cost
            result.previousTotal += row.previous
        }
        return result
    }
}
