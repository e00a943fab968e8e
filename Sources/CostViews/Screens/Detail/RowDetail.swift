import CostEngine
import CostModel

/// The detail pane's figures for the selected row.
public struct RowDetail: Sendable {
    public var row: QueryRow
    /// Daily cost of the same key over the comparison period, aligned by offset.
    public var comparisonSeries: [Int128]
    /// The next level's largest rows under this row (dimension and rows).
    public var childDimension: CostDimension?
    public var children: [QueryRow]
    /// Share of the row in its parent (the current level's total), 0-100.
    public var shareOfParent: Double?
    /// Share of the row's cost that carries a value of the chosen tag key, 0-100.
    public var tagCoverage: Double?
    /// The anomaly whose node is this row, when one is focused or found here: the pane shows its
    /// root causes.
    public var anomaly: Anomaly? = nil
}
