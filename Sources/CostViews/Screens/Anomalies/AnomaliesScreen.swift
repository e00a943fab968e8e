import CostEngine
import CostModel

extension ScreenID {
    /// The anomalies list (`a`).
    public static let anomalies = ScreenID("anomalies")
}

extension ExplorerCommand {
    public static let goToAnomaly = ExplorerCommand("go-to-anomaly")
    public static let closeAnomalies = ExplorerCommand("close-anomalies")
    public static let toggleExpected = ExplorerCommand("toggle-expected")
    public static let markExpected = ExplorerCommand("mark-expected")
    public static let markPlanned = ExplorerCommand("mark-planned")
    public static let markProblem = ExplorerCommand("mark-problem")
    public static let clearVerdict = ExplorerCommand("clear-verdict")
    public static let toggleAnomalyOrder = ExplorerCommand("anomaly-order")
}

/// The anomalies screen (`a`): every anomaly of the whole bill, ongoing and most recent first (`s`
/// switches to largest impact first), the selected one in full in a detail area, verdicts written
/// to the feedback file, and Enter to go to an anomaly's node in the table. Its state: the order,
/// the selection and the scroll position; the findings are the session's (they mark the table's
/// rows too).
final class AnomaliesScreen: Screen {
    static let id = ScreenID.anomalies
    static let title = "Anomalies screen"
    static let keyScopes: [ScreenID] = [.anomalies, .lists, .everywhere]
    static let commands: [CommandRow] = [
        CommandRow(.goToAnomaly, .anomalies, keys: [.enter, .right, .character("l")],
                   "the table at the anomaly's node, the period around its days"),
        CommandRow(.closeAnomalies, .anomalies, keys: [.escape, .left, .character("h"), .backspace, .character("a")],
                   "back to the table"),
        CommandRow(.markExpected, .anomalies, keys: [.character("E")], "verdict: expected (hidden from then on)"),
        CommandRow(.markPlanned, .anomalies, keys: [.character("P")], "verdict: planned"),
        CommandRow(.markProblem, .anomalies, keys: [.character("R")], "verdict: a real problem"),
        CommandRow(.clearVerdict, .anomalies, keys: [.character("0")], "clear the verdict"),
        CommandRow(.toggleExpected, .anomalies, keys: [.character("x")], "show or hide the anomalies marked expected"),
        CommandRow(.toggleAnomalyOrder, .anomalies, keys: [.character("s")],
                   "order: ongoing and most recent first, or largest impact first"),
    ]

    private(set) var order = AnomalyOrder.onCall
    private(set) var selection = 0
    private(set) var scroll = 0

    init() {}

    /// Starts detection if nothing started it yet.
    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        (selection, scroll) = (0, 0)
        guard case .idle = context.anomalies else { return .none }
        return .session { explorer in
            explorer.startAnomalySearch()
            return .none
        }
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        guard case .command(let command) = input else {
            if case .unbound(let key) = input {
                return .message("\(key.name): not on this screen; Enter goes to an anomaly, E/P/R/0 verdict, x expected, Esc returns")
            }
            return .none
        }
        let entries = order.sorted(context.findings?.entries ?? [])
        if let target = ListNavigation.target(of: command, from: selection, count: entries.count) {
            selection = target
            return .none
        }
        let selected = entries.indices.contains(selection) ? entries[selection].anomaly : nil
        switch command {
        case .goToAnomaly:
            guard let selected else { return .close }
            return goTo(selected, context: context)
        case .closeAnomalies: return .close
        case .markExpected: return judge(selected, .expected)
        case .markPlanned: return judge(selected, .planned)
        case .markProblem: return judge(selected, .problem)
        case .clearVerdict: return judge(selected, nil)
        case .toggleExpected: return .session { .message($0.toggleExpectedAnomalies()) }
        case .toggleAnomalyOrder:
            // The selection follows the anomaly it was on.
            let selectedEntry = entries.indices.contains(selection) ? entries[selection] : nil
            order = order.toggled
            selection = order.sorted(context.findings?.entries ?? []).firstIndex { $0 == selectedEntry } ?? 0
            return .message(order.title)
        case .help: return .open(.help)
        case .quit: return .quit
        default: return .message("\(command.rawValue): not on this screen")
        }
    }

    /// The selection stays on the same place in the list when verdicts hide entries (the next
    /// anomaly when the selected one is now hidden), and in view.
    func settle(context: ScreenContext) {
        let count = context.findings?.entries.count ?? 0
        selection = max(0, min(selection, count - 1))
        guard let viewport = context.viewport else { return }
        scroll = ListNavigation.scroll(current: scroll, selected: selection, count: count,
                                       visible: Self.visibleRows(height: viewport.height, count: count))
    }

    /// Records a verdict on the selected anomaly in the feedback file (nil clears it).
    private func judge(_ anomaly: Anomaly?, _ verdict: AnomalyFeedback.Verdict?) -> ScreenEffect {
        guard let anomaly else { return .message("no anomaly selected") }
        return .session { .message($0.recordVerdict(verdict, for: anomaly)) }
    }

    /// Goes to an anomaly's node: the table at its parent level with the node's row selected, so
    /// it is seen among its siblings and the detail pane shows the node itself with its root
    /// causes; Enter then drills below it. The period becomes the days around it
    /// (`ExplorerQueries.periodAround`), so it is seen against its normal level.
    ///
    /// The drill steps follow the anomaly's path (account › service › usage type for the
    /// hierarchy; a region or tag anomaly is the top level regrouped by that dimension). `:where`
    /// filters and the `/` filter are cleared, since they could hide the node.
    private func goTo(_ anomaly: Anomaly, context: ScreenContext) -> ScreenEffect {
        let dimensions = anomaly.path.compactMap { CostDimension($0.dimension) }
        guard !anomaly.path.isEmpty, dimensions.count == anomaly.path.count else {
            return .message("cannot go to \(anomaly.path.map(\.dimension).joined(separator: " › "))")
        }
        let queries = context.queries
        let path = queries.defaultPath(tagKey: context.state.tagKey)
        var levels: [DrillLevel] = []
        var steps: [DrillStep] = []
        for (depth, step) in anomaly.path.enumerated() {
            let dimension = dimensions[depth]
            // A level off the default path is a regroup: drilling from it starts the default path at service.
            let regrouped = !(path.indices.contains(depth) && path[depth] == dimension)
            levels.append(DrillLevel(groupBy: dimension, regrouped: regrouped, selectedKey: step.key))
            if depth < anomaly.path.count - 1 {
                steps.append(DrillStep(dimension: dimension, key: step.key, name: queries.displayName(dimension, step.key)))
            }
        }
        let period = queries.periodAround(anomaly)
        let go = ScreenEffect.browse { state in
            state.levels = levels
            state.steps = steps
            state.period = .custom(period)
            state.filters = []
            state.rowFilter = ""
            state.selection = 0
            state.showDetail = true
            state.focusedAnomaly = anomaly
        }
        guard !context.state.filters.isEmpty else { return .all([.close, go]) }
        return .all([.close, go, .message(":where filters cleared to show the anomaly")])
    }
}
