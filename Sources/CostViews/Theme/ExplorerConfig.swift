import Foundation

/// The user's config file, `$XDG_CONFIG_HOME/costtop/config.toml` (else `~/.config/costtop/config.toml`):
///
/// ```toml
/// theme = "light"
///
/// [keys]
/// move-down = ["j", "Down"]
/// quit = "q"
///
/// [gauges]
/// utilization_warn = 90
/// utilization_alarm = 70
/// coverage_warn = 60
/// coverage_alarm = 40
/// ```
public struct ExplorerConfig: Sendable {
    public var theme: String?
    public var keyMap = KeyMap()
    /// When the commitment gauges warn and alarm.
    public var gauges = GaugeThresholds()

    public init() {}

    /// The config file's path for this environment.
    public static func path(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/costtop/config.toml" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/costtop/config.toml"
    }

    /// Loads the file; a missing file is the defaults, a broken one an error naming the line.
    public static func load(path: String) throws -> ExplorerConfig {
        var config = ExplorerConfig()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return config }
        let tables = try SimpleTOML.parse(text, file: path)
        for (key, value) in tables[""] ?? [:] {
            guard key == "theme", case .string(let name) = value else {
                throw ConfigError("\(path): unknown setting \(key) (settings: theme, and the [keys] and [gauges] tables)")
            }
            config.theme = name
        }
        for (name, value) in tables["keys"] ?? [:] {
            guard let command = ExplorerCommand(rawValue: name) else {
                throw ConfigError("\(path): [keys] \(name): no such command (see ? in the explorer for the list)")
            }
            switch value {
            case .string(let key): try config.keyMap.rebind(command, to: [key])
            case .strings(let keys): try config.keyMap.rebind(command, to: keys)
            default: throw ConfigError("\(path): [keys] \(name): write a key name or a list of them")
            }
        }
        if let gauges = tables["gauges"] { config.gauges = try GaugeThresholds.parse(gauges, file: path) }
        for table in tables.keys where !["", "keys", "gauges"].contains(table) {
            throw ConfigError("\(path): unknown table [\(table)] (tables: [keys], [gauges])")
        }
        return config
    }
}
