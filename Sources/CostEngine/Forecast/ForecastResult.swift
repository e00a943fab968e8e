import CostModel

/// The forecast of one month for one node (or the total): what is known and where it will land.
public struct MonthForecast: Sendable, Equatable {
    /// The month's first day.
    public var month: Day
    /// Cost of the month's days up to the as-of day, nano-units (exact, as `query` sums it).
    public var actualToDate: Int128
    /// The month-end total forecast, and its prediction interval, nano-units.
    public var forecast: Int128
    public var lower: Int128
    public var upper: Int128
    /// Of the forecast, what scheduled charges (fees, tax, credits) still to post add, nano-units.
    public var scheduledRemaining: Int128

    public init(month: Day, actualToDate: Int128, forecast: Int128, lower: Int128, upper: Int128, scheduledRemaining: Int128) {
        self.month = month
        self.actualToDate = actualToDate
        self.forecast = forecast
        self.lower = lower
        self.upper = upper
        self.scheduledRemaining = scheduledRemaining
    }
}

/// One node's forecasts: the month asked for and the month after.
public struct ForecastRow: Sendable, Equatable {
    /// The node's key (`(other N)` for the folded rest), and its display name when the data has one.
    public var key: String
    public var name: String?
    public var current: MonthForecast
    public var next: MonthForecast
    /// The first day of a level shift under way, when the method found one.
    public var shiftSince: Day?
}

/// The answer to a `ForecastSpec`.
public struct ForecastResult: Sendable {
    public var spec: ForecastSpec
    /// The last day treated as known.
    public var asOf: Day
    /// The currency of every figure, nil when the selection has no cost.
    public var currency: String?
    /// Days of data the method looked at (up to 180 before and including `asOf`).
    public var historyDays: Int
    /// Whether the interval came from the backtest errors on this bill, or from the fallback width.
    public var empiricalInterval: Bool
    /// The selection's total.
    public var total: ForecastRow
    /// One row per node, largest first, the folded rest last.
    public var rows: [ForecastRow]
    /// What a reader should know: short history, a fallback interval, a level shift, scheduled charges.
    public var notes: [String]

    /// The coverage of the intervals, percent.
    public var level: Int { spec.level }
    /// Short history: fewer than 28 days of data, so no weekly pattern and a widened interval.
    public var shortHistory: Bool { historyDays < SeriesForecaster.levelWindow }
}
