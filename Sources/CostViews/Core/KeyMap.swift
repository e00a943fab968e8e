import CostConfig
/// Which key runs which command on each screen: the defaults from the command table, with user
/// overrides from the config file's `[keys]` (`long-name = "key"` or `long-name = ["key", "key"]`).
///
/// Bindings are kept per screen (or shared group): the same key can do one thing on the table and
/// another on the anomalies screen, and rebinding a command moves its keys only where it lives.
public struct KeyMap: Sendable {
    private var bindings: [ScreenID: [KeyEvent: ExplorerCommand]]

    /// The default bindings.
    public init() { self.init(table: .standard) }

    init(table: CommandTable) {
        var bindings: [ScreenID: [KeyEvent: ExplorerCommand]] = [:]
        for row in table.rows {
            for key in row.defaultKeys { bindings[row.screen, default: [:]][key] = row.command }
        }
        self.bindings = bindings
    }

    /// Binds `keys` to `command`, replacing its default keys, on the screen the command belongs to.
    /// - Throws: `ConfigError` naming the unknown key.
    public mutating func rebind(_ command: ExplorerCommand, to keyNames: [String]) throws {
        var keys: [KeyEvent] = []
        for name in keyNames {
            guard let key = KeyEvent(name: name) else { throw ConfigError("unknown key \"\(name)\" for \(command.rawValue)") }
            keys.append(key)
        }
        let screen = command.screen
        var screenBindings = (bindings[screen] ?? [:]).filter { $0.value != command }
        for key in keys { screenBindings[key] = command }
        bindings[screen] = screenBindings
    }

    /// The command bound to `key` in the first of `screens` that binds it.
    public func command(for key: KeyEvent, in screens: [ScreenID]) -> ExplorerCommand? {
        for screen in screens {
            if let command = bindings[screen]?[key] { return command }
        }
        return nil
    }

    /// The command bound to `key` on the drill-down table (its own keys, movement, help, quit).
    public func command(for key: KeyEvent) -> ExplorerCommand? { command(for: key, in: TableScreen.keyScopes) }

    /// The keys of `command`, for help and hints, in a stable order: its defaults still bound, then
    /// the others by name.
    public func keys(for command: ExplorerCommand) -> [KeyEvent] {
        let bound = (bindings[command.screen] ?? [:]).filter { $0.value == command }.map(\.key)
        let defaults = command.defaultKeys.filter(bound.contains)
        return defaults + bound.filter { !defaults.contains($0) }.sorted { $0.name < $1.name }
    }

    /// The first key of `command`'s, by name, for hints (`Enter`, `q`).
    public func key(for command: ExplorerCommand) -> String? { keys(for: command).first?.name }
}
