extension ScreenID {
    /// The help screen (`?`).
    public static let help = ScreenID("help")
}

extension ExplorerCommand {
    public static let closeHelp = ExplorerCommand("close-help")
}

/// The help screen: every row of the command table with its current keys, grouped by screen,
/// generated from the table and the key map (so rebound keys show as bound). It scrolls with the
/// move keys; any other key returns. Its state is the first line shown.
final class HelpScreen: Screen {
    static let id = ScreenID.help
    static let title = "Help (?)"
    static let keyScopes: [ScreenID] = [.help, .lists]
    static let commands: [CommandRow] = [
        CommandRow(.closeHelp, .help, keys: [.escape], "return (so does any key but the move keys)"),
    ]

    /// One line of help.
    enum Line: Equatable {
        case heading(String)
        /// Keys, long name, help.
        case row(keys: String, name: String, help: String)
        case blank
        case note(String)
    }

    private(set) var scroll = 0

    init() {}

    func open(text: String?, context: ScreenContext) -> ScreenEffect {
        scroll = 0
        return .none
    }

    func handle(_ input: ScreenInput, context: ScreenContext) -> ScreenEffect {
        guard case .command(let command) = input, command != .closeHelp else { return .close }
        let count = Self.lines(context.keyMap).count
        guard let target = ListNavigation.target(of: command, from: scroll, count: count) else { return .close }
        scroll = target
        return .none
    }

    /// Keeps the first line within the last page, so moving up from the bottom scrolls at once.
    func settle(context: ScreenContext) {
        guard scroll > 0, let viewport = context.viewport else { return }
        scroll = min(scroll, Self.maximumScroll(lines: Self.lines(context.keyMap).count, height: viewport.height))
    }

    /// The help text for a key map: for each group of the command table a heading, then one line per row.
    static func lines(_ keyMap: KeyMap, table: CommandTable = .standard) -> [Line] {
        var lines: [Line] = []
        for group in table.groups {
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(.heading(group.title))
            for row in group.rows {
                var keys = keyMap.keys(for: row.command).map(\.name).joined(separator: " ")
                var help = row.help
                if !row.verbs.isEmpty {
                    // A verb shows as typed (`:period`, `:quit :q`), after any key bound to it.
                    let typed = row.verbs.map { ":" + $0 }.joined(separator: " ")
                    keys = keys.isEmpty ? typed : keys + " " + typed
                    if let argument = row.argument { help += " (\(argument))" }
                }
                lines.append(.row(keys: keys, name: row.command.rawValue, help: help))
            }
        }
        lines.append(.blank)
        lines.append(.note("Rebind keys in $XDG_CONFIG_HOME/costtop/config.yaml (keys: then long-name: key)."))
        return lines
    }

    /// Lines shown at once at a terminal height (the title and the last row are not help).
    static func visibleLines(height: Int) -> Int { max(1, height - 3) }

    static func maximumScroll(lines: Int, height: Int) -> Int { max(0, lines - visibleLines(height: height)) }

    func render(into grid: inout CellGrid, context: ScreenContext) {
        let unicode = context.unicode
        let lines = Self.lines(context.keyMap)
        let visible = Self.visibleLines(height: grid.height)
        let first = min(scroll, Self.maximumScroll(lines: lines.count, height: grid.height))
        let shown = lines[first..<min(lines.count, first + visible)]
        grid.fill(x: 0, y: 0, width: grid.width, height: 1, role: .header)
        let move = [context.keyMap.key(for: .moveDown), context.keyMap.key(for: .moveUp)].compactMap { $0 }.joined(separator: "/")
        grid.put(" costtop help \(unicode ? "—" : "-") \(move.isEmpty ? "" : move + " scroll, ")any other key returns", x: 0, y: 0,
                 role: .header, unicode: unicode)
        if lines.count > visible {
            grid.putRight("\(first + 1)-\(first + shown.count)/\(lines.count) ", right: grid.width, y: 0, role: .header)
        }
        let keyWidth = 24
        let nameWidth = 20
        for (offset, line) in shown.enumerated() {
            let y = 2 + offset
            switch line {
            case .heading(let title): grid.put(title, x: 1, y: y, role: .breadcrumb, unicode: unicode)
            case .row(let keys, let name, let help):
                grid.put(keys, x: 2, y: y, role: .statusKey, maxWidth: keyWidth, unicode: unicode)
                grid.put(name, x: 2 + keyWidth, y: y, role: .title, maxWidth: nameWidth, unicode: unicode)
                grid.put(help, x: 2 + keyWidth + nameWidth, y: y, role: .normal,
                         maxWidth: grid.width - keyWidth - nameWidth - 4, unicode: unicode)
            case .blank: break
            case .note(let text): grid.put(text, x: 2, y: y, role: .muted, unicode: unicode)
            }
        }
    }
}
