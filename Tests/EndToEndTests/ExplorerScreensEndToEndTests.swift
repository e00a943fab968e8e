import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The real binary in tmux: help scrolls to its last row, and a long table keeps the selection in
/// view at the terminal's size, scrolling as little as it can.
@Suite("Explorer screens end to end (tmux)", .serialized)
struct ExplorerScreensEndToEndTests {
    @Test("help scrolls to the last row of the command table and returns; the table scrolls by the terminal's size")
    func helpAndScrolling() throws {
        let driver = try TmuxDriver(command: "\(Support.binary) explore --cache \(ExplorerEndToEndTests.cachePath)",
                                    width: 100, height: 24, environment: ["XDG_CONFIG_HOME": Support.temporaryFolder()])
        _ = try driver.waitFor("TOTAL")
        try driver.send(.help)
        _ = try driver.waitFor("costtop help")
        let last = try #require(CommandTable.standard.rows.last).command.rawValue
        #expect(!driver.capture().contains(" \(last) "))
        try driver.send(.moveBottom)
        _ = try driver.waitUntil("the last row of help") { $0.contains(" \(last) ") && $0.contains("Rebind keys") }
        try driver.send(.closeHelp)
        _ = try driver.waitFor("by account")

        // By usage type there are more rows than 24 lines show: go past the bottom, then one up.
        try driver.send(.commandLine)
        try driver.send(text: "by usage-type")
        try driver.send(.commandRun)
        _ = try driver.waitFor("by usage-type")
        for _ in 0..<20 { try driver.send(.moveDown) }
        var screen = try driver.waitFor("21/")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The selection (row 21) is on the last row above the total: the view moved just enough.
        let total = try #require(lines.firstIndex { $0.hasPrefix(" TOTAL") })
        let selectedLine = String(lines[total - 1])
        try driver.send(.moveUp)
        screen = try driver.waitFor("20/")
        #expect(screen.contains(selectedLine), "moving up does not scroll back")
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
    }
}
