/// `costtop commitments --format json` (docs/commitments.md "Output"): the total, the sum per
/// commitment type and one object per commitment. Utilization is null when nothing was committed.
public struct CommitmentsDocument: Codable, Sendable {
    /// Total, used and unused commitment and the utilization of a set of commitments.
    public struct Figures: Codable, Sendable {
        public var totalCommitment: JSONDecimal
        public var used: JSONDecimal
        public var unused: JSONDecimal
        public var utilization: Nullable<JSONDecimal>
    }

    /// `byType`: the figures of every commitment of one type.
    public struct TypeFigures: Codable, Sendable {
        public var type: String
        public var totalCommitment: JSONDecimal
        public var used: JSONDecimal
        public var unused: JSONDecimal
        public var utilization: Nullable<JSONDecimal>
    }

    /// One commitment.
    public struct Row: Codable, Sendable {
        public var id: String
        public var type: String
        public var totalCommitment: JSONDecimal
        public var used: JSONDecimal
        public var unused: JSONDecimal
        public var utilization: Nullable<JSONDecimal>
        public var accountsCovered: Int
    }

    public var from: String
    public var to: String
    public var currency: Nullable<String>
    public var total: Figures
    public var byType: [TypeFigures]
    public var rows: [Row]
}
