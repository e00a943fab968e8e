import CostModel

/// Two daily series, drawn on one scale so their levels compare.
public struct DailySeriesChart: Sendable, Equatable {
    /// One line of the chart: its label, first day and one value per day (nano-units).
    public struct Series: Sendable, Equatable {
        public var label: String
        public var range: DayRange
        public var values: [Int128]

        /// A series of `values` (one per day of `range`, first day first).
        public init(label: String, range: DayRange, values: [Int128]) {
            precondition(values.count == range.dayCount, "a daily series has one value per day")
            self.label = label
            self.range = range
            self.values = values
        }
    }

    public var current: Series
    /// The comparison window, when there is one.
    public var previous: Series?
    /// The currency of the values, for axis labels.
    public var currency: String

    /// A chart of `current` over `previous`.
    public init(current: Series, previous: Series?, currency: String) {
        self.current = current
        self.previous = previous
        self.currency = currency
    }

    /// The largest value of either series (the shared scale's top), at least 1 nano-unit.
    var maximum: Int128 { max(1, (current.values + (previous?.values ?? [])).max() ?? 1) }
}
