import CostEngine
import CostModel

/// A table row's cost per unit of the business metric chosen with `:per` (or `u`): the shared
/// `UnitCost` figures of `costtop query --per`, and the unit cost of each day of the period for
/// the row's unit-cost sparkline (nil on days without volume).
public struct RowUnitCost: Sendable, Equatable {
    public var figures: UnitCost
    public var daily: [Double?]
}

extension ExplorerQueries {
    /// The business metrics imported beside the cache (`costtop metrics import`), by name.
    var metricNames: [String] { metrics.values.keys.sorted() }

    /// Each row's unit cost (by key) and the total's, per `state.unitMetric`; empty without one.
    ///
    /// The volume a row is divided by: the metric's values for the row's category value when the
    /// level is grouped by a category, else for the category value the drill path went into (the
    /// rows are parts of it), else the whole bill's.
    func unitCosts(_ state: ExplorerState, rows: [QueryRow], total: Int128, previousTotal: Int128,
                   period: DayRange, comparison: DayRange?) -> (rows: [String: RowUnitCost], total: UnitCost?) {
        guard let metric = state.unitMetric, metrics.values[metric] != nil else { return ([:], nil) }
        let context = state.steps.last { if case .category = $0.dimension { return true } else { return false } }?.key
        var grouped = false
        if case .category = state.level.groupBy { grouped = true }
        var result: [String: RowUnitCost] = [:]
        for row in rows {
            let key = grouped ? row.key : context
            let figures = UnitCost(cost: row.cost, previous: row.previous, metric: metric, key: key, metrics: metrics,
                                   period: period, comparison: comparison)
            result[row.key] = RowUnitCost(figures: figures, daily: UnitCost.daily(row.series, from: period.from, metric: metric,
                                                                                   key: key, metrics: metrics))
        }
        let totalFigures = UnitCost(cost: total, previous: previousTotal, metric: metric, key: context, metrics: metrics,
                                    period: period, comparison: comparison)
        return (result, totalFigures)
    }
}
