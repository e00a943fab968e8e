import CostConfig

/// A theme file as written: a mapping from role names (`header`, `delta_up`, ...) to styles.
/// Roles it leaves out are not here; `Theme.parse` fills them from the built-in default theme.
struct ThemeFile: Decodable {
    /// The styles the file sets.
    var styles: [StyleRole: Style] = [:]

    /// Reads the roles.
    /// - Throws: `ConfigProblem` at an unknown role, or whatever a role's style throws.
    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(known: StyleRole.allCases.map(\.rawValue), kind: "role")
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys {
            guard let role = StyleRole(rawValue: key.stringValue) else { continue }
            styles[role] = try container.decode(Style.self, forKey: key)
        }
    }
}
