/// A monthly budget of the rules file (docs/budgets.md): the charges it covers, its amount per
/// month and the thresholds that alert.
public struct Budget: Sendable, Equatable {
    /// How much a month may cost.
    public enum Amount: Sendable, Equatable {
        /// The same amount every month, nano-units.
        case every(Int128)
        /// One amount per calendar month, January first, every year.
        case byCalendarMonth([Int128])
        /// Amounts for named months (`YYYY-MM` month index → nano-units); other months have none.
        case byMonth([Int: Int128])

        /// The amount of the month with `monthIndex` (`Day.monthIndex`), nil when none is set.
        public func amount(monthIndex: Int) -> Int128? {
            switch self {
            case .every(let amount): return amount
            case .byCalendarMonth(let amounts): return amounts[monthIndex % 12]
            case .byMonth(let table): return table[monthIndex]
            }
        }
    }

    /// What an alert compares with its threshold.
    public enum Basis: String, Sendable, Equatable {
        /// The month's cost so far.
        case actual
        /// The month's forecast total.
        case forecast
    }

    /// An alert: crossed when the basis reaches `percent` of the amount.
    public struct Alert: Sendable, Equatable {
        public var basis: Basis
        /// Percent of the amount, above 0.
        public var percent: Double

        public init(basis: Basis, percent: Double) {
            self.basis = basis
            self.percent = percent
        }
    }

    /// The name shown and used in `--check` messages.
    public var name: String
    /// The charges counted: every condition must hold (AND); a condition's values are OR'd.
    /// Any dimension, `category:NAME` included.
    public var filter: [MatchCondition]
    public var amount: Amount
    public var alerts: [Alert]

    public init(name: String, filter: [MatchCondition], amount: Amount, alerts: [Alert]) {
        self.name = name
        self.filter = filter
        self.amount = amount
        self.alerts = alerts
    }
}
