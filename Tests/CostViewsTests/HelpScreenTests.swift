import CostCache
import Testing
@testable import CostViews

/// The help screen: generated from the command table, every row of every screen, scrolling.
@Suite("Help screen", .serialized)
struct HelpScreenTests {
    func session() throws -> ScriptedSession {
        ScriptedSession(try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc"))
    }

    /// Every line help shows, scrolling from the top to the bottom a line at a time.
    func everyLine(_ session: ScriptedSession, width: Int = 100, height: Int = 30) -> [String] {
        var seen: [String] = []
        let count = HelpScreen.lines(session.explorer.keyMap).count
        for _ in 0..<count {
            seen += session.lines(width, height).dropFirst(2).dropLast()
            session.run(.moveDown)
        }
        return seen
    }

    @Test("help lists every row of the command table, with its keys, grouped under every screen's title")
    func everyRow() throws {
        let session = try session()
        session.run(.help)
        let seen = everyLine(session)
        for group in CommandTable.standard.groups {
            #expect(seen.contains { $0.contains(group.title) }, "heading \(group.title)")
        }
        for row in CommandTable.standard.rows {
            let keys = session.explorer.keyMap.keys(for: row.command).map(\.name)
            #expect(seen.contains { $0.contains(" \(row.command.rawValue) ") && (keys.isEmpty || $0.contains(keys[0])) },
                    "row \(row.command.rawValue)")
        }
        // The anomalies screen's verdict keys and the chooser's are there, not only the table's.
        #expect(seen.contains { $0.contains("mark-expected") && $0.contains("E") })
        #expect(seen.contains { $0.contains("regroup-next") && $0.contains("Down j") })
        #expect(seen.contains { $0.contains(":period") })
    }

    @Test("help scrolls: more rows than the screen holds, the last one reachable with move-bottom; snapshot at 100x30")
    func scrolls() throws {
        let session = try session()
        session.run(.help)
        let rows = CommandTable.standard.rows.count
        #expect(rows > 30, "more rows than one screen shows (\(rows))")
        var lines = session.lines()
        Snapshot.assert(lines, named: "help-100x30")
        let last = try #require(CommandTable.standard.rows.last)
        #expect(!lines.contains { $0.contains(" \(last.command.rawValue) ") })
        #expect(lines[0].contains("1-27/"))
        session.run(.moveBottom)
        lines = session.lines()
        #expect(lines.contains { $0.contains(" \(last.command.rawValue) ") })
        #expect(lines[lines.count - 2].contains("Rebind keys"), "the last page ends with the note")
        #expect(session.screen == .help)
        session.run(.moveTop)
        #expect(session.lines()[2].contains(CommandTable.standard.groups[0].title))
        // At 80x24 too, and in ASCII.
        session.run(.moveBottom)
        #expect(session.lines(80, 24).contains { $0.contains(" \(last.command.rawValue) ") })
        #expect(!session.lines(80, 24, unicode: false).joined().unicodeScalars.contains { $0.value > 127 })
        session.run(.closeHelp)
        #expect(session.screen == .table)
    }

    @Test("help shows rebound keys")
    func rebound() throws {
        var keys = KeyMap()
        try keys.rebind(.markExpected, to: ["X"])
        let session = ScriptedSession(try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc", keyMap: keys))
        session.run(.help)
        let line = try #require(everyLine(session).first { $0.contains("mark-expected") })
        #expect(line.hasPrefix("  X "), "\(line)")
    }
}
