import CostEngine
import CostModel

extension ScreenID {
    /// The movers list and its meeting layout (`M`).
    public static let movers = ScreenID("movers")
}

extension ExplorerCommand {
    public static let goToMover = ExplorerCommand("go-to-mover")
    public static let closeMovers = ExplorerCommand("close-movers")
    public static let presentMovers = ExplorerCommand("present-movers")
    public static let nextMover = ExplorerCommand("next-mover")
    public static let previousMover = ExplorerCommand("previous-mover")
    public static let noteMover = ExplorerCommand("note-mover")
    public static let copyMoversView = ExplorerCommand("copy-movers-view")
}

/// The movers screen (`M`): the largest changes between the explorer's period and its comparison,
/// each with a driver bar (docs/movers.md); `p` steps into the meeting layout, one mover at a time
/// in large figures, with `n`/`N` walking the list; `i` attaches a note (kept beside the cache);
/// Enter goes to the mover's node in the table with the same windows.
final class MoversScreen: Screen {
    static let id = ScreenID.movers
    static let title = "Movers screen"
    static let keyScopes: [ScreenID] = [.movers, .lists, .everywhere]
    static let commands: [CommandRow] = [
        CommandRow(.goToMover, .movers, keys: [.enter, .right, .character("l")],
                   "the table at the mover's node, same period and comparison"),
        CommandRow(.presentMovers, .movers, keys: [.character("p")], "meeting layout: one mover at a time, large figures"),
        CommandRow(.nextMover, .movers, keys: [.character("n")], "next mover"),
        CommandRow(.previousMover, .movers, keys: [.character("N")], "previous mover"),
        CommandRow(.noteMover, .movers, keys: [.character("i")], "attach a note to the mover (empty removes it)"),
        CommandRow(.copyMoversView, .movers, keys: [.character("y")], "copy the view that opens this screen (OSC 52) and show it"),
        CommandRow(.closeMovers, .movers, keys: [.escape, .left, .character("h"), .backspace, .character("M")],
                   "leave the meeting layout, or back to the table"),
    ]

    /// The analysis shown, or why there is none.
    private(set) var result: MoversResult?
    private(set) var failure: String?
    private(set) var selection = 0
    private(set) var scroll = 0
    /// Showing one mover at a time.
    private(set) var presenting = false
    /// Notes per `Mover.pathText`.
    private(set) var notes: [String: String] = [:]
    /// The presented mover's daily costs, by path (asked once per mover).
    private(set) var series: [String: (now: [Int128], before: [Int128])] = [:]

    init() {}

    var movers: [Mover] { result?.movers ?? [] }

    var selected: Mover? { movers.indices.contains(selection) ? movers[selection] : nil }

    /// Computes the movers for the current question; `resume` (after a note) keeps the list.
    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        loadNotes(context)
        if text == "resume", result != nil { return .none }
        (selection, scroll, presenting, series) = (0, 0, false, [:])
        do {
            result = try context.queries.movers(context.state)
            failure = nil
        } catch {
            result = nil
            failure = "\(error)"
        }
        return .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        guard case .command(let command) = input else {
            if case .unbound(let key) = input {
                return .message("\(key.name): not on this screen; Enter goes to a mover, p presents, i notes, Esc returns")
            }
            return .none
        }
        if let target = ListNavigation.target(of: command, from: selection, count: movers.count) {
            return select(target, context: context)
        }
        switch command {
        case .nextMover: return select(min(selection + 1, max(0, movers.count - 1)), context: context)
        case .previousMover: return select(max(0, selection - 1), context: context)
        case .presentMovers:
            guard selected != nil else { return .message("no movers to present") }
            presenting = true
            return select(selection, context: context)
        case .closeMovers:
            if presenting {
                presenting = false
                return .none
            }
            return .close
        case .noteMover:
            guard let mover = selected else { return .message("no mover selected") }
            return .open(.moverNote, text: MoverNoteScreen.openingText(path: mover.pathText, note: notes[mover.pathText]))
        case .goToMover:
            guard let mover = selected else { return .close }
            return goTo(mover, context: context)
        case .copyMoversView: return .session { .copy($0.currentView.text) }
        case .help: return .open(.help)
        case .quit: return .quit
        default: return .message("\(command.rawValue): not on this screen")
        }
    }

    func settle(context: ScreenContext) {
        selection = max(0, min(selection, movers.count - 1))
        guard let viewport = context.viewport else { return }
        scroll = ListNavigation.scroll(current: scroll, selected: selection, count: movers.count,
                                       visible: Self.visibleRows(height: viewport.height))
    }

    /// Selects a mover; in the meeting layout, fetches its daily costs once.
    private func select(_ index: Int, context: ScreenContext) -> ScreenEffect {
        selection = index
        if presenting, let mover = selected, let result, series[mover.pathText] == nil {
            let daily = context.queries.moverSeries(mover, result: result)
            series[mover.pathText] = daily
        }
        return .none
    }

    private func loadNotes(_ context: ScreenContext) {
        notes = (try? MoverNotes(path: context.queries.moverNotesPath))?.notes ?? [:]
    }

    /// Goes to a mover's node: the table at its parent level with the node's row selected (as
    /// the anomalies screen does), the period and comparison unchanged, so the table shows the
    /// same two windows the mover was measured on. The `:where` filters stay (the movers were
    /// found within them); the `/` filter is cleared, since it could hide the node.
    private func goTo(_ mover: Mover, context: ScreenContext) -> ScreenEffect {
        let dimensions = mover.path.compactMap { CostDimension($0.dimension) }
        guard !mover.path.isEmpty, dimensions.count == mover.path.count else { return .message("cannot go to \(mover.pathText)") }
        let queries = context.queries
        let path = queries.defaultPath(tagKey: context.state.tagKey)
        var levels: [DrillLevel] = []
        var steps: [DrillStep] = []
        for (depth, step) in mover.path.enumerated() {
            let dimension = dimensions[depth]
            let regrouped = !(path.indices.contains(depth) && path[depth] == dimension)
            levels.append(DrillLevel(groupBy: dimension, regrouped: regrouped, selectedKey: step.key))
            if depth < mover.path.count - 1 {
                steps.append(DrillStep(dimension: dimension, key: step.key, name: queries.displayName(dimension, step.key)))
            }
        }
        presenting = false
        return .all([.close, .browse { state in
            state.levels = levels
            state.steps = steps
            // Movers compare with the previous period when the table compares with nothing.
            if state.comparison == .none { state.comparison = .previous }
            state.rowFilter = ""
            state.selection = 0
            state.showDetail = true
        }])
    }

    /// Movers listed at once at a terminal height (header, titles, legend and status take 5 rows).
    static func visibleRows(height: Int) -> Int { max(1, height - 5) }
}
