import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Marks that mean something: a row is marked only when an anomaly in its subtree is material for
/// it, `*` notable or `!` severe in their own theme roles, the rule set in the config file
/// (docs/anomalies.md, *Marks*).
@Suite("Anomaly marks", .serialized)
struct AnomalyMarkTests {
    /// Account A costs about $5,000 a day and has a $300 one-day spike (0.2% of its month); account
    /// B costs about $70 a day and has a $300 spike (about 15% of its month).
    func bill() throws -> (CacheFile, [Anomaly]) {
        var bill = AnomalyBill(series: [
            .init(account: "111111111111", service: "AmazonEC2", usageType: "BoxUsage:m5.24xlarge", env: "prod", team: "web", level: 5000),
            .init(account: "111111111111", service: "AmazonS3", usageType: "Requests-Tier1", env: "prod", team: "web", level: 5),
            .init(account: "222222222222", service: "AWSLambda", usageType: "Lambda-GB-Second", env: "dev", team: "data", level: 70),
        ])
        bill.plant(300, series: 1, days: [60])
        bill.plant(300, series: 2, days: [61])
        let folder = Support.temporaryFolder()
        let file = Support.write(bill.csv(days: 0..<70), to: folder, "cur.csv")
        let cache = try Support.ingest([file], cache: folder + "/bill.ctc").1
        return (cache, try AnomalyDetector(cache: cache).detect())
    }

    func marks(_ explorer: Explorer) -> [String: String] {
        let grid = ExplorerRenderer.render(explorer, width: 120, height: 30, unicode: true)
        var marks: [String: String] = [:]
        for line in grid.lines {
            for key in ["111111111111", "222222222222"] where line.dropFirst().hasPrefix(key) {
                marks[key] = String(line.prefix(1))
            }
        }
        return marks
    }

    @Test("the same $300 spike: unmarked on a $150,000 month, notable on a $2,000 one; the rule is configurable")
    func materiality() throws {
        let (cache, found) = try bill()
        #expect(found.count == 2, "\(found.map { ($0.path.map(\.key), $0.impact) })")
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        explorer.setAnomalies(found)
        #expect(marks(explorer) == ["111111111111": " ", "222222222222": "*"], "\(marks(explorer))")
        #expect(explorer.data.anomalySeverity == ["222222222222": .notable])
        let grid = ExplorerRenderer.render(explorer, width: 120, height: 30, unicode: true)
        let row = try #require(grid.lines.firstIndex { $0.dropFirst().hasPrefix("222222222222") })
        #expect(grid[0, row].role == .anomaly)

        // A rule that marks from 0.1% and calls 10% severe: A's spike is notable, B's severe.
        var rule = AnomalyMarkRule()
        rule.notablePercent = 0.1
        rule.severePercent = 10
        let loose = try Explorer(cache: cache, cacheName: "bill.ctc", anomalyMarks: rule)
        loose.setAnomalies(found)
        #expect(marks(loose) == ["111111111111": "*", "222222222222": "!"], "\(marks(loose))")
        #expect(loose.data.anomalySeverity["111111111111"] == .notable)
        let severeGrid = ExplorerRenderer.render(loose, width: 120, height: 30, unicode: true)
        let severeRow = try #require(severeGrid.lines.firstIndex { $0.dropFirst().hasPrefix("222222222222") })
        #expect(severeGrid[0, severeRow].role == .anomalySevere)
    }

    @Test("the rule's levels: nothing, notable from 10%, severe from 25%; a row with no cost is severe")
    func rule() {
        let rule = AnomalyMarkRule()
        #expect(rule.severity(impacts: [9.9], rowCost: 100) == nil)
        #expect(rule.severity(impacts: [1, 10], rowCost: 100) == .notable)
        #expect(rule.severity(impacts: [25], rowCost: 100) == .severe)
        #expect(rule.severity(impacts: [3], rowCost: 0) == .severe)
        #expect(rule.severity(impacts: [], rowCost: 100) == nil)
    }

    @Test("anomaly_marks in config.yaml: read, range-checked, severe not below notable, unknown keys named")
    func config() throws {
        let folder = Support.temporaryFolder()
        let good = Support.write("anomaly_marks:\n  notable: 2.5\n  severe: 40\n", to: folder, "config.yaml")
        let config = try ExplorerConfig.load(path: good)
        #expect(config.anomalyMarks.notablePercent == 2.5 && config.anomalyMarks.severePercent == 40)
        #expect(try ExplorerConfig.load(path: folder + "/none.yaml").anomalyMarks == AnomalyMarkRule())
        for (text, line, words) in [("anomaly_marks:\n  notable: 120\n", 2, "0 to 100"),
                                    ("anomaly_marks:\n  notable: 30\n  severe: 20\n", 3, "below notable"),
                                    ("anomaly_marks:\n  severity: 20\n", 2, "severity")] {
            let path = Support.write(text, to: folder, "bad.yaml")
            do {
                _ = try ExplorerConfig.load(path: path)
                Issue.record("accepted \(text)")
            } catch {
                #expect("\(error)".contains("bad.yaml:\(line):") && "\(error)".contains(words), "\(error)")
            }
        }
    }

    @Test("the bundled sample bill: how many accounts are marked at the top level (docs/anomalies.md)")
    func sampleData() throws {
        let folder = Support.temporaryFolder()
        let cache = try Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: folder + "/sample.ctc").1
        let found = try AnomalyDetector(cache: cache).detect()
        let explorer = try Explorer(cache: cache, cacheName: "sample.ctc")
        explorer.setAnomalies(found)
        let withAny = explorer.findings!.index.marks(steps: [], groupBy: explorer.state.level.groupBy, period: explorer.data.period)
        let marked = explorer.data.anomalySeverity
        print("sample data: \(explorer.data.rows.count) accounts, \(withAny.count) with an anomaly in the period, "
              + "\(marked.count) marked (\(marked.values.filter { $0 == .severe }.count) severe)")
        #expect(explorer.data.rows.count == 12)
        // Before the rule, every row with an anomaly under it was marked: 11 of 12 (issue 11).
        #expect(marked.count <= 5 && marked.count < withAny.count)
    }
}
