import CostModel

/// Where a budget stands in a month: its amount, the actual cost so far, the forecast and a status.
public struct BudgetStatus: Sendable, Equatable {
    /// `exceeded` (actual ≥ amount), `at-risk` (forecast ≥ amount) or `ok`.
    public enum State: String, Sendable, Equatable {
        case exceeded
        case atRisk = "at-risk"
        case ok
    }

    /// An alert of the budget whose threshold was reached.
    public struct CrossedAlert: Sendable, Equatable {
        public var alert: Budget.Alert
        /// The threshold (`percent` of the amount) and the figure that reached it, nano-units.
        public var threshold: Int128
        public var value: Int128
    }

    public var budget: Budget
    /// The month's first day, and the last day known.
    public var month: Day
    public var asOf: Day
    /// Nano-units; the currency is `currency`.
    public var amount: Int128
    public var actual: Int128
    public var forecast: Int128
    public var lower: Int128
    public var upper: Int128
    public var currency: String?
    public var state: State
    public var crossed: [CrossedAlert]

    /// Actual and forecast as percentages of the amount.
    public var actualPercent: Double { Double(actual) / Double(amount) * 100 }
    public var forecastPercent: Double { Double(forecast) / Double(amount) * 100 }

    /// The straight line from 0 on the month's first day to the amount on its last: what the
    /// budget allows by the end of `day` (for the burn-down).
    public func allowance(through day: Day) -> Int128 {
        let length = Int128(month.lastOfMonth.index - month.index + 1)
        let elapsed = Int128(max(0, min(Int(day.index - month.index) + 1, Int(length))))
        return amount * elapsed / length
    }
}
