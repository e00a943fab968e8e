import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostCache
@testable import CostEngine

/// The allocation invariants on random rules files over the generated sample bill: totals equal the
/// unallocated total to the nano-unit for every period and metric; each value's direct cost equals a
/// naive row-by-row evaluation of the rules (so every unmatched cost lands in the default value);
/// flows add up; nothing goes negative unless its source was negative.
@Suite("Allocation invariants on random rules")
struct AllocationPropertyTests {
    static let cache: CacheFile? = {
        let folder = Support.repository + "/sample-data/aws-cur"
        return try? Support.ingest([folder]).1
    }()

    @Test("random categories and splits keep every invariant", arguments: 0..<24)
    func invariants(seed: Int) throws {
        let cache = try #require(Self.cache)
        var random = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 11)
        let rules = Self.randomRules(cache, &random)
        let data = cache.dayRange!
        let length = Int.random(in: 1...40, using: &random)
        let start = data.from.adding(days: Int.random(in: 0...(data.dayCount - length), using: &random))
        let period = DayRange(from: start, to: start.adding(days: length - 1))
        let comparison = DayRange(from: data.from, to: data.from.adding(days: Int.random(in: 0...20, using: &random)))
        let metric = Metric.allCases.randomElement(using: &random)!
        let spec = QuerySpec(groupBy: .category("team"), period: period, comparison: comparison, metric: metric)

        let allocated = try QueryEngine(cache: cache, rules: rules).run(spec)
        var directSpec = spec
        directSpec.includeSeries = true
        let direct = try QueryEngine(cache: cache, rules: AllocationRules(categories: rules.categories)).run(directSpec)
        let plain = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .fixed(.account), period: period,
                                                                comparison: comparison, metric: metric))
        // Totals reconcile exactly, in both periods.
        #expect(allocated.total == plain.total && allocated.previousTotal == plain.previousTotal)
        #expect(direct.total == plain.total)

        // Direct costs against a naive evaluation of the rules, row by row, in strings.
        let oracle = try Self.naiveCosts(cache, rules.categories[0], period: period, metric: metric)
        let directCosts = Dictionary(uniqueKeysWithValues: direct.rows.map { ($0.key, $0.cost) })
        #expect(directCosts.filter { $0.value != 0 } == oracle.filter { $0.value != 0 })

        // Flows add up, and negative shares only come from sources with negative days.
        let directSeries = Dictionary(uniqueKeysWithValues: direct.rows.map { ($0.key, $0.series) })
        var negativeSource = Set(directSeries.filter { $0.value.contains { $0 < 0 } }.keys)
        for split in try rules.orderedSplits(of: "team") {
            let received = allocated.rows.first(where: { $0.key == split.source })?.allocation?.received ?? []
            if received.contains(where: { $0.amount < 0 && negativeSource.contains($0.source) }) { negativeSource.insert(split.source) }
        }
        for row in allocated.rows {
            if let flow = row.allocation {
                #expect(flow.total == row.cost)
                #expect(flow.direct == (directCosts[row.key] ?? 0))
                for share in flow.received where share.amount < 0 {
                    #expect(negativeSource.contains(share.source), "\(row.key) got \(share.amount) from \(share.source)")
                }
            } else {
                #expect(row.cost == (directCosts[row.key] ?? 0))
            }
            if row.cost < 0 {
                let fed = (row.allocation?.received ?? []).contains(where: { negativeSource.contains($0.source) })
                #expect(negativeSource.contains(row.key) || fed, "\(row.key) went negative")
            }
        }
    }

    // MARK: - Random rules

    static func randomRules(_ cache: CacheFile, _ random: inout SeededGenerator) -> AllocationRules {
        let pools: [(CostDimension, [String])] = [
            (.fixed(.account), cache.dictionary(.account).all.dropFirst() + ["(none)", "000000000000"]),
            (.fixed(.service), Array(cache.dictionary(.service).all.dropFirst())),
            (.fixed(.region), cache.dictionary(.region).all.dropFirst() + ["(none)"]),
            (.tag("team"), cache.tagKeys.firstIndex(of: "team").map { cache.tagValues($0).all.dropFirst() + ["(untagged)"] } ?? ["x"]),
        ]
        let names = (0..<8).map { "v\($0)" }
        var rules: [CategoryRule] = []
        for _ in 0..<Int.random(in: 0...50, using: &random) {
            var conditions: [MatchCondition] = []
            for (dimension, pool) in pools.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random)) {
                let values = (0..<Int.random(in: 1...3, using: &random)).map { _ in pool.randomElement(using: &random)! }
                conditions.append(MatchCondition(dimension: dimension, values: values))
            }
            let outcome: CategoryRule.Outcome = Int.random(in: 0..<5, using: &random) == 0
                ? .inherit([CostDimension.tag("team"), .fixed(.region)].randomElement(using: &random)!)
                : .value(names.randomElement(using: &random)!)
            rules.append(CategoryRule(outcome, conditions: conditions))
        }
        let category = CostCategory(name: "team", rules: rules, defaultValue: "rest")
        // Splits go from an earlier value to later ones, so they never form a cycle, but they chain.
        let order = ["rest"] + names + ["data", "web"]
        var splits: [CostSplit] = []
        for source in order.indices.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)) where source < order.count - 1 {
            let later = Array(order[(source + 1)...]).shuffled(using: &random)
            let targets = Array(later.prefix(Int.random(in: 1...min(4, later.count), using: &random)))
            let method: SplitMethod
            switch Int.random(in: 0..<3, using: &random) {
            case 0: method = .proportional
            case 1: method = .even
            default: method = .fixed(Dictionary(uniqueKeysWithValues: targets.map { ($0, Int.random(in: 1...100, using: &random)) }))
            }
            splits.append(CostSplit(category: "team", source: order[source], targets: targets, method: method))
        }
        return AllocationRules(categories: [category], splits: splits)
    }

    /// Each value's cost in `period`, evaluating the rules on each row's strings.
    static func naiveCosts(_ cache: CacheFile, _ category: CostCategory, period: DayRange, metric: Metric) throws -> [String: Int128] {
        let values = cache.measure(metric.measure)
        let currencies = cache.codes(.currency)
        let keyCount = cache.tagKeys.count
        func value(_ dimension: CostDimension, _ row: Int) -> String? {
            switch dimension {
            case .fixed(let fixed):
                let code = Int(cache.codes(fixed)[row])
                return code == 0 ? nil : cache.dictionary(fixed)[code]
            case .tag(let key):
                guard let index = cache.tagKeys.firstIndex(of: key) else { return nil }
                let code = Int(cache.tagSets[Int(cache.tagSetCodes[row]) * keyCount + index])
                return code == 0 ? nil : cache.tagValues(index)[code]
            default:
                return nil
            }
        }
        // The report keeps the largest currency; the sample bill has one.
        var sums: [String: Int128] = [:]
        let rows = try cache.rows(in: period)
        for row in rows where currencies[row] == currencies[rows.lowerBound] {
            var result = category.defaultValue
            ruleLoop: for rule in category.rules {
                for condition in rule.conditions {
                    let actual = value(condition.dimension, row) ?? condition.dimension.missingLabel
                    if !condition.values.contains(actual) { continue ruleLoop }
                }
                switch rule.outcome {
                case .value(let fixed):
                    result = fixed
                case .inherit(let dimension):
                    guard let inherited = value(dimension, row) else { continue ruleLoop }
                    result = inherited
                }
                break
            }
            sums[result, default: 0] += Int128(values[row])
        }
        return sums
    }
}
