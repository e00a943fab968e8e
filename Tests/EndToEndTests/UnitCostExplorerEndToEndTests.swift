import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The real binary in tmux: `explore --per orders` opens with the unit-cost column, the
/// cycle-unit-metric key turns it off, and `:per orders` brings it back, driven by command name.
@Suite("Explorer unit costs end to end (tmux)", .serialized)
struct UnitCostExplorerEndToEndTests {
    @Test("--per, cycle-unit-metric and :per show and hide the PER UNIT column with the figure query --per prints")
    func unitCostColumn() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let file = Support.write(AllocationFollowUpEndToEndTests.bill(), to: folder, "focus.csv")
        #expect(Support.costtop(["ingest", file, "--cache", cache, "--quiet"]).status == 0)
        var metrics = "date,metric,value\n"
        for day in 1...14 { metrics += String(format: "2024-09-%02d,orders,%d\n", day, 100 + day) }
        #expect(Support.costtop(["metrics", "import", "--cache", cache, Support.write(metrics, to: folder, "m.csv")]).status == 0)
        // The figure the column must show for account A1: query --per's, to the cent.
        let query = Support.costtop(["query", "--cache", cache, "--by", "account", "--per", "orders", "--format", "csv"])
        let a1 = try #require(query.out.split(separator: "\n").first { $0.hasPrefix("A1,") }).split(separator: ",")
        let unit = "$" + a1[3]

        let driver = try TmuxDriver(command: "\(Support.binary) explore --cache \(cache) --per orders",
                                    width: 140, height: 30, environment: ["XDG_CONFIG_HOME": Support.temporaryFolder()])
        var screen = try driver.waitFor("PER UNIT")
        #expect(screen.contains("/DAY") && screen.contains("per orders"), "\(screen)")
        let row = try #require(screen.split(separator: "\n").first { $0.hasPrefix(" A1 ") || $0.hasPrefix(">A1 ") || $0.contains(" A1 ") })
        #expect(row.contains(unit), "\(row) lacks \(unit)")
        try driver.send(.cycleUnitMetric)
        screen = try driver.waitUntil("the column to go") { !$0.contains("PER UNIT") && $0.contains("DAILY") }
        try driver.send(.commandLine)
        try driver.send(text: "per orders")
        try driver.send(.commandRun)
        screen = try driver.waitFor("PER UNIT")
        #expect(screen.contains(unit))
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)

        // The view text a user copies with y carries per=orders; query --view prints unit costs for it.
        let view = Support.costtop(["query", "--cache", cache, "--format", "csv",
                                    "--view", "v1;by=account;period=all;compare=previous;metric=billed;per=orders"])
        #expect(view.status == 0 && view.out.hasPrefix("key,cost,volume,unit_cost"), "\(view.out)\(view.err)")
    }
}
