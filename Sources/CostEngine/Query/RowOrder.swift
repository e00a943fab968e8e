/// How answer rows are ordered.
public enum RowOrder: String, Sendable, CaseIterable {
    /// Largest cost first.
    case cost
    /// Largest increase first (largest decrease last).
    case delta
    /// Largest change either way first.
    case absoluteDelta = "abs-delta"
    /// By key, A to Z.
    case name
}
