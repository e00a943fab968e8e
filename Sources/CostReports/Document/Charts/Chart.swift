import CostModel

/// A chart as data: what it shows, not how. Renderers draw each kind (SVG in HTML; sparklines and
/// block charts in text and Markdown).
public struct Chart: Sendable {
    /// The chart's caption.
    public var title: String
    public var kind: ChartKind

    /// A chart of `kind` captioned `title`.
    public init(title: String, kind: ChartKind) {
        self.title = title
        self.kind = kind
    }
}

/// The kinds of chart a report draws.
public enum ChartKind: Sendable {
    /// Daily cost of the period against the comparison window, day by day.
    case dailySeries(DailySeriesChart)
    /// From one total to another through the amounts that explain the difference.
    case waterfall(WaterfallChart)
    /// A month's cumulative spend against a budget: actual to date, the straight line to the
    /// amount, and the forecast to month end (for the Budgets section).
    case burnDown(BurnDownChart)
}

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

/// A waterfall: a start total, signed steps, an end total that equals start plus the steps.
public struct WaterfallChart: Sendable, Equatable {
    /// One bar: a total (drawn from zero) or a step (drawn from the running level).
    public struct Bar: Sendable, Equatable {
        public var label: String
        /// Nano-units: the total, or the signed step.
        public var amount: Int128
        public var isTotal: Bool

        /// A bar labelled `label`.
        public init(label: String, amount: Int128, isTotal: Bool) {
            self.label = label
            self.amount = amount
            self.isTotal = isTotal
        }
    }

    public var bars: [Bar]
    public var currency: String

    /// A waterfall of `bars`, in order; totals reset the running level.
    public init(bars: [Bar], currency: String) {
        self.bars = bars
        self.currency = currency
    }

    /// Each bar's span (low, high) on the running level, nano-units.
    var spans: [(low: Int128, high: Int128)] {
        var level: Int128 = 0
        return bars.map { bar in
            if bar.isTotal {
                level = bar.amount
                return (min(0, bar.amount), max(0, bar.amount))
            }
            let start = level
            level += bar.amount
            return (min(start, level), max(start, level))
        }
    }
}

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
