import CostModel

/// Evaluates the rules file's budgets for one month (docs/budgets.md): each budget's actual cost
/// so far and its forecast (`ForecastAnalysis` on the budget's filter), against its amount.
public struct BudgetEvaluation {
    public let forecasts: ForecastAnalysis

    /// Evaluation with the engine of `forecasts` (its rules give `category:NAME` filters).
    public init(forecasts: ForecastAnalysis) {
        self.forecasts = forecasts
    }

    /// The status of every budget of the rules that has an amount for the month, in file order.
    /// - Parameters:
    ///   - month: any day of the month; nil means the month of `asOf` (or of the cache's last day).
    ///   - asOf: the last day known; nil means the cache's last day.
    ///   - metric, currency: as in a query.
    /// - Throws: `QueryError` for an unknown tag key, category or currency, or an empty cache.
    public func run(month: Day? = nil, asOf: Day? = nil, metric: Metric = .billed, currency: String? = nil,
                    extraFilters: [Filter] = []) throws -> [BudgetStatus] {
        try forecasts.engine.rules.budgets.compactMap { budget in
            try status(of: budget, month: month, asOf: asOf, metric: metric, currency: currency, extraFilters: extraFilters)
        }
    }

    /// The status of one budget, nil when it has no amount for the month.
    public func status(of budget: Budget, month: Day?, asOf: Day?, metric: Metric = .billed, currency: String? = nil,
                       extraFilters: [Filter] = []) throws -> BudgetStatus? {
        // Single values become filters; the one dimension that may list several values is grouped
        // by, and the rows of its listed values are added up (forecasts add up; intervals do not).
        var filters = extraFilters
        var listed: MatchCondition?
        for condition in budget.filter {
            if condition.values.count == 1 {
                filters.append(Filter(dimension: condition.dimension, value: condition.values[0], exclude: false))
            } else {
                listed = condition
            }
        }
        let spec = ForecastSpec(groupBy: listed?.dimension, filters: filters, month: month, asOf: asOf,
                                metric: metric, currency: currency, limit: Int.max / 2)
        let result = try forecasts.run(spec)
        guard let amount = budget.amount.amount(monthIndex: result.total.current.month.monthIndex) else { return nil }
        var figures = result.total.current
        if let listed {
            let rows = result.rows.filter { listed.values.contains($0.key) }.map(\.current)
            figures.actualToDate = rows.reduce(0) { $0 + $1.actualToDate }
            figures.forecast = rows.reduce(0) { $0 + $1.forecast }
            figures.lower = rows.reduce(0) { $0 + $1.lower }
            figures.upper = rows.reduce(0) { $0 + $1.upper }
        }
        let actual = figures.actualToDate
        let forecast = figures.forecast
        let state: BudgetStatus.State = actual >= amount ? .exceeded : forecast >= amount ? .atRisk : .ok
        let crossed = budget.alerts.compactMap { alert -> BudgetStatus.CrossedAlert? in
            let threshold = Int128((Double(amount) * alert.percent / 100).rounded())
            let value = alert.basis == .actual ? actual : forecast
            return value >= threshold ? BudgetStatus.CrossedAlert(alert: alert, threshold: threshold, value: value) : nil
        }
        return BudgetStatus(budget: budget, month: figures.month, asOf: result.asOf, amount: amount, actual: actual,
                            forecast: forecast, lower: figures.lower, upper: figures.upper, currency: result.currency,
                            state: state, crossed: crossed)
    }
}
