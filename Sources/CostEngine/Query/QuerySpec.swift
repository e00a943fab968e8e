import CostModel

/// A drill-down question: group the chosen metric by one dimension over a period, within filters.
public struct QuerySpec: Sendable {
    /// The dimension rows are grouped by.
    public var groupBy: CostDimension
    /// Filters, all of which must hold (AND).
    public var filters: [Filter]
    /// The period reported.
    public var period: DayRange
    /// The period compared with, or nil.
    public var comparison: DayRange?
    /// The cost measure.
    public var metric: Metric
    /// The currency reported; nil picks the only one present, or the largest when several are.
    public var currency: String?
    /// Also compute each row's daily cost over the period (for sparklines and charts).
    public var includeSeries = false

    public init(groupBy: CostDimension, filters: [Filter] = [], period: DayRange, comparison: DayRange?,
                metric: Metric = .billed, currency: String? = nil) {
        self.groupBy = groupBy
        self.filters = filters
        self.period = period
        self.comparison = comparison
        self.metric = metric
        self.currency = currency
    }
}

/// `DIM=VALUE` (keep rows with that value) or `DIM!=VALUE` (drop them). The missing value is written
/// `(none)`, or `(untagged)` for tags.
public struct Filter: Sendable, Equatable, CustomStringConvertible {
    public var dimension: CostDimension
    public var value: String
    public var exclude: Bool

    public init(dimension: CostDimension, value: String, exclude: Bool) {
        self.dimension = dimension
        self.value = value
        self.exclude = exclude
    }

    /// Parses `DIM=VALUE` or `DIM!=VALUE`.
    public init?(_ text: String) {
        let exclude: Bool
        let parts: [Substring]
        if let range = text.range(of: "!=") {
            exclude = true
            parts = [text[..<range.lowerBound], text[range.upperBound...]]
        } else if let index = text.firstIndex(of: "=") {
            exclude = false
            parts = [text[..<index], text[text.index(after: index)...]]
        } else {
            return nil
        }
        guard let dimension = CostDimension(String(parts[0])) else { return nil }
        self.init(dimension: dimension, value: String(parts[1]), exclude: exclude)
    }

    public var description: String { "\(dimension)\(exclude ? "!=" : "=")\(value)" }
}

/// One row of a drill-down answer.
public struct QueryRow: Sendable, Equatable {
    /// The group's key as stored (`(none)` / `(untagged)` for the missing value).
    public var key: String
    /// A display name for the key (account names), when the data had one.
    public var name: String?
    /// Cost in the period and in the comparison period, in nano-units.
    public var cost: Int128
    public var previous: Int128
    /// Whether this is the missing-value group.
    public var isMissing: Bool
    /// Daily cost over the period, first day first, when the spec asked for it; else empty.
    public var series: [Int128] = []
    /// For a category value that splits touch: its direct cost, what it received and passed on.
    public var allocation: AllocationFlow?

    public init(key: String, name: String?, cost: Int128, previous: Int128, isMissing: Bool, series: [Int128] = []) {
        self.key = key
        self.name = name
        self.cost = cost
        self.previous = previous
        self.isMissing = isMissing
        self.series = series
    }

    public var delta: Int128 { cost - previous }
}

/// The answer to a `QuerySpec`.
public struct QueryResult: Sendable {
    public var spec: QuerySpec
    /// The currency reported, and other currencies present in the selection but not shown.
    public var currency: String?
    public var otherCurrencies: [String]
    /// Totals over every group, in nano-units.
    public var total: Int128
    public var previousTotal: Int128
    /// Every group with data in either period, unsorted.
    public var rows: [QueryRow]

    /// An answer built elsewhere (the explorer's current view, tests), rows in any order.
    public init(spec: QuerySpec, currency: String?, otherCurrencies: [String], total: Int128, previousTotal: Int128,
                rows: [QueryRow]) {
        self.spec = spec
        self.currency = currency
        self.otherCurrencies = otherCurrencies
        self.total = total
        self.previousTotal = previousTotal
        self.rows = rows
    }
}
