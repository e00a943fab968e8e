import CostModel

/// A month's budget burn-down.
public struct BurnDownChart: Sendable, Equatable {
    /// The budget's name.
    public var name: String
    /// The month's first day and its length.
    public var month: Day
    public var daysInMonth: Int
    /// The budget amount for the month, nano-units.
    public var amount: Int128
    /// Cumulative actual cost, one value per day from the first of the month to the last day with data.
    public var actualToDate: [Int128]
    /// The forecast month-end total and its interval, when there is a forecast.
    public var forecast: Int128?
    public var forecastLower: Int128?
    public var forecastUpper: Int128?
    public var currency: String

    /// A burn-down of `actualToDate` against `amount` over a month of `daysInMonth` days.
    public init(name: String, month: Day, daysInMonth: Int, amount: Int128, actualToDate: [Int128],
                forecast: Int128? = nil, forecastLower: Int128? = nil, forecastUpper: Int128? = nil, currency: String) {
        precondition(actualToDate.count <= daysInMonth, "no more actual days than the month has")
        self.name = name
        self.month = month
        self.daysInMonth = daysInMonth
        self.amount = amount
        self.actualToDate = actualToDate
        self.forecast = forecast
        self.forecastLower = forecastLower
        self.forecastUpper = forecastUpper
        self.currency = currency
    }

    /// The top of the scale: the largest of the amount, the actual, the forecast and its interval.
    var maximum: Int128 {
        max(1, ([amount, forecast ?? 0, forecastUpper ?? 0] + actualToDate).max() ?? 1)
    }

    /// The ideal straight line's value at the end of day `day` (1-based).
    func ideal(atDay day: Int) -> Int128 { amount * Int128(day) / Int128(daysInMonth) }
}
