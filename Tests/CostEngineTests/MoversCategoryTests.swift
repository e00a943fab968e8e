import CostConfig
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostCache
@testable import CostEngine

/// Movers along a cost category: values carry their shared-cost splits (an `allocation` driver,
/// under an `(allocated)` step), every mover's drivers add up to its change exactly, and a value's
/// cost is the one `query --by category:NAME` gives it.
@Suite("Movers: cost categories")
struct MoversCategoryTests {
    /// Two days. AP is the shared platform (10.00, then 20.00); web's A1 costs 3.00 both days,
    /// data's A2 1.00 then 3.00. AP is split among data and web by their own cost of the day.
    static func fixture() throws -> CacheFile {
        var bill = TeamBill()
        bill.add("AP", "Network", day: 1, "10.00", team: nil)
        bill.add("AP", "Network", day: 2, "20.00", team: nil)
        bill.add("A1", "EC2", day: 1, "3.00", team: "web")
        bill.add("A1", "EC2", day: 2, "3.00", team: "web")
        bill.add("A2", "Glue", day: 1, "1.00", team: "data")
        bill.add("A2", "Glue", day: 2, "3.00", team: "data")
        return try bill.ingest()
    }

    static let rules = """
        categories:
          - name: team
            rules:
              - value: shared
                match: { account: AP }
              - inherit: tag:team
            default: unallocated
        splits:
          - { category: team, source: shared, targets: [data, web], method: proportional }

        """

    func spec(_ path: [CostDimension]) -> MoversSpec {
        MoversSpec(period: DayRange(from: Day("2024-09-02")!, to: Day("2024-09-02")!),
                   comparison: DayRange(from: Day("2024-09-01")!, to: Day("2024-09-01")!), path: path, limit: 50)
    }

    @Test("by hand: web's change is all split money; data's is usage +2 and allocation +7.50")
    func handCase() throws {
        let cache = try Self.fixture()
        let rules = try RulesFile.decode(Self.rules, file: "rules.yaml")
        let result = try MoversAnalysis(cache: cache, rules: rules).run(spec([.category("team")]))
        let byValue = Dictionary(uniqueKeysWithValues: result.movers.map { ($0.path[0].key, $0) })
        // Day 1: web 3 and data 1 share AP's 10 as 7.50 and 2.50; day 2: 3 and 3 share 20 as 10 and 10.
        let web = try #require(byValue["web"])
        #expect(web.previous == 10_500_000_000 && web.cost == 13_000_000_000)
        #expect(web.drivers == [MoverDriver(kind: .allocation, amount: 2_500_000_000)])
        let data = try #require(byValue["data"])
        #expect(data.previous == 3_500_000_000 && data.cost == 13_000_000_000)
        #expect(data.drivers == [MoverDriver(kind: .usage, amount: 2_000_000_000), MoverDriver(kind: .allocation, amount: 7_500_000_000)])
        // Nothing is left in the shared value, and the totals are the bill's.
        #expect(byValue["shared"] == nil)
        #expect(result.previousTotal == 14_000_000_000 && result.total == 26_000_000_000)

        // One level down, split money sits under (allocated): web's whole change is there.
        let deeper = try MoversAnalysis(cache: cache, rules: rules).run(spec([.category("team"), .fixed(.service)]))
        let paths = deeper.movers.map { $0.path.map { "\($0.dimension)=\($0.key)" }.joined(separator: " > ") }
        #expect(paths.contains("category:team=web > allocation=(allocated)"), "\(paths)")
        #expect(paths.contains("category:team=data"), "\(paths)")
        for mover in deeper.movers { #expect(mover.drivers.reduce(Int128(0)) { $0 + $1.amount } == mover.delta) }
    }

    @Test("a category below the top of the path, and category filters, use direct charges")
    func deeperStepAndFilter() throws {
        let cache = try Self.fixture()
        let rules = try RulesFile.decode(Self.rules, file: "rules.yaml")
        let result = try MoversAnalysis(cache: cache, rules: rules).run(spec([.fixed(.account), .category("team")]))
        #expect(result.movers.allSatisfy { !$0.drivers.contains { $0.kind == .allocation } })
        #expect(result.total == 26_000_000_000)
        var filtered = spec([.fixed(.service)])
        filtered.filters = [Filter("category:team=data")!]
        let data = try MoversAnalysis(cache: cache, rules: rules).run(filtered)
        #expect(data.movers.map(\.path) == [[PathStep(dimension: "service", key: "Glue")]])
        #expect(data.total == 3_000_000_000 && data.previousTotal == 1_000_000_000)
        // Without a rules file the step is an error that says what to pass.
        #expect(throws: QueryError.self) { try MoversAnalysis(cache: cache).run(spec([.category("team")])) }
    }

    @Test("random rules over the sample bill: drivers add up to each delta; values cost what query says", arguments: 0..<10)
    func randomRules(seed: Int) throws {
        let cache = try #require(AllocationPropertyTests.cache)
        var random = SeededGenerator(seed: UInt64(seed) &* 104_729 &+ 3)
        let rules = AllocationPropertyTests.randomRules(cache, &random)
        let data = cache.dayRange!
        let length = Int.random(in: 1...30, using: &random)
        let start = data.from.adding(days: Int.random(in: length...(data.dayCount - length), using: &random))
        let period = DayRange(from: start, to: start.adding(days: length - 1))
        let comparison = DayRange(from: start.adding(days: -length), to: start.adding(days: -1))
        let metric = Metric.allCases.randomElement(using: &random)!
        let analysis = MoversAnalysis(cache: cache, rules: rules)
        let query = try analysis.engine.run(QuerySpec(groupBy: .category("team"), period: period, comparison: comparison, metric: metric))
        let costs = Dictionary(uniqueKeysWithValues: query.rows.map { ($0.key, ($0.cost, $0.previous)) })

        // Every value, whatever its change: a one-step path with no threshold reports each leaf.
        var flat = MoversSpec(period: period, comparison: comparison, path: [.category("team")], metric: metric, limit: 1000,
                              minimumChange: 0)
        flat.explainedShare = 2
        let values = try analysis.run(flat)
        #expect(values.total == query.total && values.previousTotal == query.previousTotal)
        for mover in values.movers {
            let expected = try #require(costs[mover.path[0].key])
            #expect(mover.cost == expected.0 && mover.previous == expected.1, "\(mover.path[0].key)")
            #expect(mover.drivers.reduce(Int128(0)) { $0 + $1.amount } == mover.delta)
        }
        // Deeper paths, per day too: the identity holds for every mover, to the nano-unit and to the cent.
        for perDay in [false, true] {
            let spec = MoversSpec(period: period, comparison: comparison, path: [.category("team"), .fixed(.service), .fixed(.usageType)],
                                  metric: metric, limit: 1000, perDay: perDay)
            for mover in try analysis.run(spec).movers {
                #expect(mover.drivers.reduce(Int128(0)) { $0 + $1.amount } == mover.delta, "\(mover.pathText)")
                let target = MoverDriver.roundToCents(mover.cost) - MoverDriver.roundToCents(mover.previous)
                #expect(MoverDriver.cents(mover.drivers, summingTo: target).reduce(Int128(0)) { $0 + $1.cents } == target)
            }
        }
    }
}
