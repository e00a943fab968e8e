/// `costtop budgets --format json` (docs/budgets.md "Output"): one row per budget with an amount
/// for the month; money to the cent, percentages (of the amount) to 0.01.
public struct BudgetsDocument: Codable, Sendable {
    /// One budget.
    public struct Row: Codable, Sendable {
        public var name: String
        public var amount: JSONDecimal
        public var actual: JSONDecimal
        public var forecast: JSONDecimal
        public var actualPct: JSONDecimal
        public var forecastPct: JSONDecimal
        /// `exceeded`, `at-risk` or `ok`.
        public var status: String
        /// The forecast's prediction interval.
        public var lower: JSONDecimal
        public var upper: JSONDecimal
        /// The alerts whose thresholds were reached, as `actual 80%` / `forecast 100%`.
        public var alerts: [String]
    }

    public var month: Nullable<String>
    public var asOf: Nullable<String>
    public var currency: Nullable<String>
    public var rows: [Row]
}
