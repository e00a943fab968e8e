extension ScreenID {
    /// The `:` command line on the status line.
    public static let commandLine = ScreenID("command-line")
    /// The `:` verbs, as rows of their own: a key bound to one opens the command line with it typed.
    public static let verbs = ScreenID("verbs")
}

extension ExplorerCommand {
    public static let commandRun = ExplorerCommand("command-run")
    public static let commandCancel = ExplorerCommand("command-cancel")
    public static let commandErase = ExplorerCommand("command-erase")
}

/// The `:` command line: the text typed so far, run by Enter through `CommandVerbs`.
final class CommandLineScreen: Screen {
    static let id = ScreenID.commandLine
    static let title = "Command line (:)"
    static let isOverlay = true
    static let takesText = true
    static let commands: [CommandRow] = [
        CommandRow(.commandRun, .commandLine, keys: [.enter], "run the command"),
        CommandRow(.commandCancel, .commandLine, keys: [.escape], "return without running it"),
        CommandRow(.commandErase, .commandLine, keys: [.backspace, .delete], "erase the last character (on nothing: return)"),
    ]
    static var commandGroups: [CommandTable.Group] {
        [CommandTable.Group(screen: id, title: title, rows: commands), CommandVerbs.group]
    }

    private(set) var text = ""

    init() {}

    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        self.text = text ?? ""
        return .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        switch input {
        case .command(.commandRun): return .all([.close, CommandVerbs.run(text, context: context)])
        case .command(.commandCancel): return .close
        case .command(.commandErase):
            guard !text.isEmpty else { return .close }
            text.removeLast()
        case .text(let character): text.append(character)
        default: break
        }
        return .none
    }

    /// The typed text, over the table's status line.
    func render(into grid: inout CellGrid, context: ScreenContext) {
        let row = grid.height - 1
        grid.fill(x: 0, y: row, width: grid.width, height: 1, role: .status)
        grid.putData(":" + text, x: 0, y: row, role: .status, unicode: context.unicode)
    }
}
