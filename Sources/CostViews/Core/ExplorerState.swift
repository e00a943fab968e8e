import CostEngine
import CostModel

/// One level of the drill-down: what it is grouped by, and the row selected there (restored when
/// the user comes back up).
public struct DrillLevel: Sendable, Equatable {
    public var groupBy: CostDimension
    /// Whether the user chose this grouping with regroup (drilling from it then starts the default
    /// path at service instead of following it).
    public var regrouped: Bool
    public var selectedKey: String?
}

/// A row drilled into: its dimension, key and display name (account names).
public struct DrillStep: Sendable, Equatable {
    public var dimension: CostDimension
    public var key: String
    public var name: String?

    /// The filter this step adds to deeper levels.
    public var filter: Filter { Filter(dimension: dimension, value: key, exclude: false) }
}

/// What a period is compared with in the explorer.
public enum ComparisonChoice: String, CaseIterable, Sendable {
    case previous = "previous period"
    case lastMonth = "same period last month"
    case none = "no comparison"
}

/// The question every screen shares: the drill path, period, comparison, metric, sort and
/// filters. The table shows its answer; the other screens read it and change it only through
/// effects (`ScreenEffect.browse`). Each screen's own state (selections, scroll positions, typed
/// text) lives in the screen.
public struct ExplorerState: Sendable {
    public var levels: [DrillLevel] = [DrillLevel(groupBy: .fixed(.account), regrouped: false)]
    public var steps: [DrillStep] = []
    public var period: PeriodSpec = .last30Days
    public var comparison: ComparisonChoice = .previous
    public var metric: Metric = .billed
    public var sort: RowOrder = .cost
    /// Filters from `:where`.
    public var filters: [Filter] = []
    /// The `/` filter on the current level's rows.
    public var rowFilter = ""
    /// The selected row of the table (what the detail pane shows).
    public var selection = 0
    /// Whether anomalies marked expected are listed and marked (`x` on the anomalies screen).
    public var showExpectedAnomalies = false
    /// The anomaly the user went to from the anomalies screen: the detail pane shows its root
    /// causes while its node is the selected row.
    public var focusedAnomaly: Anomaly?
    public var showDetail = true
    /// The tag key of the tag level.
    public var tagKey: String?
    /// A transient message for the status line.
    public var message: String?
    public var themeName = "default"
    /// The business metric unit costs are shown per (`--per`, `:per`, `u`); nil shows none.
    public var unitMetric: String?

    public init() {}

    /// The current level.
    public var level: DrillLevel {
        get { levels[levels.count - 1] }
        set { levels[levels.count - 1] = newValue }
    }

    /// All filters in force at the current level.
    public var activeFilters: [Filter] { filters + steps.map(\.filter) }
}
