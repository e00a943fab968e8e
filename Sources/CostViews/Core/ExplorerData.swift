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
    /// The gauges are being computed in the background (`GaugeSearch`): the strip says so until
    /// `Explorer.pollGauges` fills in `commitmentSummary`.
    public var commitmentPending = false
    /// Rows whose subtree holds an anomaly overlapping the period, by row key, with the anomalous
    /// days as offsets into `period` (for the marker and the sparkline); empty until detection is done.
    public var anomalyDays: [String: [ClosedRange<Int>]] = [:]
    /// How loud each marked row's mark is (the keys of `anomalyDays`; docs/anomalies.md, *Marks*).
    public var anomalySeverity: [String: AnomalySeverity] = [:]
    /// With a unit metric (`ExplorerState.unitMetric`): each row's unit cost by key, and the total's.
    public var unitCosts: [String: RowUnitCost] = [:]
    public var totalUnitCost: UnitCost? = nil
    /// The current node's month-end forecast and budget, for the header and the burn-down; nil
    /// when the node has no cost.
    public var forecast: NodeForecast? = nil
}
