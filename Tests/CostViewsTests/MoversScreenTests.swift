import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The movers screen driven by command name: the list, the meeting layout at 80×24, notes kept
/// beside the cache, and Enter into the drill-down at the mover's node with the same windows.
@Suite("Movers screen", .serialized)
struct MoversScreenTests {
    /// The committed sample bill in a fresh cache (notes are written beside it).
    func explorer() throws -> Explorer {
        let path = Support.temporaryFolder() + "/sample.ctc"
        let (_, cache) = try Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path)
        var state = ExplorerState()
        state.period = .custom(DayRange(from: Day("2024-08-20")!, to: Day("2024-08-26")!))
        return try Explorer(cache: cache, cacheName: "sample.ctc", state: state)
    }

    @Test("open movers, present, step twice, add a note, step back, Enter lands on the node with the same windows")
    func meeting() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        let windows = explorer.ranges
        session.run(.movers)
        #expect(session.screen == .movers)
        var lines = session.lines(130, 30)
        #expect(lines[0].contains("2024-08-20..2024-08-26 vs 2024-08-13..2024-08-19"))
        #expect(lines[3].contains("123456789012 › AWSDataTransfer › USE1-DataTransfer-Out-Bytes"))
        #expect(lines[3].contains("uuuuuuuuuuuuuuu|"), "the spike's end is a usage decrease: \(lines[3])")
        let movers = explorer.screen(MoversScreen.self).movers
        #expect(movers.count > 5)

        session.run(.presentMovers)
        lines = session.lines(80, 24)
        #expect(lines[0].contains("1/\(movers.count)"))
        #expect(lines[1].contains("123456789012 › AWSDataTransfer › USE1-DataTransfer-Out-Bytes"))
        #expect(lines[3...5].joined().contains("|_|"), "the change in large figures")
        #expect(lines.contains { $0.hasPrefix(" u usage") && $0.contains("-$286.88") })
        #expect(lines.contains { $0.hasPrefix(" days now") })

        session.run(.nextMover)
        session.run(.nextMover)
        let third = movers[2]
        #expect(session.lines(80, 24)[0].contains("3/\(movers.count)"))
        session.run(.noteMover, "ask the data team")
        #expect(session.screen == .moverNote)
        session.run(.noteSave)
        #expect(session.screen == .movers)
        let notes = try MoverNotes(path: MoverNotes.path(forCache: explorer.cache.path))
        #expect(notes.note(for: third.pathText) == "ask the data team")
        #expect(session.lines(80, 24).contains { $0.contains("* ask the data team") }, "the note shows in the meeting layout")

        session.run(.previousMover)
        let second = movers[1]
        #expect(session.lines(80, 24)[0].contains("2/\(movers.count)"))
        session.run(.goToMover)
        #expect(session.screen == .table)
        #expect(explorer.ranges.period == windows.period && explorer.ranges.comparison == windows.comparison)
        #expect(explorer.state.steps.map(\.key) == second.path.dropLast().map(\.key))
        #expect(explorer.state.level.groupBy.description == second.path.last?.dimension)
        #expect(explorer.data.rows[explorer.state.selection].key == second.path.last?.key)
        // The table's row has the mover's figures: same windows, same cost.
        let row = explorer.data.rows[explorer.state.selection]
        #expect(row.cost == second.cost && row.previous == second.previous)
    }

    @Test("the meeting layout fits 80×24 in ASCII, and notes survive a re-ingest")
    func ascii() throws {
        var explorer = try explorer()
        let first = try explorer.queries.movers(explorer.state).movers[0]
        var notes = try MoverNotes(path: MoverNotes.path(forCache: explorer.cache.path))
        try notes.set("egress test, see ticket", for: first.pathText)
        _ = try Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: explorer.cache.path)
        explorer = try Explorer(cache: CacheFile(path: explorer.cache.path), cacheName: "sample.ctc", state: explorer.state)
        let session = ScriptedSession(explorer)
        session.run(.movers)
        let list = session.lines(80, 24, unicode: false)
        #expect(list[3].hasSuffix("*"), "the noted mover is marked: \(list[3])")
        #expect(list[22].contains("* egress test, see ticket"))
        session.run(.presentMovers)
        let lines = session.lines(80, 24, unicode: false)
        #expect(lines.contains { $0.contains("* egress test, see ticket") })
        #expect(lines.count == 24 && lines.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(lines[23].contains("next") && lines[23].contains("note"))
        session.run(.closeMovers)
        #expect(session.screen == .movers)
        session.run(.closeMovers)
        #expect(session.screen == .table)
    }
}
