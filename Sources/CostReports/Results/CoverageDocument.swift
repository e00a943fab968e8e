/// `costtop coverage --format json` (docs/commitments.md "Output"). Money to the cent, hours and
/// percentages to 0.01; a coverage is null without eligible usage.
public struct CoverageDocument: Codable, Sendable {
    /// The figures of one group, or of the total (which has no `key` or `name`).
    public struct Figures: Codable, Sendable {
        public var key: String?
        public var name: String?
        public var coveredCost: JSONDecimal
        public var eligibleCost: JSONDecimal
        public var coverage: Nullable<JSONDecimal>
        public var onDemandCost: JSONDecimal
        public var coveredHours: JSONDecimal
        public var eligibleHours: JSONDecimal
        public var hoursCoverage: Nullable<JSONDecimal>
    }

    public var by: String
    public var from: String
    public var to: String
    public var currency: Nullable<String>
    public var total: Figures
    public var effectiveSavingsRate: Nullable<JSONDecimal>
    public var rows: [Figures]
}
