/// One anomaly of `costtop anomalies --format json` (an array of these; docs/anomalies.md).
/// Amounts in currency units to the cent; `impactPct` is null when nothing was expected.
public struct AnomalyDocument: Codable, Sendable {
    /// One step of the path down the hierarchy.
    public struct Step: Codable, Sendable {
        public var dimension: String
        public var key: String
    }

    /// A child that carries part of the impact.
    public struct Cause: Codable, Sendable {
        public var dimension: String
        public var key: String
        public var impact: JSONDecimal
    }

    public var start: String
    public var end: String
    public var ongoing: Bool
    public var path: [Step]
    public var kind: String
    public var expected: JSONDecimal
    public var actual: JSONDecimal
    public var impact: JSONDecimal
    public var impactPct: Nullable<JSONDecimal>
    public var score: JSONDecimal
    public var rootCauses: [Cause]
    /// Days of history (up to 28) the baseline stood on.
    public var history: Int
    /// Region and tag-value views of the same cause, folded into this anomaly.
    public var alsoSeenAs: [Step]
}
