import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Meeting mode in the real binary under tmux, driven by command names: open movers, step twice,
/// add a note, step back, Enter lands on the right node with the right windows; the view copied
/// through OSC 52 (read back from tmux's buffer) opens the same screen in a new process.
@Suite("Movers end to end (tmux)", .serialized)
struct MoversEndToEndTests {
    @Test("meeting mode: step, note, step back, Enter; the copied view opens the movers in a new process")
    func meeting() throws {
        let cachePath = Support.temporaryFolder() + "/sample.ctc"
        _ = try Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: cachePath)
        let period = DayRange(from: Day("2024-08-14")!, to: Day("2024-08-20")!)
        let movers = try MoversAnalysis(cache: CacheFile(path: cachePath))
            .run(MoversSpec(period: period, comparison: DayRange(from: Day("2024-08-07")!, to: Day("2024-08-13")!), limit: 50)).movers
        let start = "v1;by=account;period=\(period);compare=previous;metric=billed"
        let config = Support.temporaryFolder()
        let driver = try TmuxDriver(command: "\(Support.binary) explore --cache \(cachePath) --view '\(start)'",
                                    width: 80, height: 24, environment: ["XDG_CONFIG_HOME": config])
        // tmux takes OSC 52 from the program into its paste buffer.
        try driver.run(["set-option", "-g", "set-clipboard", "on"])
        _ = try driver.waitFor("TOTAL")

        try driver.send(.movers)
        _ = try driver.waitFor("\(movers.count) movers")
        try driver.send(.presentMovers)
        _ = try driver.waitFor("1/\(movers.count)")
        try driver.send(.nextMover)
        try driver.send(.nextMover)
        var screen = try driver.waitFor("3/\(movers.count)")
        #expect(screen.contains(movers[2].path.map(\.key).joined(separator: " › ")))
        try driver.send(.noteMover)
        _ = try driver.waitFor("Note (Enter saves")
        try driver.send(text: "ask the data team")
        try driver.send(.noteSave)
        _ = try driver.waitFor("* ask the data team")
        try driver.send(.previousMover)
        screen = try driver.waitFor("2/\(movers.count)")
        let second = movers[1]
        #expect(screen.contains(second.path.map(\.key).joined(separator: " › ")))
        #expect(try MoverNotes(path: MoverNotes.path(forCache: cachePath)).note(for: movers[2].pathText) == "ask the data team")

        // Copy the view: shown in the status line, and in tmux's buffer through OSC 52.
        try driver.send(.copyMoversView)
        screen = try driver.waitFor("copied: v1;")
        let copied = try driver.run(["show-buffer"]).output
        #expect(copied.hasPrefix("v1;") && copied.hasSuffix(";screen=movers"), "\(copied)")
        #expect(copied.contains("period=\(period)"))

        // Enter: the table at the node, the node's row selected, the same windows.
        try driver.send(.goToMover)
        screen = try driver.waitFor("TOTAL")
        let node = try #require(second.path.last?.key)
        let selected = screen.split(separator: "\n").first { $0.contains(node) }
        #expect(selected != nil, "the node's row is on screen: \(screen)")
        #expect(screen.contains("2024-08-14") && screen.contains("2024-08-20"), "the mover's period: \(screen)")
        #expect(screen.contains(Money.groupedString(second.cost)))
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)

        // The copied text opens the same screen in a new process.
        let next = try TmuxDriver(command: "\(Support.binary) explore --cache \(cachePath) --view '\(copied)'",
                                  width: 80, height: 24, environment: ["XDG_CONFIG_HOME": config])
        screen = try next.waitFor("\(movers.count) movers")
        #expect(screen.contains("2024-08-14..2024-08-20 vs 2024-08-07..2024-08-13"))
        #expect(screen.contains(movers[0].path.map(\.key).joined(separator: " › ").prefix(30)))
        try next.send(.quit)
        #expect(next.exitStatus() == 0)
    }
}
