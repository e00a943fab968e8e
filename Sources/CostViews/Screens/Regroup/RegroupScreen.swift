import CostModel

extension ScreenID {
    /// The regroup chooser (`g`), drawn over the table.
    public static let regroup = ScreenID("regroup")
}

extension ExplorerCommand {
    public static let regroupNext = ExplorerCommand("regroup-next")
    public static let regroupPrevious = ExplorerCommand("regroup-previous")
    public static let regroupChoose = ExplorerCommand("regroup-choose")
    public static let regroupFirstRow = ExplorerCommand("regroup-first-row")
    public static let closeRegroup = ExplorerCommand("close-regroup")
}

/// The regroup chooser: every dimension the level can be grouped by, the current one highlighted
/// when it opens. Its state is the highlighted choice. Any key it has no command for closes it.
final class RegroupScreen: Screen {
    static let id = ScreenID.regroup
    static let title = "Regroup chooser (g)"
    static let isOverlay = true
    static let commands: [CommandRow] = [
        CommandRow(.regroupNext, .regroup, keys: [.down, .character("j")], "highlight the next dimension"),
        CommandRow(.regroupPrevious, .regroup, keys: [.up, .character("k")], "highlight the previous dimension"),
        CommandRow(.regroupChoose, .regroup, keys: [.enter, .right, .character("l")], "group the level by the highlighted one"),
        // `g g` goes to the first row, as in vi.
        CommandRow(.regroupFirstRow, .regroup, keys: [.character("g")], "close, and select the table's first row (g g)"),
        CommandRow(.closeRegroup, .regroup, keys: [.escape], "close (so does any other key)"),
    ]

    private(set) var highlighted = 0

    init() {}

    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        highlighted = context.queries.groupChoices.firstIndex(of: context.state.level.groupBy) ?? 0
        return .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        let choices = context.queries.groupChoices
        switch input {
        case .command(.regroupNext): highlighted = min(highlighted + 1, choices.count - 1)
        case .command(.regroupPrevious): highlighted = max(highlighted - 1, 0)
        case .command(.regroupFirstRow): return .all([.close, .select(0)])
        case .command(.regroupChoose):
            let choice = choices[highlighted]
            return .all([.close, .browse { state in
                state.level.groupBy = choice
                state.level.regrouped = true
                state.level.selectedKey = nil
                state.rowFilter = ""
            }])
        default: return .close
        }
        return .none
    }

    func render(into grid: inout CellGrid, context: ScreenContext) {
        let choices = context.queries.groupChoices
        let top = TableScreen.overlayTop(context, width: grid.width, height: grid.height)
        let width = min(32, grid.width - 4)
        let height = min(choices.count + 2, grid.height - top - 2)
        let x = 2
        let selected = highlighted
        grid.fill(x: x, y: top, width: width, height: height, role: .header)
        let first = context.keyMap.key(for: .regroupFirstRow).map { " (\($0) \($0): top)" } ?? ""
        grid.put(" group this level by" + first, x: x, y: top, role: .title, maxWidth: width, unicode: context.unicode)
        let visible = height - 2
        let start = max(0, min(selected - visible / 2, choices.count - visible))
        for (offset, choice) in choices[start..<min(choices.count, start + visible)].enumerated() {
            let marker = start + offset == selected ? (context.unicode ? "▸ " : "> ") : "  "
            grid.putData(marker + choice.description, x: x + 1, y: top + 1 + offset,
                         role: start + offset == selected ? .selection : .header, maxWidth: width - 2, unicode: context.unicode)
        }
    }
}
