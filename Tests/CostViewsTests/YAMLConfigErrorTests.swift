import CostConfig
@testable import CostViews
import Foundation
import CosttopTestSupport
import Testing

/// Every kind of config problem is an error at the file, line and column where it is, checked
/// against the real position in each fixture.
@Suite("Config errors in YAML")
struct YAMLConfigErrorTests {
    /// A fixture, where its error is, and how the message starts after `file:line:column: `.
    struct Case: Sendable {
        var kind: String
        var text: String
        var line: Int
        var column: Int
        var reason: String
    }

    static let cases: [Case] = [
        Case(kind: "syntax: a value indented under a scalar", text: "theme: light\n  keys: x\n", line: 2, column: 7,
             reason: "invalid YAML: mapping values are not allowed in this context"),
        Case(kind: "syntax: an unclosed list", text: "keys:\n  quit: [q\ngauges: {}\n", line: 3, column: 7,
             reason: "invalid YAML: while parsing a flow sequence: did not find expected ',' or ']'"),
        Case(kind: "syntax: a tab for indentation", text: "keys:\n\tquit: q\n", line: 2, column: 1,
             reason: "invalid YAML: while scanning for the next token: found character that cannot start any token"),
        Case(kind: "syntax: an unquoted ? as a key", text: "keys:\n  help: ?\n", line: 2, column: 9,
             reason: "invalid YAML: mapping keys are not allowed in this context"),
        Case(kind: "a key written twice", text: "theme: light\nkeys:\n  quit: q\n  quit: Q\n", line: 3, column: 3,
             reason: "\"quit\" written more than once in the same mapping; keep one"),
        Case(kind: "wrong type: a list for the theme", text: "theme: [1]\n", line: 1, column: 8,
             reason: "theme: expected a single value, found a list"),
        Case(kind: "wrong type: a scalar for a mapping", text: "theme: light\ngauges: 50\n", line: 2, column: 9,
             reason: "gauges: expected a mapping (key: value lines), found \"50\""),
        Case(kind: "wrong type: the whole file a list", text: "- theme: light\n", line: 1, column: 1,
             reason: "expected a mapping (key: value lines), found a list"),
        Case(kind: "wrong type: a mapping for a key", text: "keys:\n  quit: {key: q}\n", line: 2, column: 9,
             reason: "keys.quit: write a key name or a list of them"),
        Case(kind: "unknown setting at the top", text: "theme: light\ngauge:\n  coverage_warn: 30\n", line: 2, column: 1,
             reason: "unknown setting \"gauge\" (settings: theme, keys, gauges, anomaly_marks, drill_path)"),
        Case(kind: "unknown setting in gauges", text: "gauges:\n  coverage_warn: 30\n  utilisation_warn: 80\n", line: 3, column: 3,
             reason: "gauges: unknown setting \"utilisation_warn\" (settings: utilization_warn, utilization_alarm, coverage_warn, coverage_alarm)"),
        Case(kind: "unknown command", text: "keys:\n  quit: q\n  fly: f\n", line: 3, column: 3,
             reason: "keys: no such command \"fly\" (see ? in the explorer for the list)"),
        Case(kind: "no key: an unquoted # starts a comment", text: "keys:\n  quit: q\n  help: #\n", line: 3, column: 8,
             reason: "keys.help: no key given (quote keys that are YAML punctuation: \"#\", \"?\", \":\")"),
        Case(kind: "unknown key name", text: "keys:\n  quit: Dwn\n", line: 2, column: 9,
             reason: "keys.quit: unknown key \"Dwn\" for quit"),
        Case(kind: "unknown key name inside a list", text: "keys:\n  move-down: [j, Dwn, n]\n", line: 2, column: 18,
             reason: "keys.move-down[1]: unknown key \"Dwn\" for move-down"),
        Case(kind: "unknown key name in a block list", text: "keys:\n  move-down:\n    - j\n    - PageDown\n", line: 4, column: 7,
             reason: "keys.move-down[1]: unknown key \"PageDown\" for move-down"),
        Case(kind: "out-of-range threshold", text: "gauges:\n  utilization_warn: 120\n", line: 2, column: 21,
             reason: "gauges.utilization_warn: expected a whole percentage from 0 to 100, found 120"),
        Case(kind: "negative threshold", text: "gauges:\n  coverage_alarm: -5\n", line: 2, column: 19,
             reason: "gauges.coverage_alarm: expected a whole percentage from 0 to 100, found -5"),
        Case(kind: "threshold not a whole number", text: "gauges:\n  coverage_alarm: low\n", line: 2, column: 19,
             reason: "gauges.coverage_alarm: expected a whole percentage from 0 to 100"),
        Case(kind: "alarm above warning", text: "gauges:\n  coverage_warn: 30\n  coverage_alarm: 50\n", line: 3, column: 19,
             reason: "gauges.coverage_alarm: coverage_alarm (50) is above coverage_warn (30); the alarm threshold must be the lower one"),
        Case(kind: "warning set below the default alarm", text: "gauges:\n  utilization_warn: 60\n", line: 2, column: 21,
             reason: "gauges.utilization_warn: utilization_alarm (70) is above utilization_warn (60)"),
    ]

    @Test("each kind of problem names file:line:column", arguments: cases)
    func positioned(_ fixture: Case) throws {
        let folder = Support.temporaryFolder()
        let path = Support.write(fixture.text, to: folder, "config.yaml")
        do {
            _ = try ExplorerConfig.load(path: path)
            Issue.record("no error for \(fixture.kind)")
        } catch let error as CostConfig.ConfigError {
            #expect(error.file == path && error.line == fixture.line && error.column == fixture.column,
                    "\(fixture.kind): \(error)")
            #expect(error.description.hasPrefix("\(path):\(fixture.line):\(fixture.column): \(fixture.reason)"),
                    "\(fixture.kind): \(error)")
        }
    }

    @Test("text quoted from the file is escaped before it reaches a terminal")
    func escapesControlCharacters() {
        do {
            _ = try YAMLFile.decode(ExplorerConfig.self, from: "keys:\n  \"fly\\e[2J\": f\n", file: "c.yaml")
            Issue.record("no error for an unknown command")
        } catch {
            #expect("\(error)" == "c.yaml:2:3: keys: no such command \"fly\\x1b[2J\" (see ? in the explorer for the list)")
        }
    }
}
