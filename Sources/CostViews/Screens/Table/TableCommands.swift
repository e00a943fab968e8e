// The drill-down table's commands: drilling, grouping, periods, metrics, and the keys that open
// the other screens.

extension ScreenID {
    /// The drill-down table, the screen under every other.
    public static let table = ScreenID("table")
}

extension ExplorerCommand {
    public static let drillDown = ExplorerCommand("drill-down")
    public static let goUp = ExplorerCommand("go-up")
    public static let regroup = ExplorerCommand("regroup")
    public static let cycleTagKey = ExplorerCommand("cycle-tag-key")
    public static let cycleSort = ExplorerCommand("cycle-sort")
    public static let periodLast7Days = ExplorerCommand("period-last-7d")
    public static let periodLast30Days = ExplorerCommand("period-last-30d")
    public static let periodMonthToDate = ExplorerCommand("period-mtd")
    public static let periodLastMonth = ExplorerCommand("period-last-month")
    public static let cycleComparison = ExplorerCommand("cycle-comparison")
    public static let cycleMetric = ExplorerCommand("cycle-metric")
    public static let commitments = ExplorerCommand("commitments")
    public static let anomalies = ExplorerCommand("anomalies")
    public static let movers = ExplorerCommand("movers")
    public static let viewBack = ExplorerCommand("view-back")
    public static let viewForward = ExplorerCommand("view-forward")
    public static let copyView = ExplorerCommand("copy-view")
    public static let filterRows = ExplorerCommand("filter-rows")
    public static let clearRowFilter = ExplorerCommand("clear-row-filter")
    public static let commandLine = ExplorerCommand("command-line")
    public static let toggleDetail = ExplorerCommand("toggle-detail")
    public static let export = ExplorerCommand("export")
    public static let cycleUnitMetric = ExplorerCommand("cycle-unit-metric")
}

extension TableScreen {
    static let commands: [CommandRow] = [
        CommandRow(.drillDown, .table, keys: [.enter, .right, .character("l")], "drill into the selected row"),
        CommandRow(.goUp, .table, keys: [.left, .character("h"), .backspace], "back up one level, restoring the selection"),
        CommandRow(.regroup, .table, keys: [.character("g")], "group this level by another dimension"),
        CommandRow(.cycleTagKey, .table, keys: [.character("t")], "next tag key for the tag level"),
        CommandRow(.cycleSort, .table, keys: [.character("s")], "sort by cost, Δ, |Δ|, name"),
        CommandRow(.periodLast7Days, .table, keys: [.character("1")], "period: last 7 days"),
        CommandRow(.periodLast30Days, .table, keys: [.character("2")], "period: last 30 days"),
        CommandRow(.periodMonthToDate, .table, keys: [.character("3")], "period: month to date"),
        CommandRow(.periodLastMonth, .table, keys: [.character("4")], "period: last month"),
        // `v` for versus: `c` opens the commitments screen.
        CommandRow(.cycleComparison, .table, keys: [.character("v")], "compare with previous period, same period last month, none"),
        CommandRow(.cycleMetric, .table, keys: [.character("m")], "metric: billed, effective (amortized), list"),
        CommandRow(.cycleUnitMetric, .table, keys: [.character("u")], "unit costs: per each imported business metric in turn, then off"),
        CommandRow(.commitments, .table, keys: [.character("c")], "commitments: utilization, unused money, what each covered"),
        CommandRow(.anomalies, .table, keys: [.character("a")], "anomalies by impact, with verdicts"),
        CommandRow(.movers, .table, keys: [.character("M")], "movers: the largest changes against the comparison, by driver"),
        CommandRow(.burnDown, .table, keys: [.character("b")], "burn-down: this node's month against its budget and forecast"),
        CommandRow(.viewBack, .table, keys: [.character("[")], "back to the view before (like a browser)"),
        CommandRow(.viewForward, .table, keys: [.character("]")], "forward again"),
        CommandRow(.copyView, .table, keys: [.character("y")], "copy this view as text (OSC 52) and show it; --view opens it"),
        CommandRow(.filterRows, .table, keys: [.character("/")], "filter rows by substring or /regex/ as you type"),
        CommandRow(.clearRowFilter, .table, keys: [.escape], "clear the / filter"),
        CommandRow(.commandLine, .table, keys: [.character(":")], "command line (the : commands below)"),
        CommandRow(.toggleDetail, .table, keys: [.character("d")], "show or hide the detail pane"),
        CommandRow(.export, .table, keys: [.character("e")], "export this view (CSV, or Markdown for .md)",
                   verbs: ["export"], argument: "FILE"),
    ]
}
