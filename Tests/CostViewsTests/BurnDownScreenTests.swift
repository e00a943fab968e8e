import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The forecast in the header and the burn-down screen, driven by command name on the sample bill
/// (September 2024, as of the 28th) with a budget for its largest account.
@Suite("Forecast header and burn-down screen", .serialized)
struct BurnDownScreenTests {
    static let rules = """
        budgets:
          - name: main-account
            filter: { account: "223344556677" }
            monthly: 5000
        """

    func explorer() throws -> Explorer {
        let (_, cache) = try Support.ingest([Support.repository + "/sample-data/aws-cur"])
        let rules = try RulesFile.decode(Self.rules, file: "rules.yaml")
        return try Explorer(cache: cache, cacheName: "sample.ctc", rules: rules)
    }

    @Test("the header shows the node's forecast at 80 columns; a node with a budget its status too")
    func header() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        let forecast = try #require(explorer.data.forecast)
        #expect(forecast.month.month == Day("2024-09-01")! && forecast.asOf == Day("2024-09-28")!)
        #expect(forecast.budget == nil)
        let independent = try ForecastAnalysis(cache: explorer.cache).run(ForecastSpec())
        #expect(forecast.month == independent.total.current, "the header's figures are the forecast command's")
        var lines = session.lines(80, 24)
        let expected = "Sep fcst " + ForecastText.short(independent.total.current.forecast, symbol: "$")
        #expect(lines[2].contains(expected), "\(lines[2])")
        #expect(lines.allSatisfy { $0.count <= 80 })

        session.run(.drillDown)
        #expect(explorer.state.steps.map(\.key) == ["223344556677"])
        lines = session.lines(80, 24)
        #expect(lines[2].contains("budget exceeded"), "\(lines[2])")
        #expect(lines[2].contains("Sep fcst $5."), "\(lines[2])")
    }

    @Test("burn-down: the budget's figures, bars of the month so far, the forecast, back with Esc")
    func burnDown() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        session.run(.drillDown)
        session.run(.burnDown)
        #expect(session.screen == .burnDown)
        let lines = session.lines(80, 24)
        #expect(lines[0].contains("burn-down") && lines[0].contains("223344556677") && lines[0].contains("Sep 2024 as of 2024-09-28"))
        #expect(lines[1].contains("budget main-account $5,000.00") && lines[1].contains("exceeded"), "\(lines[1])")
        let status = try #require(explorer.data.forecast?.budget)
        #expect(lines[1].contains("actual " + Formatting.money(status.actual, symbol: "$")))
        let chart = lines[4...20].joined(separator: "\n")
        #expect(chart.contains("█") && chart.contains("○") && chart.contains("─"))
        #expect(lines[21].contains(" 1") && lines[21].contains("28") && lines[21].contains("30"))
        #expect(lines.allSatisfy { $0.count <= 80 })
        session.run(.closeBurnDown)
        #expect(session.screen == .table)

        session.run(.goUp)
        session.run(.burnDown)
        #expect(session.lines(80, 24)[1].contains("no budget for this node"))
        let ascii = session.lines(80, 24, unicode: false)
        let nonASCII = ascii.joined().unicodeScalars.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "an ASCII terminal gets ASCII only")
    }
}
