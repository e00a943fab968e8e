import CostModel

/// A month-end forecast question: which month, as of which day, per node of which dimension.
public struct ForecastSpec: Sendable {
    /// The dimension of the rows; nil forecasts only the total of the selection.
    public var groupBy: CostDimension?
    /// Filters, all of which must hold (AND), as in a query.
    public var filters: [Filter]
    /// Any day of the month forecast; nil means the month of `asOf`.
    public var month: Day?
    /// The last day treated as known; nil means the last day in the cache. Later days are ignored,
    /// which is how the backtest (scripts/eval-forecast.py) cuts a bill at any day.
    public var asOf: Day?
    /// Coverage of the prediction interval in percent, 50–99.
    public var level: Int
    /// The cost measure.
    public var metric: Metric
    /// The currency reported; nil picks the only one present, or the largest.
    public var currency: String?
    /// Most rows forecast on their own; the rest are forecast together as one `(other N)` row.
    public var limit: Int
    /// Correct each forecast by the median of the method's past errors at the same horizon (a bill
    /// that grows through the month is otherwise under-forecast); off only to measure its effect.
    public var correctBias = true

    public init(groupBy: CostDimension? = nil, filters: [Filter] = [], month: Day? = nil, asOf: Day? = nil,
                level: Int = 80, metric: Metric = .billed, currency: String? = nil, limit: Int = 20) {
        self.groupBy = groupBy
        self.filters = filters
        self.month = month
        self.asOf = asOf
        self.level = level
        self.metric = metric
        self.currency = currency
        self.limit = limit
    }
}
