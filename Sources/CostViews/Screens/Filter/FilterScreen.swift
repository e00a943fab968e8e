extension ScreenID {
    /// The `/` prompt on the status line.
    public static let filter = ScreenID("filter")
}

extension ExplorerCommand {
    public static let filterKeep = ExplorerCommand("filter-keep")
    public static let filterClear = ExplorerCommand("filter-clear")
    public static let filterErase = ExplorerCommand("filter-erase")
}

/// The `/` filter prompt: the level's rows are filtered as the text is typed (a substring, or a
/// regular expression when the text is one). The text itself is the shared `rowFilter`, since
/// the table and its header show it after the prompt closes.
final class FilterScreen: Screen {
    static let id = ScreenID.filter
    static let title = "Filter prompt (/)"
    static let isOverlay = true
    static let takesText = true
    static let commands: [CommandRow] = [
        CommandRow(.filterKeep, .filter, keys: [.enter], "keep the filter and return to the table"),
        CommandRow(.filterClear, .filter, keys: [.escape], "clear the filter and return"),
        CommandRow(.filterErase, .filter, keys: [.backspace, .delete], "erase the last character"),
    ]

    init() {}

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        switch input {
        case .command(.filterKeep): return .close
        case .command(.filterClear): return .all([.close, .browse { $0.rowFilter = "" }])
        case .command(.filterErase):
            return .browse { if !$0.rowFilter.isEmpty { $0.rowFilter.removeLast() } }
        case .text(let character): return .browse { $0.rowFilter.append(character) }
        default: return .none
        }
    }

    /// The prompt, over the table's status line.
    func render(into grid: inout CellGrid, context: ScreenContext) {
        let row = grid.height - 1
        grid.fill(x: 0, y: row, width: grid.width, height: 1, role: .status)
        grid.putData("/" + context.state.rowFilter, x: 0, y: row, role: .status, unicode: context.unicode)
        let keep = context.keyMap.key(for: .filterKeep) ?? "Enter"
        let clear = context.keyMap.key(for: .filterClear) ?? "Esc"
        grid.putRight("\(keep) keep · \(clear) clear ", right: grid.width, y: row, role: .status)
    }
}
