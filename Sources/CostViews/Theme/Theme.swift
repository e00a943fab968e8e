import CostConfig
import Foundation

/// A colour theme: a style for each semantic role. Themes are YAML files in `themes/` (one mapping
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
        .anomalySevere: Style(foreground: ThemeColor(231), background: ThemeColor(160), bold: true),
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

    /// Parses a theme file; roles it leaves out come from the built-in theme.
    /// - Throws: `CostConfig.ConfigError` naming the file, line and column (unknown role or key, a
    ///   colour outside 0-255, YAML syntax).
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        let themeFile = try YAMLFile.decode(ThemeFile.self, from: text, file: file)
        return Theme(name: name, styles: builtIn.styles.merging(themeFile.styles) { _, fromFile in fromFile })
    }

    /// Finds and loads theme `name`: `$XDG_CONFIG_HOME/costtop/themes/NAME.yaml`, then the bundled
    /// `themes/` folders given; "default" without a file is the built-in theme.
    /// - Throws: `CostConfig.ConfigError` for a broken file or a name with no file.
    public static func load(_ name: String, searchFolders: [String]) throws -> Theme {
        for folder in searchFolders {
            let path = folder + "/" + name + Theme.fileExtension
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return try parse(text, name: name, file: path)
            }
        }
        if name == "default" { return builtIn }
        let known = availableNames(searchFolders: searchFolders).joined(separator: ", ")
        // Themes used to be TOML: say so when that is why the name is not found.
        let oldFiles = searchFolders.map { $0 + "/" + name + ".toml" }.filter { FileManager.default.fileExists(atPath: $0) }
        let hint = oldFiles.first.map { "; \($0) is TOML, which costtop no longer reads: convert it to \(name).yaml" } ?? ""
        throw CostConfig.ConfigError("no theme \"\(name)\" (available: \(known))" + hint)
    }

    /// Theme files are `NAME.yaml`.
    static let fileExtension = ".yaml"

    /// Theme names found in the folders (always including "default").
    public static func availableNames(searchFolders: [String]) -> [String] {
        var names: Set<String> = ["default"]
        for folder in searchFolders {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where file.hasSuffix(fileExtension) {
                names.insert(String(file.dropLast(fileExtension.count)))
            }
        }
        return names.sorted()
    }
}
