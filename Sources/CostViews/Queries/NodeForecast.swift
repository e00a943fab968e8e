import CostEngine
import CostModel

/// The month-end forecast of the explorer's current node (the drill context, `:where` included),
/// and its budget when the rules file has one for exactly this node: what the header and the
/// burn-down screen show.
public struct NodeForecast: Sendable {
    /// The current month: actual to date, forecast, interval.
    public var month: MonthForecast
    /// The last day known and the interval's coverage, percent.
    public var asOf: Day
    public var level: Int
    /// The month's cost per day up to `asOf`, first day first (the burn-down's actual line).
    public var daily: [Int128]
    /// The budget whose filter is this node's, with its status.
    public var budget: BudgetStatus?
}

extension ExplorerQueries {
    /// The forecast of the node `filters` select, remembered by question: only a new drill
    /// context, metric or currency asks the engine again.
    func nodeForecast(filters: [Filter], metric: Metric, currency: String?) -> NodeForecast? {
        let key = filters.map(\.description).sorted().joined(separator: "\u{1}") + "|\(metric.rawValue)|\(currency ?? "")"
        if let memo = forecastMemo, memo.key == key { return memo.value }
        let value = try? computeNodeForecast(filters: filters, metric: metric, currency: currency)
        forecastMemo = (key, value)
        return value
    }

    private func computeNodeForecast(filters: [Filter], metric: Metric, currency: String?) throws -> NodeForecast? {
        let analysis = ForecastAnalysis(engine: engine)
        let result = try analysis.run(ForecastSpec(filters: filters, metric: metric, currency: currency))
        guard result.currency != nil else { return nil }
        let month = result.total.current.month
        let spec = QuerySpec(groupBy: .day, filters: filters, period: DayRange(from: month, to: result.asOf),
                             comparison: nil, metric: metric, currency: result.currency)
        var daily = [Int128](repeating: 0, count: Int(result.asOf.index - month.index) + 1)
        for row in try engine.run(spec).rows {
            if let day = Day(row.key) { daily[Int(day.index - month.index)] = row.cost }
        }
        var forecast = NodeForecast(month: result.total.current, asOf: result.asOf, level: result.level, daily: daily, budget: nil)
        let context = Set(filters.map(\.description))
        if let budget = engine.rules.budgets.first(where: { budget in
            budget.filter.allSatisfy { $0.values.count == 1 }
                && Set(budget.filter.map { Filter(dimension: $0.dimension, value: $0.values[0], exclude: false).description }) == context
        }) {
            forecast.budget = try BudgetEvaluation(forecasts: analysis)
                .status(of: budget, month: nil, asOf: nil, metric: metric, currency: result.currency)
        }
        return forecast
    }
}
