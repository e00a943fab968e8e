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
    /// Coverage, utilization and unused commitment within the drill context, for the gauge strip;
    /// nil (and no strip) when the cache has neither a commitment nor usage one could cover.
    public var commitmentSummary: CommitmentSummary? = nil
    /// The commitments screen's list, computed when the screen opens.
    public var commitmentList: CommitmentList? = nil
    /// Rows whose subtree holds an anomaly overlapping the period, by row key, with the anomalous
    /// days as offsets into `period` (for the marker and the sparkline); empty until detection is done.
    public var anomalyDays: [String: [ClosedRange<Int>]] = [:]
}

/// Every commitment with cost in a period, for the commitments screen, and the question it answers.
public struct CommitmentList: Sendable {
    public var period: DayRange
    public var currency: String?
    /// The `:where` filters it was computed with (never the drill path: the screen shows the whole bill).
    public var filters: [Filter]
    /// Largest total commitment first, as the engine orders them.
    public var rows: [CommitmentRow]

    /// Total commitment of all rows, nano-units.
    public var totalCommitment: Int128 { rows.reduce(0) { $0 + $1.totalCommitment } }
    /// Used commitment of all rows, nano-units.
    public var used: Int128 { rows.reduce(0) { $0 + $1.used } }
    /// Utilization of all rows together in percent, nil when nothing was committed.
    public var utilization: Double? { totalCommitment == 0 ? nil : Double(used) / Double(totalCommitment) * 100 }
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
    /// The anomaly whose node is this row, when one is focused or found here: the pane shows its
    /// root causes.
    public var anomaly: Anomaly? = nil
}
