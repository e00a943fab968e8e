import CostEngine
import CostModel

extension ExplorerCommand {
    public static let setPeriod = ExplorerCommand("period")
    public static let addFilter = ExplorerCommand("where")
    public static let groupBy = ExplorerCommand("by")
    public static let setMetric = ExplorerCommand("metric")
    public static let setTheme = ExplorerCommand("theme")
    public static let openView = ExplorerCommand("view")
    public static let saveBookmark = ExplorerCommand("bookmark")
    public static let openBookmark = ExplorerCommand("go")
    public static let setUnitMetric = ExplorerCommand("per")
}

/// The `:` verbs: each is a row of the command table (its words, what it takes, its help), and
/// `run` turns a typed line into effects. `export` and `quit` are rows of the table and of the
/// shared keys, since they have keys of their own too.
enum CommandVerbs {
    static let group = CommandTable.Group(screen: .verbs, title: "Commands after : (a key bound to one types it)", rows: [
        CommandRow(.setPeriod, .verbs, keys: [], "the period: a range or a named one", verbs: ["period"],
                   argument: "last-7d|last-30d|mtd|last-month|all|FROM..TO"),
        CommandRow(.addFilter, .verbs, keys: [], "keep only DIM=VALUE (or drop DIM!=VALUE); alone, clears", verbs: ["where"],
                   argument: "DIM=VALUE|DIM!=VALUE"),
        CommandRow(.groupBy, .verbs, keys: [], "group this level by a dimension", verbs: ["by"], argument: "DIM"),
        CommandRow(.setMetric, .verbs, keys: [], "the cost shown", verbs: ["metric"], argument: "billed|effective|list"),
        CommandRow(.setUnitMetric, .verbs, keys: [], "unit costs per a business metric (costtop metrics import); alone, off",
                   verbs: ["per"], argument: "METRIC"),
        CommandRow(.setTheme, .verbs, keys: [], "switch the theme", verbs: ["theme"], argument: "NAME"),
        CommandRow(.openView, .verbs, keys: [], "open a view copied with y", verbs: ["view"], argument: "v1;..."),
        CommandRow(.saveBookmark, .verbs, keys: [], "save this view as a named bookmark", verbs: ["bookmark"], argument: "NAME"),
        CommandRow(.openBookmark, .verbs, keys: [], "open a bookmark; alone, list them", verbs: ["go"], argument: "NAME"),
    ])

    /// Runs a `:` line: `period FROM..TO|last-7d|…`, `where DIM=VALUE` (or `DIM!=VALUE`, or `where`
    /// alone to clear), `by DIM`, `metric NAME`, `theme NAME`, `export FILE`, `q` or `quit`.
    static func run(_ text: String, context: ScreenContext) -> ScreenEffect {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = parts.first else { return .none }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        guard let row = CommandTable.standard.row(verb: verb) else {
            let known = CommandTable.standard.rows(of: .verbs).compactMap(\.verbs.first) + [ExplorerCommand.export.rawValue]
            return .message("unknown command: \(verb) (\(known.joined(separator: ", ")))")
        }
        switch row.command {
        case .setPeriod:
            guard let period = PeriodSpec(argument) else {
                return .message("period: use last-7d, last-30d, mtd, last-month, all or YYYY-MM-DD..YYYY-MM-DD")
            }
            return .browse { $0.period = period }
        case .addFilter:
            if argument.isEmpty { return .browse { $0.filters = [] } }
            guard let filter = Filter(argument) else { return .message("where: write DIM=VALUE or DIM!=VALUE") }
            return .browse { $0.filters.append(filter) }
        case .groupBy:
            guard let dimension = CostDimension(argument) else { return .message("by: unknown dimension \(argument)") }
            return .browse { state in
                state.level.groupBy = dimension
                state.level.regrouped = true
            }
        case .setMetric:
            guard let metric = Metric(rawValue: argument) else { return .message("metric: billed, effective or list") }
            return .browse { $0.metric = metric }
        case .setUnitMetric:
            if argument.isEmpty { return .browse { $0.unitMetric = nil } }
            let names = context.queries.metricNames
            guard names.contains(argument) else {
                return .message("per: \(names.isEmpty ? "no metrics imported (costtop metrics import FILE.csv)" : "one of " + names.joined(separator: ", "))")
            }
            return .browse { $0.unitMetric = argument }
        case .setTheme:
            guard context.themeNames.contains(argument) else {
                return .message("theme: one of \(context.themeNames.joined(separator: ", "))")
            }
            return .theme(argument)
        case .export:
            guard !argument.isEmpty else { return .message("export: give a file name (.csv or .md)") }
            return .session { explorer in
                do {
                    try ViewExporter.export(explorer, to: argument)
                    return .message("wrote \(argument)")
                } catch {
                    return .message("export failed: \(error)")
                }
            }
        case .openView: return .session { $0.openView(text: argument) }
        case .saveBookmark: return .session { $0.saveBookmark(argument) }
        case .openBookmark: return .session { $0.openBookmark(argument) }
        case .quit:
            return .quit
        default:
            return .message("\(verb): not a command here")
        }
    }
}
