import CostConfig
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostCache
@testable import CostEngine

/// Cost-category values as anomaly views: folded into the hierarchy anomaly that explains them,
/// reported on their own when only a split carries the change, series equal to the query's after
/// splits, and `--where` narrowing what is examined.
@Suite("Anomalies: cost categories")
struct AnomalyCategoryTests {
    static let teamRules = """
        categories:
          - name: team
            rules:
              - value: shared
                match: { account: "999999999999" }
              - inherit: tag:team
            default: unallocated
        splits:
          - { category: team, source: shared, targets: [web, data], method: even }

        """

    /// The level shift of AnomalyFoldingTests: untagged EC2 spend rises by 250 a day.
    static func shiftBill() throws -> CacheFile {
        var bill = AnomalyBill(series: [
            .init(account: "111111111111", service: "AmazonEC2", usageType: "BoxUsage:m5.large", env: "prod", team: "", level: 300),
            .init(account: "111111111111", service: "AmazonS3", usageType: "TimedStorage-ByteHrs", env: "prod", team: "data", level: 200),
            .init(account: "222222222222", service: "AmazonRDS", usageType: "InstanceUsage:db.r5", env: "dev", team: "web", level: 150),
        ])
        bill.plant(250, series: 0, days: Array(42..<56))
        let file = Support.write(bill.csv(days: 0..<56), to: Support.temporaryFolder(), "cur.csv")
        return try Support.ingest([file]).1
    }

    @Test("a category value that shows the hierarchy's cause is folded into it, as also seen as")
    func folded() throws {
        let cache = try Self.shiftBill()
        let rules = try RulesFile.decode(Self.teamRules, file: "rules.yaml")
        let found = try AnomalyDetector(cache: cache, rules: rules).detect()
        #expect(found.count == 1, "\(found.map { ($0.path.map(\.key), $0.kind, $0.impact, $0.alsoSeenAs) })")
        let views = found.first?.alsoSeenAs.map { "\($0.dimension)=\($0.key)" } ?? []
        #expect(views.contains("category:team=unallocated"), "\(views)")
        // Without rules, no category views at all.
        let plain = try AnomalyDetector(cache: cache).detect()
        #expect(plain.allSatisfy { !($0.path + $0.alsoSeenAs).contains { $0.dimension.hasPrefix("category:") } })
    }

    @Test("a spike of the shared account reaches the teams only through the split: a category anomaly of its own")
    func carriedBySplit() throws {
        var bill = AnomalyBill(series: [
            .init(account: "999999999999", service: "AWSSupport", usageType: "Support", env: "prod", team: "", level: 100),
            .init(account: "111111111111", service: "AmazonEC2", usageType: "BoxUsage", env: "prod", team: "web", level: 100),
            .init(account: "222222222222", service: "AmazonRDS", usageType: "InstanceUsage", env: "prod", team: "data", level: 100),
        ])
        bill.plant(400, series: 0, days: [40])
        let file = Support.write(bill.csv(days: 0..<50), to: Support.temporaryFolder(), "cur.csv")
        let cache = try Support.ingest([file]).1
        let rules = try RulesFile.decode(Self.teamRules, file: "rules.yaml")
        let found = try AnomalyDetector(cache: cache, rules: rules).detect()
        let described = found.map { ($0.path.map { "\($0.dimension)=\($0.key)" }, $0.kind, $0.impact, $0.alsoSeenAs.map(\.key)) }
        // The shared account's spike, in the hierarchy.
        #expect(found.contains { $0.path.first?.key == "999999999999" && $0.impact > 350 }, "\(described)")
        // Half of it reached each team (even split): one anomaly names a team, the other team is the same cause.
        let team = try #require(found.first { $0.path.first?.dimension == "category:team" }, "\(described)")
        #expect(["web", "data"].contains(team.path[0].key))
        #expect(team.impact > 170 && team.impact < 230, "\(described)")
        #expect(team.alsoSeenAs.contains { $0.dimension == "category:team" && ["web", "data"].contains($0.key) }, "\(described)")
        // The shared value passes everything on: nothing is left to be anomalous.
        #expect(!found.contains { ($0.path + $0.alsoSeenAs).contains { $0 == PathStep(dimension: "category:team", key: "shared") } })
    }

    @Test("category series are the query's daily costs after splits (usage only)")
    func seriesMatchQuery() throws {
        let cache = try #require(AllocationPropertyTests.cache)
        var random = SeededGenerator(seed: 77)
        let rules = AllocationPropertyTests.randomRules(cache, &random)
        let engine = QueryEngine(cache: cache, rules: rules)
        let data = cache.dayRange!
        let range = DayRange(from: data.to.adding(days: -40), to: data.to)
        let nodes = try NodeSeries(cache: cache, range: range, metric: .billed, engine: engine)
        var spec = QuerySpec(groupBy: .category("team"), filters: [Filter("charge-category=Usage")!], period: range,
                             comparison: nil, metric: .billed)
        spec.includeSeries = true
        let expected = Dictionary(uniqueKeysWithValues: try engine.run(spec).rows.map { ($0.key, $0.series) })
        var checked = 0
        for node in 0..<nodes.count {
            guard let step = nodes.path(node).first, step.dimension == "category:team" else { continue }
            let want = try #require(expected[step.key], "\(step.key)")
            let got = nodes.series(node)
            #expect(zip(got, want).allSatisfy { abs($0 - Double($1) / 1e9) < 1e-6 }, "\(step.key)")
            checked += 1
        }
        #expect(checked > 0)
    }

    @Test("--where narrows the bill examined; a category filter keeps the value's own charges")
    func filters() throws {
        let cache = try Self.shiftBill()
        let rules = try RulesFile.decode(Self.teamRules, file: "rules.yaml")
        let inAccount = try AnomalyDetector(cache: cache, rules: rules, filters: [Filter("account=111111111111")!]).detect()
        #expect(!inAccount.isEmpty)
        #expect(inAccount.allSatisfy { anomaly in anomaly.path.allSatisfy { $0.dimension != "account" || $0.key == "111111111111" } })
        // Team web (account 2's RDS) is steady: nothing to report within it.
        let web = try AnomalyDetector(cache: cache, rules: rules, filters: [Filter("category:team=web")!]).detect()
        #expect(web.isEmpty, "\(web.map { $0.path })")
        let other = try AnomalyDetector(cache: cache, rules: rules, filters: [Filter("account=222222222222")!]).detect()
        #expect(other.isEmpty)
    }
}
