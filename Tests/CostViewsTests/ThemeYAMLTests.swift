import CostConfig
@testable import CostViews
import Foundation
import CosttopTestSupport
import Testing

/// Themes as YAML: the bundled files give what the TOML ones gave, roles fall back to the default
/// theme, names are found as before, and every broken file is an error at its line and column.
@Suite("Themes in YAML")
struct ThemeYAMLTests {
    static let bundled = Support.repository + "/themes"

    /// `fg 231 bg 24 bold` (the table's notation) as a style.
    func style(_ spec: String) -> Style {
        var style = Style()
        var words = spec.split(separator: " ").makeIterator()
        while let word = words.next() {
            switch word {
            case "fg": style.foreground = ThemeColor(UInt8(words.next()!)!)
            case "bg": style.background = ThemeColor(UInt8(words.next()!)!)
            case "bold": style.bold = true
            case "underline": style.underline = true
            case "reverse": style.reverse = true
            default: Issue.record("unknown word \(word) in \(spec)")
            }
        }
        return style
    }

    @Test("every bundled theme gives the roles and colours its TOML file gave")
    func bundledThemesMatchTOML() throws {
        let names = Theme.availableNames(searchFolders: [Self.bundled])
        #expect(names == TOMLThemeTable.styles.keys.sorted())
        for name in names {
            let theme = try Theme.load(name, searchFolders: [Self.bundled])
            let expected = try #require(TOMLThemeTable.styles[name])
            #expect(expected.count == StyleRole.allCases.count)
            for role in StyleRole.allCases {
                #expect(theme.styles[role] == style(try #require(expected[role.rawValue])), "\(name) \(role.rawValue)")
            }
        }
        // The files are YAML now; no TOML theme is left to be silently ignored.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.bundled)
        #expect(files.allSatisfy { $0.hasSuffix(".yaml") }, "\(files)")
    }

    @Test("roles left out fall back to the default theme; an empty role is the plain style")
    func fallback() throws {
        let theme = try Theme.parse("delta_up:\n  fg: 9\n  underline: true\nheader: {}\nmuted:\n", name: "mine", file: "mine.yaml")
        #expect(theme.styles[.deltaUp] == Style(foreground: ThemeColor(9), underline: true))
        #expect(theme.styles[.header] == Style())
        #expect(theme.styles[.muted] == Style())
        #expect(theme.styles[.error] == Theme.builtIn.styles[.error])
        #expect(theme.styles.count == StyleRole.allCases.count)
        #expect(try Theme.parse("", name: "empty", file: "empty.yaml").styles == Theme.builtIn.styles)
    }

    @Test("user themes come first; an unknown name lists the themes and points at a leftover .toml")
    func lookup() throws {
        let user = Support.temporaryFolder()
        _ = Support.write("header:\n  fg: 1\n", to: user, "light.yaml")
        _ = Support.write("[header]\nfg = 2\n", to: user, "old.toml")
        let folders = [user, Self.bundled]
        #expect(try Theme.load("light", searchFolders: folders).styles[.header] == Style(foreground: ThemeColor(1)))
        #expect(try Theme.load("monochrome", searchFolders: folders).styles[.header] == style("bold reverse"))
        #expect(try Theme.load("default", searchFolders: [user]).styles == Theme.builtIn.styles, "no file: built in")
        #expect(!Theme.availableNames(searchFolders: folders).contains("old"))
        do {
            _ = try Theme.load("old", searchFolders: folders)
            Issue.record("a .toml theme loaded")
        } catch let error as CostConfig.ConfigError {
            #expect(error.description.hasPrefix("no theme \"old\" (available: colorblind, default, high-contrast, light, monochrome)"))
            #expect(error.description.contains("\(user)/old.toml is TOML, which costtop no longer reads: convert it to old.yaml"))
        }
    }

    @Test("theme errors name the file, line and column")
    func errors() {
        let cases: [(text: String, line: Int, column: Int, reason: String)] = [
            ("header:\n  fg: 231\n  bg: 300\n", 3, 7, "header.bg: expected a 256-colour palette index from 0 to 255, found 300"),
            ("header:\n  fg: red\n", 2, 7, "header.fg: expected a 256-colour palette index from 0 to 255"),
            ("normal: {}\nheadr:\n  fg: 1\n", 2, 1, "unknown role \"headr\" (roles: normal, header, breadcrumb,"),
            ("header:\n  bold: true\n  fgg: 1\n", 3, 3, "header: unknown key \"fgg\" (keys: fg, bg, bold, underline, reverse)"),
            ("title:\n  bold: maybe\n", 2, 9, "title.bold: expected true or false, found \"maybe\""),
            ("header: 5\n", 1, 9, "header: expected a mapping (key: value lines), found \"5\""),
            ("header:\n  fg: 1\n fg: 2\n", 3, 2, "invalid YAML: "),
        ]
        for (text, line, column, reason) in cases {
            do {
                _ = try Theme.parse(text, name: "t", file: "/t/t.yaml")
                Issue.record("no error for \(text)")
            } catch let error as CostConfig.ConfigError {
                #expect(error.file == "/t/t.yaml" && error.line == line && error.column == column, "\(error)")
                #expect(error.description.hasPrefix("/t/t.yaml:\(line):\(column): \(reason)"), "\(error)")
            } catch {
                Issue.record("not a ConfigError: \(error)")
            }
        }
    }
}
