import CostEngine
import CostModel

/// The numbers one screen shows, computed from the state by the engine.
public struct ExplorerData: Sendable {
    public var period: DayRange
    public var comparison: DayRange?
    public var currency: String?
    public var otherCurrencies: [String]
    public var total: Int128
    public var previousTotal: Int128
    /// The current level's rows after sorting and the `/` filter.
    public var rows: [QueryRow]
    /// Rows before the `/` filter.
    public var unfilteredCount: Int
    /// Details of the selected row, when there is one.
    public var detail: RowDetail?
}

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
}
