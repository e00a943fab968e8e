import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The real binary in tmux at 80×24 with a rules file holding a budget: the forecast in the
/// header, the budget's status once drilled into its account, the burn-down screen by command name.
@Suite("Burn-down end to end (tmux)", .serialized)
struct BurnDownEndToEndTests {
    @Test("header forecast, budget status on the budgeted account, burn-down screen and back")
    func burnDown() throws {
        let folder = Support.temporaryFolder()
        let rules = Support.write("""
            budgets:
              - name: main-account
                filter: { account: "223344556677" }
                monthly: 5000

            """, to: folder, "rules.yaml")
        let driver = try TmuxDriver(
            command: "\(Support.binary) explore --cache \(ExplorerEndToEndTests.cachePath) --rules \(rules)",
            width: 80, height: 24, environment: ["XDG_CONFIG_HOME": folder])
        var screen = try driver.waitFor("TOTAL")
        #expect(screen.contains("Sep fcst $"), "\(screen)")
        try driver.send(.drillDown)
        screen = try driver.waitFor("budget exceeded")
        try driver.send(.burnDown)
        screen = try driver.waitFor("burn-down")
        #expect(screen.contains("budget main-account $5,000.00") && screen.contains("straight line to the amount"))
        try driver.send(.closeBurnDown)
        _ = try driver.waitFor("by service")
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
    }
}
