/// Every action of the explorer, with its stable long name, default keys and help text. This one
/// table drives key bindings, the help screen, the config file and scripted tests.
public enum ExplorerCommand: String, CaseIterable, Sendable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case moveTop = "move-top"
    case moveBottom = "move-bottom"
    case drillDown = "drill-down"
    case goUp = "go-up"
    case regroup = "regroup"
    case cycleTagKey = "cycle-tag-key"
    case cycleSort = "cycle-sort"
    case periodLast7Days = "period-last-7d"
    case periodLast30Days = "period-last-30d"
    case periodMonthToDate = "period-mtd"
    case periodLastMonth = "period-last-month"
    case cycleComparison = "cycle-comparison"
    case cycleMetric = "cycle-metric"
    case commitments = "commitments"
    case anomalies = "anomalies"
    case filterRows = "filter-rows"
    case commandLine = "command-line"
    case toggleDetail = "toggle-detail"
    case export = "export"
    case help = "help"
    case quit = "quit"

    /// What the command does, for the help screen.
    public var help: String {
        switch self {
        case .moveDown: return "select the next row"
        case .moveUp: return "select the previous row"
        case .pageDown: return "one page down"
        case .pageUp: return "one page up"
        case .moveTop: return "first row (g g)"
        case .moveBottom: return "last row"
        case .drillDown: return "drill into the selected row"
        case .goUp: return "back up one level, restoring the selection"
        case .regroup: return "group this level by another dimension"
        case .cycleTagKey: return "next tag key for the tag level"
        case .cycleSort: return "sort by cost, Δ, |Δ|, name"
        case .periodLast7Days: return "period: last 7 days"
        case .periodLast30Days: return "period: last 30 days"
        case .periodMonthToDate: return "period: month to date"
        case .periodLastMonth: return "period: last month"
        case .cycleComparison: return "compare with previous period, same period last month, none"
        case .cycleMetric: return "metric: billed, effective (amortized), list"
        case .commitments: return "commitments: utilization, unused money, what each covered"
        case .anomalies: return "anomalies by impact; Enter goes there, E/P/R/0 verdict, x expected"
        case .filterRows: return "filter rows by substring or /regex/ as you type"
        case .commandLine: return "command line (:period, :where, :by, :metric, :theme, :export)"
        case .toggleDetail: return "show or hide the detail pane"
        case .export: return "export this view (CSV, or Markdown for .md)"
        case .help: return "this help"
        case .quit: return "quit"
        }
    }

    /// The keys bound by default.
    public var defaultKeys: [KeyEvent] {
        switch self {
        case .moveDown: return [.down, .character("j")]
        case .moveUp: return [.up, .character("k")]
        case .pageDown: return [.pageDown, .character(" ")]
        case .pageUp: return [.pageUp]
        case .moveTop: return [.home]
        case .moveBottom: return [.end, .character("G")]
        case .drillDown: return [.enter, .right, .character("l")]
        case .goUp: return [.left, .character("h"), .backspace]
        case .regroup: return [.character("g")]
        case .cycleTagKey: return [.character("t")]
        case .cycleSort: return [.character("s")]
        case .periodLast7Days: return [.character("1")]
        case .periodLast30Days: return [.character("2")]
        case .periodMonthToDate: return [.character("3")]
        case .periodLastMonth: return [.character("4")]
        // `v` for versus: `c` now opens the commitments screen.
        case .cycleComparison: return [.character("v")]
        case .cycleMetric: return [.character("m")]
        case .commitments: return [.character("c")]
        case .anomalies: return [.character("a")]
        case .filterRows: return [.character("/")]
        case .commandLine: return [.character(":")]
        case .toggleDetail: return [.character("d")]
        case .export: return [.character("e")]
        case .help: return [.character("?"), .function(1)]
        case .quit: return [.character("q")]
        }
    }
}

extension KeyEvent {
    /// The key as written in help and in the config file: `j`, `Enter`, `Up`, `F1`, `Space`, ...
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .delete: return "Delete"
        case .function(let number): return "F\(number)"
        case .resize: return "Resize"
        case .interrupt: return "Interrupt"
        }
    }

    /// Parses a key name as `name` writes it.
    public init?(name: String) {
        let named: [String: KeyEvent] = [
            "Space": .character(" "), "Up": .up, "Down": .down, "Left": .left, "Right": .right, "PgUp": .pageUp,
            "PgDn": .pageDown, "Home": .home, "End": .end, "Enter": .enter, "Backspace": .backspace, "Esc": .escape,
            "Tab": .tab, "Delete": .delete,
        ]
        if let key = named[name] { self = key; return }
        if name.hasPrefix("F"), let number = Int(name.dropFirst()), (1...12).contains(number) { self = .function(number); return }
        guard name.count == 1, let character = name.first else { return nil }
        self = .character(character)
    }
}
