/// `costtop query --format json` (README.md "Usage"): the question, the totals and one object per
/// row. Money to the cent, percentages (0-100) to 0.01; `deltaPct` is null when the previous cost
/// is 0, `name` is present only when the data names the key.
public struct QueryDocument: Codable, Sendable {
    /// `total`: the period's and the comparison's cost over every row.
    public struct Total: Codable, Sendable {
        public var cost: JSONDecimal
        public var previous: JSONDecimal
    }

    /// One group.
    public struct Row: Codable, Sendable {
        public var key: String
        public var name: String?
        public var cost: JSONDecimal
        public var previous: JSONDecimal
        public var delta: JSONDecimal
        public var deltaPct: Nullable<JSONDecimal>
        public var share: Nullable<JSONDecimal>
    }

    public var by: String
    public var from: String
    public var to: String
    public var compareFrom: Nullable<String>
    public var compareTo: Nullable<String>
    public var metric: String
    public var currency: Nullable<String>
    public var filters: [String]
    /// Null when the selection holds no cost at all (no currency).
    public var total: Nullable<Total>
    public var otherCurrencies: [String]
    public var rows: [Row]
}
