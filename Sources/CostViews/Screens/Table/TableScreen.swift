import CostEngine
import CostModel

/// The drill-down table: the level's rows with their figures, the header and breadcrumb, the
/// commitment gauges, the detail pane, and the status line. It is the screen under every other;
/// its own state is only the scroll position (the drill path and selection are the shared
/// `ExplorerState`, since other screens go to places in it).
final class TableScreen: Screen {
    static let id = ScreenID.table
    static let title = "Table"
    static let keyScopes: [ScreenID] = [.table, .lists, .everywhere, .verbs]

    /// The first row shown.
    private(set) var scroll = 0

    init() {}

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        guard case .command(let command) = input else {
            if case .unbound(let key) = input { return .message("\(key.name): no command here; ? for help") }
            return .none
        }
        let state = context.state
        let rows = context.data.rows
        if let target = ListNavigation.target(of: command, from: state.selection, count: rows.count) {
            return .select(target)
        }
        switch command {
        case .drillDown: return drillDown(context)
        case .goUp:
            guard state.levels.count > 1 else { return .message("already at the top") }
            return .browse { state in
                state.levels.removeLast()
                state.steps.removeLast()
                state.rowFilter = ""
            }
        case .regroup: return .open(.regroup)
        case .cycleTagKey: return cycleTagKey(context)
        case .cycleSort:
            let order: [RowOrder] = [.cost, .delta, .absoluteDelta, .name]
            return .browse { $0.sort = order[((order.firstIndex(of: $0.sort) ?? 0) + 1) % order.count] }
        case .periodLast7Days: return .browse { $0.period = .last7Days }
        case .periodLast30Days: return .browse { $0.period = .last30Days }
        case .periodMonthToDate: return .browse { $0.period = .monthToDate }
        case .periodLastMonth: return .browse { $0.period = .lastMonth }
        case .cycleComparison:
            let all = ComparisonChoice.allCases
            return .browse { $0.comparison = all[((all.firstIndex(of: $0.comparison) ?? 0) + 1) % all.count] }
        case .cycleMetric:
            let all = Metric.allCases
            return .browse { $0.metric = all[((all.firstIndex(of: $0.metric) ?? 0) + 1) % all.count] }
        case .cycleUnitMetric:
            // Off, then each metric imported beside the cache in name order, then off again.
            let names = context.queries.metricNames
            guard !names.isEmpty else { return .message("no business metrics beside this cache; import some with `costtop metrics import FILE.csv`") }
            let choices: [String?] = [nil] + names
            return .browse { state in
                state.unitMetric = choices[((choices.firstIndex(of: state.unitMetric) ?? 0) + 1) % choices.count]
            }
        case .commitments: return .open(.commitments)
        case .anomalies: return .open(.anomalies)
        case .movers: return .open(.movers)
        case .burnDown: return .open(.burnDown)
        case .viewBack: return .session { $0.goBack() }
        case .viewForward: return .session { $0.goForward() }
        case .copyView: return .session { .copy($0.currentView.text) }
        case .filterRows: return .open(.filter)
        case .clearRowFilter:
            return state.rowFilter.isEmpty ? .none : .browse { $0.rowFilter = "" }
        case .commandLine: return .open(.commandLine)
        case .toggleDetail: return .browseView { $0.showDetail.toggle() }
        case .help: return .open(.help)
        case .quit: return .quit
        default:
            // A `:` verb bound to a key: the command line, with the verb typed.
            if let verb = command.row.verbs.first {
                return command.row.argument == nil ? CommandVerbs.run(verb, context: context) : .open(.commandLine, text: verb + " ")
            }
            return .message("\(command.rawValue): not on this screen")
        }
    }

    /// Keeps the selection in view at the terminal's size, moving as little as possible.
    func settle(context: ScreenContext) {
        guard let viewport = context.viewport else { return }
        let visible = TableLayout(width: viewport.width, height: viewport.height, state: context.state, data: context.data).visibleRows
        scroll = ListNavigation.scroll(current: scroll, selected: context.state.selection, count: context.data.rows.count,
                                       visible: visible)
    }

    private func drillDown(_ context: ScreenContext) -> ScreenEffect {
        let (state, data) = (context.state, context.data)
        guard data.rows.indices.contains(state.selection) else { return .none }
        guard let next = context.queries.nextDimension(state) else {
            return .message("nothing deeper: press g to group this level another way")
        }
        if state.level.groupBy == .day { return .message("days are the last level") }
        let row = data.rows[state.selection]
        return .browse { state in
            state.level.selectedKey = row.key
            state.steps.append(DrillStep(dimension: state.level.groupBy, key: row.key, name: row.name))
            state.levels.append(DrillLevel(groupBy: next, regrouped: false, selectedKey: nil))
            state.rowFilter = ""
            state.selection = 0
        }
    }

    private func cycleTagKey(_ context: ScreenContext) -> ScreenEffect {
        let keys = context.queries.cache.tagKeys
        guard !keys.isEmpty else { return .message("this cache has no tags") }
        let state = context.state
        let index = state.tagKey.flatMap(keys.firstIndex(of:)).map { ($0 + 1) % keys.count } ?? 0
        let change: (inout ExplorerState) -> Void = { state in
            let old = state.tagKey
            state.tagKey = keys[index]
            // A level grouped by the old tag key follows the new one.
            if let old, state.level.groupBy == .tag(old), !state.level.regrouped { state.level.groupBy = .tag(keys[index]) }
        }
        let follows = state.tagKey.map { state.level.groupBy == .tag($0) && !state.level.regrouped } ?? false
        return .all([follows ? .browse(change) : .browseView(change), .message("tag key: \(keys[index])")])
    }
}
