/// Which key runs which command: the defaults from `ExplorerCommand`, with user overrides from the
/// `[keys]` table of the config file (`long-name = "key"` or `long-name = ["key", "key"]`).
public struct KeyMap: Sendable {
    private var bindings: [KeyEvent: ExplorerCommand]

    /// The default bindings.
    public init() {
        var bindings: [KeyEvent: ExplorerCommand] = [:]
        for command in ExplorerCommand.allCases {
            for key in command.defaultKeys { bindings[key] = command }
        }
        self.bindings = bindings
    }

    /// Binds `keys` to `command`, replacing its default keys.
    /// - Throws: a message naming the unknown key.
    public mutating func rebind(_ command: ExplorerCommand, to keyNames: [String]) throws {
        var keys: [KeyEvent] = []
        for name in keyNames {
            guard let key = KeyEvent(name: name) else { throw ConfigError("unknown key \"\(name)\" for \(command.rawValue)") }
            keys.append(key)
        }
        bindings = bindings.filter { $0.value != command }
        for key in keys { bindings[key] = command }
    }

    /// The command bound to `key`.
    public func command(for key: KeyEvent) -> ExplorerCommand? { bindings[key] }

    /// The keys of `command`, for help and hints, in a stable order.
    public func keys(for command: ExplorerCommand) -> [KeyEvent] {
        let bound = bindings.filter { $0.value == command }.map(\.key)
        let defaults = command.defaultKeys.filter(bound.contains)
        return defaults + bound.filter { !defaults.contains($0) }.sorted { $0.name < $1.name }
    }
}

/// A problem in the config file or a theme, in words a user can act on.
public struct ConfigError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
