import CostConfig
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostCache
@testable import CostEngine

/// Hand cases for cost categories and splits: every method, inheritance, defaults, chained splits
/// and cycles, each with totals worked out by hand.
@Suite("Allocation: categories and splits")
struct AllocationTests {
    /// Three days. AP is the shared platform account (10.00 a day); web and data are tagged teams;
    /// A3 has no tag. Day 1: web 3, data 1, A3 5. Day 2: data 2. Day 3: nothing but AP.
    static func fixture() throws -> CacheFile {
        var bill = TeamBill()
        for day in 1...3 { bill.add("AP", "Network", day: day, "10.00", team: nil) }
        bill.add("A1", "EC2", day: 1, "3.00", team: "web")
        bill.add("A2", "Glue", day: 1, "1.00", team: "data")
        bill.add("A3", "S3", day: 1, "5.00", team: nil)
        bill.add("A2", "Glue", day: 2, "2.00", team: "data")
        return try bill.ingest()
    }

    static let categoryYAML = """
        categories:
          - name: team
            rules:
              - value: shared
                match: { account: AP }
              - inherit: tag:team
            default: unallocated

        """

    /// Each value's cost over the three days with `splits` (YAML) added to the category.
    func costs(_ splits: String, cache: CacheFile? = nil, filters: [Filter] = []) throws -> (QueryResult, [String: Double]) {
        let cache = try cache ?? Self.fixture()
        let rules = try RulesFile.decode(Self.categoryYAML + splits, file: "rules.yaml")
        let spec = QuerySpec(groupBy: .category("team"), filters: filters, period: cache.dayRange!, comparison: nil)
        let result = try QueryEngine(cache: cache, rules: rules).run(spec)
        return (result, Dictionary(uniqueKeysWithValues: result.rows.map { ($0.key, Double($0.cost) / 1e9) }))
    }

    @Test("rules: first match wins, inherit takes the tag's value, the rest lands in the default")
    func categories() throws {
        let (result, costs) = try costs("")
        #expect(costs == ["shared": 30, "web": 3, "data": 3, "unallocated": 5])
        #expect(result.total == 41_000_000_000)
        #expect(result.rows.allSatisfy { $0.allocation == nil })
    }

    @Test("proportional: by each target's own cost that day; a day the targets have none stays, unallocatable")
    func proportional() throws {
        let (result, costs) = try costs("""
            splits:
              - { category: team, source: shared, targets: [web, data], method: proportional }
            """)
        // Day 1: 10 → 7.5 web, 2.5 data; day 2: 10 → data; day 3: nobody has cost, it stays.
        #expect(costs == ["shared": 10, "web": 10.5, "data": 15.5, "unallocated": 5])
        #expect(result.total == 41_000_000_000)
        let shared = try #require(result.rows.first { $0.key == "shared" }?.allocation)
        #expect(shared.direct == 30_000_000_000 && shared.allocatedOut == 20_000_000_000)
        #expect(shared.unallocatable == 10_000_000_000 && shared.outMethod == "proportional")
        let data = try #require(result.rows.first { $0.key == "data" }?.allocation)
        #expect(data.received == [AllocationShare(source: "shared", method: "proportional", amount: 12_500_000_000)])
        #expect(data.total == 15_500_000_000)
    }

    @Test("even and fixed split every day's cost, whatever the targets' own cost")
    func evenAndFixed() throws {
        let even = try costs("""
            splits:
              - { category: team, source: shared, targets: [web, data], method: even }
            """).1
        #expect(even == ["shared": 0, "web": 18, "data": 18, "unallocated": 5])
        let fixed = try costs("""
            splits:
              - category: team
                source: shared
                targets: [web, data]
                method: fixed
                weights: { web: 1, data: 3 }
            """).1
        #expect(fixed == ["shared": 0, "web": 10.5, "data": 25.5, "unallocated": 5])
    }

    @Test("chained splits apply in dependency order, whatever the file order")
    func chained() throws {
        // unallocated (5 own + 15 received) goes to data only after shared has given it its half.
        let (result, costs) = try costs("""
            splits:
              - { category: team, source: unallocated, targets: [data], method: even }
              - { category: team, source: shared, targets: [web, unallocated], method: even }
            """)
        #expect(costs == ["shared": 0, "web": 18, "data": 23, "unallocated": 0])
        let unallocated = try #require(result.rows.first { $0.key == "unallocated" }?.allocation)
        #expect(unallocated.direct == 5_000_000_000 && unallocated.allocatedIn == 15_000_000_000
                && unallocated.allocatedOut == 20_000_000_000)
    }

    @Test("a cycle of splits is an error naming the splits, in the file and in code")
    func cycles() throws {
        let yaml = Self.categoryYAML + """
            splits:
              - { category: team, source: shared, targets: [web], method: even }
              - { category: team, source: web, targets: [data, shared], method: even }
            """
        do {
            _ = try RulesFile.decode(yaml, file: "rules.yaml")
            Issue.record("a cycle was accepted")
        } catch let error as ConfigError {
            #expect(error.line == 9)
            #expect(error.description.contains("splits[0], splits[1]") || error.description.contains("splits[1], splits[0]"))
            #expect(error.description.contains("cycle"))
        }
        let category = CostCategory(name: "team", rules: [], defaultValue: "x")
        let rules = AllocationRules(categories: [category], splits: [
            CostSplit(category: "team", source: "a", targets: ["b"], method: .even),
            CostSplit(category: "team", source: "b", targets: ["a"], method: .even),
        ])
        let cache = try Self.fixture()
        #expect(throws: QueryError.self) {
            try QueryEngine(cache: cache, rules: rules).run(QuerySpec(groupBy: .category("team"), period: cache.dayRange!, comparison: nil))
        }
    }

    @Test("shares add up to the source exactly, in nano-units, for any amount and sign")
    func exactShares() {
        var shares: [Int128] = []
        #expect(SplitAllocator.divide(1_000_000_000, by: [1, 1, 1], into: &shares))
        #expect(shares == [333_333_334, 333_333_333, 333_333_333])
        #expect(SplitAllocator.divide(-10, by: [0, 2, 1], into: &shares))
        #expect(shares == [0, -7, -3])
        #expect(!SplitAllocator.divide(5, by: [0, 0], into: &shares))
    }

    @Test("a filter on the category picks values after the splits; other filters apply before")
    func filters() throws {
        let splits = """
            splits:
              - { category: team, source: shared, targets: [web, data], method: proportional }
            """
        let picked = try costs(splits, filters: [Filter("category:team=data")!]).1
        #expect(picked == ["data": 15.5])
        // Without AP's rows there is nothing to share.
        let withoutShared = try costs(splits, filters: [Filter("account!=AP")!]).1
        #expect(withoutShared == ["web": 3, "data": 3, "unallocated": 5])
        // Grouping by another dimension, a category filter selects the charges the rules gave the value.
        let cache = try Self.fixture()
        let rules = try RulesFile.decode(Self.categoryYAML + splits, file: "rules.yaml")
        let byService = try QueryEngine(cache: cache, rules: rules).run(QuerySpec(
            groupBy: .fixed(.service), filters: [Filter("category:team=unallocated")!], period: cache.dayRange!, comparison: nil))
        #expect(byService.rows.map(\.key) == ["S3"] && byService.total == 5_000_000_000)
        #expect(throws: QueryError.self) {
            try QueryEngine(cache: cache).run(QuerySpec(groupBy: .category("team"), period: cache.dayRange!, comparison: nil))
        }
    }

    @Test("conditions: lists are OR, keys are AND, the missing value can be matched")
    func conditions() throws {
        let cache = try Self.fixture()
        let rules = try RulesFile.decode("""
            categories:
              - name: kind
                rules:
                  - value: glue-data
                    match: { service: [Glue, Nothing], "tag:team": data }
                  - value: untagged
                    match: { "tag:team": "(untagged)", account: [A3, AP] }
                default: other
            """, file: "rules.yaml")
        let result = try QueryEngine(cache: cache, rules: rules).run(QuerySpec(groupBy: .category("kind"), period: cache.dayRange!, comparison: nil))
        let costs = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.key, Double($0.cost) / 1e9) })
        #expect(costs == ["glue-data": 3, "untagged": 35, "other": 3])
    }
}
