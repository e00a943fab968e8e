/// `costtop forecast --format json` (docs/forecast.md "Output"): the documented fields first
/// (`month`, `asOf`, `actualToDate`, `forecast`, `lower`, `upper`, `level`, `rows`), money to the cent.
public struct ForecastDocument: Codable, Sendable {
    /// A month after the one asked for: no actual yet, a forecast and its interval.
    public struct Next: Codable, Sendable {
        public var month: String
        public var forecast: JSONDecimal
        public var lower: JSONDecimal
        public var upper: JSONDecimal
    }

    /// One node.
    public struct Row: Codable, Sendable {
        public var key: String
        public var actualToDate: JSONDecimal
        public var forecast: JSONDecimal
        public var lower: JSONDecimal
        public var upper: JSONDecimal
        public var name: Nullable<String>
        /// The first day of a level shift under way in this node's usage, when one was found.
        public var levelShiftSince: Nullable<String>
        public var nextMonth: Next
    }

    public var month: String
    public var asOf: String
    public var actualToDate: JSONDecimal
    public var forecast: JSONDecimal
    public var lower: JSONDecimal
    public var upper: JSONDecimal
    public var level: Int
    public var rows: [Row]
    public var by: Nullable<String>
    public var currency: Nullable<String>
    /// Where the interval came from: `empirical` (this bill's backtest errors) or `fallback`.
    public var interval: String
    public var historyDays: Int
    public var shortHistory: Bool
    /// Whatever a reader should know (short history, fallback interval, level shift, scheduled charges).
    public var notes: [String]
    public var nextMonth: Next
}
