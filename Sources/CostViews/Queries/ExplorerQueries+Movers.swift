import CostEngine
import CostModel

// The movers screen's questions, beside the table's (kept in their own file so the table's
// queries and these change independently).
extension ExplorerQueries {
    /// The movers of the explorer's period against its comparison (the previous period when the
    /// table compares with nothing), over the whole bill within the `:where` filters. With the table
    /// grouped by a cost category, the path starts at that category (its values with their splits)
    /// and goes on to service and usage type.
    func movers(_ state: ExplorerState, limit: Int = 50) throws -> MoversResult {
        let (period, comparison) = moverWindows(state)
        let spec = MoversSpec(period: period, comparison: comparison, path: moversPath(state), filters: state.filters,
                              metric: state.metric, limit: limit)
        return try MoversAnalysis(engine: queryEngine).run(spec)
    }

    /// The drill path movers follow for a state: the default one, or a category's values first.
    func moversPath(_ state: ExplorerState) -> [CostDimension] {
        guard case .category = state.level.groupBy else { return MoversSpec.defaultPath }
        return [state.level.groupBy, .fixed(.service), .fixed(.usageType)]
    }

    /// The two windows movers compare for a state.
    func moverWindows(_ state: ExplorerState) -> (period: DayRange, comparison: DayRange) {
        let (period, comparison) = ranges(state)
        return (period, comparison ?? state.period.previous(of: period))
    }

    /// A mover's daily cost in both windows (the meeting layout's chart), first day first.
    func moverSeries(_ mover: Mover, result: MoversResult) -> (now: [Int128], before: [Int128]) {
        let filters = mover.path.compactMap { step in
            CostDimension(step.dimension).map { Filter(dimension: $0, value: step.key, exclude: false) }
        } + result.spec.filters
        func series(_ range: DayRange) -> [Int128] {
            var values = [Int128](repeating: 0, count: range.dayCount)
            let spec = QuerySpec(groupBy: .day, filters: filters, period: range, comparison: nil,
                                 metric: result.spec.metric, currency: result.currency)
            for row in (try? queryEngine.run(spec))?.rows ?? [] {
                if let day = Day(row.key) { values[Int(day.index - range.from.index)] = row.cost }
            }
            return values
        }
        return (series(result.spec.period), series(result.spec.comparison))
    }

    /// The notes file beside the cache.
    var moverNotesPath: String { MoverNotes.path(forCache: cache.path) }
}
