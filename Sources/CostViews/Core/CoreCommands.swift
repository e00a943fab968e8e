// The commands several screens share: movement in lists, help and quit.

extension ExplorerCommand {
    public static let moveDown = ExplorerCommand("move-down")
    public static let moveUp = ExplorerCommand("move-up")
    public static let pageDown = ExplorerCommand("page-down")
    public static let pageUp = ExplorerCommand("page-up")
    public static let moveTop = ExplorerCommand("move-top")
    public static let moveBottom = ExplorerCommand("move-bottom")
    public static let help = ExplorerCommand("help")
    public static let quit = ExplorerCommand("quit")
}

/// The rows of the shared groups.
enum CoreCommands {
    static let everywhere = CommandTable.Group(screen: .everywhere, title: "Everywhere (table, commitments, anomalies)", rows: [
        CommandRow(.help, .everywhere, keys: [.character("?"), .function(1)], "this help"),
        CommandRow(.quit, .everywhere, keys: [.character("q")], "quit", verbs: ["quit", "q"]),
    ])

    static let lists = CommandTable.Group(screen: .lists, title: "Moving (table, commitments, anomalies, help)", rows: [
        CommandRow(.moveDown, .lists, keys: [.down, .character("j")], "select the next row"),
        CommandRow(.moveUp, .lists, keys: [.up, .character("k")], "select the previous row"),
        CommandRow(.pageDown, .lists, keys: [.pageDown, .character(" ")], "one page down"),
        CommandRow(.pageUp, .lists, keys: [.pageUp], "one page up"),
        CommandRow(.moveTop, .lists, keys: [.home], "first row (g g on the table)"),
        CommandRow(.moveBottom, .lists, keys: [.end, .character("G")], "last row"),
    ])
}
