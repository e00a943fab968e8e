import CostConfig
import CostModel
import Foundation

/// The user's config file, `$XDG_CONFIG_HOME/costtop/config.yaml` (else `~/.config/costtop/config.yaml`):
///
/// ```yaml
/// theme: light
///
/// keys:
///   move-down: [j, Down]
///   quit: q
///
/// anomaly_marks:        # impact, percent of the row's cost in the period
///   notable: 10
///   severe: 25
///
/// drill_path: [provider, account, service]   # the front of the drill path (`explore --by` wins)
///
/// gauges:
///   utilization_warn: 90
///   utilization_alarm: 70
///   coverage_warn: 60
///   coverage_alarm: 40
/// ```
public struct ExplorerConfig: Sendable, Decodable {
    /// The theme to start with (`--theme` wins); nil: the default theme.
    public var theme: String?
    /// The default key map with the file's `keys:` applied.
    public var keyMap = KeyMap()
    /// When the commitment gauges warn and alarm.
    public var gauges = GaugeThresholds()
    /// When a row's anomaly is marked, and when the mark is severe.
    public var anomalyMarks = AnomalyMarkRule()
    /// The dimensions the drill path starts with (`drill_path:`); nil: the default, which starts at
    /// provider when the cache holds several clouds.
    public var drillPath: [CostDimension]?

    /// The defaults: no theme chosen, the default keys and gauge thresholds.
    public init() {}

    /// The config file's path for this environment.
    public static func path(environment: [String: String]) -> String {
        XDGPath.file("config.yaml", in: .config, environment: environment)
    }

    /// Loads the file; a missing file is the defaults, a broken one an error naming the file, line
    /// and column.
    ///
    /// The file used to be `config.toml`. One left beside a missing `config.yaml` is an error like
    /// any broken config (the explorer does not start): starting with the defaults would drop the
    /// user's key bindings without a word, the outcome strict config reading exists to prevent.
    /// - Throws: `CostConfig.ConfigError`.
    public static func load(path: String) throws -> ExplorerConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            let old = (path as NSString).deletingLastPathComponent + "/config.toml"
            if FileManager.default.fileExists(atPath: old) {
                throw CostConfig.ConfigError(file: old, line: nil, column: nil, reason: "config.toml is no longer read; "
                    + "costtop reads \(path) (YAML, see docs/explorer.md): convert the file, or remove it to use the defaults")
            }
            return ExplorerConfig()
        }
        return try YAMLFile.decode(ExplorerConfig.self, path: path)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case theme, keys, gauges
        case anomalyMarks = "anomaly_marks"
        case drillPath = "drill_path"
    }

    /// Decodes the file's mapping; settings left out keep their defaults.
    /// - Throws: `ConfigProblem` or `DecodingError`, which `YAMLFile` places in the file.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        theme = try container.decodeIfPresent(String.self, forKey: .theme)
        keyMap = try container.decodeIfPresent(KeyBindings.self, forKey: .keys)?.keyMap ?? KeyMap()
        gauges = try container.decodeIfPresent(GaugeThresholds.self, forKey: .gauges) ?? GaugeThresholds()
        anomalyMarks = try container.decodeIfPresent(AnomalyMarkRule.self, forKey: .anomalyMarks) ?? AnomalyMarkRule()
        if let names = try container.decodeIfPresent([String].self, forKey: .drillPath) {
            var path: [CostDimension] = []
            for (index, name) in names.enumerated() {
                let at = decoder.codingPath + [CodingKeys.drillPath, AnyCodingKey(intValue: index)!]
                guard let dimension = CostDimension(name) else {
                    throw ConfigProblem(at: at, "unknown dimension '\(name)'; use a dimension of costtop query --by "
                                        + "(provider, account, service, usage-type, region, tag:KEY, ...)")
                }
                guard !path.contains(dimension) else { throw ConfigProblem(at: at, "\(name) is named twice") }
                path.append(dimension)
            }
            drillPath = path.isEmpty ? nil : path
        }
    }
}
