import CostCache
import CostEngine
import CosttopTestSupport
import Testing
@testable import CostViews

/// The command table: one row per command, keys that do not clash where they are read, every
/// long name users' config files may name, and rebinding on every screen.
@Suite("Command table", .serialized)
struct CommandTableTests {
    /// The long names before the command table covered every screen; config files name them.
    static let namesBefore = [
        "move-down", "move-up", "page-down", "page-up", "move-top", "move-bottom", "drill-down", "go-up", "regroup",
        "cycle-tag-key", "cycle-sort", "period-last-7d", "period-last-30d", "period-mtd", "period-last-month",
        "cycle-comparison", "cycle-metric", "commitments", "anomalies", "filter-rows", "command-line", "toggle-detail",
        "export", "help", "quit",
    ]

    func session(_ keys: KeyMap = KeyMap()) throws -> ScriptedSession {
        ScriptedSession(try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc", keyMap: keys))
    }

    @Test("every row has a unique long name that finds it again; every registered screen has rows")
    func uniqueNames() {
        let rows = CommandTable.standard.rows
        let names = rows.map(\.command.rawValue)
        #expect(Set(names).count == names.count, "duplicates: \(Dictionary(grouping: names) { $0 }.filter { $1.count > 1 }.keys)")
        for row in rows {
            #expect(ExplorerCommand(rawValue: row.command.rawValue) == row.command)
            #expect(!row.help.isEmpty, "\(row.command) has help")
        }
        #expect(ExplorerCommand(rawValue: "fly") == nil)
        for screen in ScreenRegistry.screens {
            #expect(!CommandTable.standard.rows(of: screen.id).isEmpty, "\(screen.id) has rows")
        }
        let verbs = rows.flatMap(\.verbs)
        #expect(Set(verbs).count == verbs.count)
    }

    @Test("every long name and default key of before is kept")
    func namesKept() {
        for name in Self.namesBefore { #expect(ExplorerCommand(rawValue: name) != nil, "\(name)") }
        let keys = KeyMap()
        #expect(keys.keys(for: .moveDown) == [.down, .character("j")])
        #expect(keys.keys(for: .drillDown) == [.enter, .right, .character("l")])
        #expect(keys.keys(for: .help) == [.character("?"), .function(1)])
        #expect(keys.keys(for: .cycleComparison) == [.character("v")])
        #expect(keys.keys(for: .markExpected) == [.character("E")])
        #expect(keys.keys(for: .regroupNext) == [.down, .character("j")])
    }

    @Test("default keys do not clash on any screen: each key read there finds one row")
    func noClashes() {
        for screen in ScreenRegistry.screens {
            var owner: [KeyEvent: String] = [:]
            for scope in screen.keyScopes {
                for row in CommandTable.standard.rows(of: scope) {
                    for key in row.defaultKeys {
                        #expect(owner[key] == nil, "\(screen.id): \(key.name) is \(owner[key] ?? "") and \(row.command)")
                        owner[key] = row.command.rawValue
                    }
                }
            }
        }
    }

    @Test("rebinding an anomalies screen verdict key: the new key marks, the old one no longer does")
    func rebindVerdict() throws {
        let folder = Support.temporaryFolder()
        let lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost"]
            + (0..<70).map { offset in
                "\(AnomalyScreenTests.start.adding(days: offset))T00:00:00Z,A,AmazonEC2,BoxUsage,\(offset == 60 ? 700.0 : 100.0)"
            }
        let (_, cache) = try Support.ingest([Support.write(lines.joined(separator: "\n") + "\n", to: folder, "cur.csv")],
                                            cache: folder + "/spike.ctc")
        var keys = KeyMap()
        try keys.rebind(.markProblem, to: ["!"])
        let explorer = try Explorer(cache: cache, cacheName: "spike.ctc", keyMap: keys)
        explorer.setAnomalies(try AnomalyDetector(cache: cache).detect())
        let session = ScriptedSession(explorer)
        session.run(.anomalies)
        let anomaly = try #require(explorer.findings?.entries.first?.anomaly)
        session.press(.character("R"))
        #expect(explorer.state.message?.contains("not on this screen") == true)
        #expect(try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache.path)).verdict(for: anomaly) == nil)
        session.press(.character("!"))
        #expect(try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache.path)).verdict(for: anomaly) == .problem)
        #expect(session.lines().last!.contains("marked problem"))
        session.run(.moveUp)
        #expect(session.lines().last!.contains("! problem"), "the status line hints the new key")
    }

    @Test("rebinding the regroup chooser's movement keys; the table's keys stay as they were")
    func rebindRegroup() throws {
        var keys = KeyMap()
        try keys.rebind(.regroupNext, to: ["n"])
        try keys.rebind(.regroupPrevious, to: ["p"])
        let session = try session(keys)
        session.run(.regroup)
        let start = session.explorer.screen(RegroupScreen.self).highlighted
        session.press(.character("n"))
        session.press(.character("n"))
        session.press(.character("p"))
        #expect(session.explorer.screen(RegroupScreen.self).highlighted == start + 1)
        session.press(.enter)
        #expect(session.explorer.state.level.groupBy == session.explorer.groupChoices[start + 1])
        // j is no longer the chooser's: it closes it, as any unbound key does; on the table it still moves.
        session.run(.regroup)
        session.press(.character("j"))
        #expect(session.screen == .table)
        session.press(.character("j"))
        #expect(session.explorer.state.selection == 1)
    }

    @Test("a key bound to a : verb opens the command line with the verb typed; verbs run by name")
    func verbs() throws {
        var keys = KeyMap()
        try keys.rebind(.groupBy, to: ["B"])
        let session = try session(keys)
        session.press(.character("B"))
        #expect(session.screen == .commandLine)
        #expect(session.lines().last!.hasPrefix(":by "))
        session.type("service")
        session.press(.enter)
        #expect(session.screen == .table && session.explorer.state.level.groupBy == .fixed(.service))
        session.run(.commandLine, "fly away")
        session.run(.commandRun)
        #expect(session.explorer.state.message?.hasPrefix("unknown command: fly (period, where, by, metric, per, theme, view, bookmark, go, export)") == true)
        #expect(session.run(.quit) == .quit)
    }

    @Test("rendering writes nothing back: the same state drawn at any size, then again, is the same grid")
    func pureRender() throws {
        let session = try session()
        for _ in 0..<25 { session.run(.moveDown) }
        let before = session.grid(100, 30)
        _ = session.grid(80, 14)
        _ = session.grid(200, 60)
        #expect(session.grid(100, 30) == before)
    }

    @Test("with the terminal's size reported, the table scrolls as little as possible to keep the selection in view")
    func scrolling() throws {
        let session = try session()
        session.run(.groupBy, "usage-type")
        session.explorer.resize(width: 100, height: 20)
        // 20 rows: header 3, strip 1, titles 1, total 1, status 1 leave 13 rows of the level.
        for _ in 0..<15 { session.run(.moveDown) }
        var lines = session.lines(100, 20)
        let selected = session.explorer.data.rows[15].key
        #expect(lines[17].contains(String(selected.prefix(15))), "the selection on the last visible line")
        // Up by one: the view stays where it is (the selection moves up a line, not the rows).
        session.run(.moveUp)
        lines = session.lines(100, 20)
        #expect(lines[16].contains(String(session.explorer.data.rows[14].key.prefix(15))))
        #expect(lines[17].contains(String(selected.prefix(15))))
    }
}
