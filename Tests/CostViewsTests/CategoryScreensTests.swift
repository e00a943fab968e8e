import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Cost categories on the explorer's movers and anomalies screens: grouped by a category, movers
/// follow it with its splits (the `a` allocation driver); detection in the background takes the
/// rules, so category values are views and the category level's rows carry marks.
@Suite("Explorer: categories on the movers and anomalies screens", .serialized)
struct CategoryScreensTests {
    @Test("grouped by category:team, M lists the teams' movers with their split money as the allocation driver")
    func movers() throws {
        let rules = try RulesFile.decode(AllocationExplorerTests.rules, file: "rules.yaml")
        let explorer = try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc", rules: rules)
        let session = ScriptedSession(explorer)
        session.run(.regroup, "category:team")
        session.run(.movers)
        #expect(session.screen == .movers)
        let movers = explorer.screen(MoversScreen.self).movers
        #expect(!movers.isEmpty)
        #expect(movers.allSatisfy { $0.path.first?.dimension == "category:team" }, "\(movers.map(\.pathText))")
        #expect(movers.allSatisfy { $0.drivers.reduce(Int128(0)) { $0 + $1.amount } == $0.delta })
        // The split's targets carry allocation drivers; the legend names the letter.
        #expect(movers.contains { mover in ["data", "mobile"].contains(mover.path[0].key) && mover.drivers.contains { $0.kind == .allocation } },
                "\(movers.map { ($0.pathText, $0.drivers.map(\.kind)) })")
        let text = session.lines(160, 40).joined(separator: "\n")
        #expect(text.contains("a allocation"), "\(text)")
        // A mover's cost is the table's for the same value, in the movers' windows.
        let (period, comparison) = explorer.queries.moverWindows(explorer.state)
        let query = try QueryEngine(cache: ExplorerTests.cache, rules: rules).run(QuerySpec(
            groupBy: .category("team"), period: period, comparison: comparison))
        for mover in movers where mover.path.count == 1 {
            let row = try #require(query.rows.first { $0.key == mover.path[0].key })
            #expect(row.cost == mover.cost && row.previous == mover.previous, "\(mover.pathText)")
        }
        // Back on the table, grouped by account, movers follow the default path again.
        session.run(.closeMovers)
        session.run(.regroup, "account")
        #expect(explorer.queries.moversPath(explorer.state) == MoversSpec.defaultPath)
    }

    @Test("background detection takes the rules: a team's split-borne spike is a finding and marks its row")
    func anomalies() throws {
        var bill = AnomalyBill(series: [
            .init(account: "999999999999", service: "AWSSupport", usageType: "Support", env: "prod", team: "", level: 100),
            .init(account: "111111111111", service: "AmazonEC2", usageType: "BoxUsage", env: "prod", team: "web", level: 100),
            .init(account: "222222222222", service: "AmazonRDS", usageType: "InstanceUsage", env: "prod", team: "data", level: 100),
        ])
        bill.plant(400, series: 0, days: [40])
        let file = Support.write(bill.csv(days: 0..<50), to: Support.temporaryFolder(), "cur.csv")
        let cache = try Support.ingest([file]).1
        let rules = try RulesFile.decode("""
            categories:
              - name: team
                rules:
                  - value: shared
                    match: { account: "999999999999" }
                  - inherit: tag:team
                default: unallocated
            splits:
              - { category: team, source: shared, targets: [web, data], method: even }

            """, file: "rules.yaml")
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc", rules: rules)
        let session = ScriptedSession(explorer)
        explorer.startAnomalySearch()
        let deadline = Date().addingTimeInterval(30)
        while !explorer.pollAnomalies() && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        let findings = try #require(explorer.findings)
        let team = findings.entries.map(\.anomaly).first { $0.path.first?.dimension == "category:team" }
        #expect(team != nil, "\(findings.entries.map { $0.anomaly.path })")
        // On the spike's day (day 40 of the bill) the team's row is marked: the anomaly is most of its cost.
        session.run(.setPeriod, "2024-08-10..2024-08-10")
        session.run(.regroup, "category:team")
        #expect(explorer.data.anomalyDays.keys.contains(team?.path[0].key ?? "?"), "\(explorer.data.anomalyDays)")
    }
}
