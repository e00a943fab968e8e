import Foundation

/// A colour theme: a style for each semantic role. Themes are TOML files in `themes/` (one table
/// per role: `fg`, `bg` as 256-colour indexes, `bold`, `underline`, `reverse`); roles a theme leaves
/// out fall back to the built-in default theme.
public struct Theme: Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    /// The built-in default (dark) theme, used for any role a theme file leaves out.
    public static let builtIn = Theme(name: "default", styles: [
        .normal: Style(),
        .header: Style(foreground: ThemeColor(231), background: ThemeColor(24), bold: true),
        .breadcrumb: Style(foreground: ThemeColor(117), bold: true),
        .columnHeader: Style(foreground: ThemeColor(250), background: ThemeColor(236), bold: true),
        .selection: Style(foreground: ThemeColor(16), background: ThemeColor(153), reverse: false),
        .deltaUp: Style(foreground: ThemeColor(203)),
        .deltaDown: Style(foreground: ThemeColor(114)),
        .anomaly: Style(foreground: ThemeColor(16), background: ThemeColor(214), bold: true),
        .bar: Style(foreground: ThemeColor(75)),
        .reference: Style(foreground: ThemeColor(244)),
        .sparkline: Style(foreground: ThemeColor(117)),
        .gaugeFill: Style(foreground: ThemeColor(114)),
        .gaugeWarn: Style(foreground: ThemeColor(214)),
        .gaugeAlarm: Style(foreground: ThemeColor(203), bold: true),
        .muted: Style(foreground: ThemeColor(245)),
        .border: Style(foreground: ThemeColor(240)),
        .title: Style(foreground: ThemeColor(231), bold: true),
        .status: Style(foreground: ThemeColor(252), background: ThemeColor(238)),
        .statusKey: Style(foreground: ThemeColor(16), background: ThemeColor(117), bold: true),
        .error: Style(foreground: ThemeColor(231), background: ThemeColor(160), bold: true),
    ])

    /// Parses a theme file; unknown roles or keys are errors naming the file and the table.
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        let tables = try SimpleTOML.parse(text, file: file)
        var styles = builtIn.styles
        for (table, values) in tables where !table.isEmpty {
            guard let role = StyleRole(rawValue: table) else {
                throw ConfigError("\(file): unknown role [\(table)]; roles are \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var style = Style()
            for (key, value) in values {
                switch (key, value) {
                case ("fg", .integer(let index)) where (0...255).contains(index): style.foreground = ThemeColor(UInt8(index))
                case ("bg", .integer(let index)) where (0...255).contains(index): style.background = ThemeColor(UInt8(index))
                case ("bold", .boolean(let flag)): style.bold = flag
                case ("underline", .boolean(let flag)): style.underline = flag
                case ("reverse", .boolean(let flag)): style.reverse = flag
                default:
                    throw ConfigError("\(file): [\(table)] \(key): expected fg/bg 0-255 or bold/underline/reverse true/false")
                }
            }
            styles[role] = style
        }
        return Theme(name: name, styles: styles)
    }

    /// Finds and loads theme `name`: `$XDG_CONFIG_HOME/costtop/themes/NAME.toml`, then the bundled
    /// `themes/` folders given; "default" without a file is the built-in theme.
    public static func load(_ name: String, searchFolders: [String]) throws -> Theme {
        for folder in searchFolders {
            let path = folder + "/" + name + ".toml"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return try parse(text, name: name, file: path)
            }
        }
        if name == "default" { return builtIn }
        let known = availableNames(searchFolders: searchFolders).joined(separator: ", ")
        throw ConfigError("no theme \"\(name)\" (available: \(known))")
    }

    /// Theme names found in the folders (always including "default").
    public static func availableNames(searchFolders: [String]) -> [String] {
        var names: Set<String> = ["default"]
        for folder in searchFolders {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(".toml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }
}
