import CostCache
import CostModel

/// What `costtop rules check` finds in one category: rules that can never match, rules that match
/// nothing in the data, overlapping rules, and how much cost is left in the default value.
public struct CategoryCheck: Sendable {
    /// Two rules that both match some charges; the earlier one wins them.
    public struct Overlap: Sendable {
        public var earlier: Int
        public var later: Int
        /// The cost of the charges both match, in nano-units.
        public var cost: Int128
    }

    public var name: String
    /// The cost of the selection, and the part each rule (by index) won as the first match.
    public var total: Int128
    public var ruleCosts: [Int128]
    /// Cost left in the default value (no rule matched).
    public var defaultCost: Int128
    /// Rules that an earlier rule covers completely, with the earlier rule's index: they can never match.
    public var shadowed: [(rule: Int, by: Int)]
    /// Rules that win no charge in the period checked (but are not shadowed).
    public var unmatched: [Int]
    public var overlaps: [Overlap]
}

/// Checks a rules file's categories against the cache: shadowed rules (from the rules alone),
/// rules that match nothing, overlaps and the default value's share (from the data).
public enum RulesCheck {
    /// The findings for every category of `rules` over `rows` of `cache`, in one currency's rows
    /// (the cache's largest when it has several), measured with `metric`.
    public static func run(_ rules: AllocationRules, cache: CacheFile, period: DayRange, metric: Metric) throws -> [CategoryCheck] {
        let values = cache.measure(metric.measure)
        let currencies = cache.codes(.currency)
        let rows = try cache.rows(in: period)
        // The currency with the most rows in the period keeps the figures in one unit.
        var counts: [UInt32: Int] = [:]
        for row in rows { counts[currencies[row], default: 0] += 1 }
        let currency = counts.max { $0.value < $1.value }?.key
        return rules.categories.map { category in
            let matcher = CategoryMatcher(category, cache: cache, extraValues: [])
            var ruleCosts = [Int128](repeating: 0, count: category.rules.count)
            var ruleHits = [Bool](repeating: false, count: category.rules.count)
            var overlaps: [Int: Int128] = [:]
            var total: Int128 = 0, defaultCost: Int128 = 0
            for row in rows where currencies[row] == currency {
                let value = Int128(values[row])
                total += value
                let matching = matcher.matchingRules(row)
                guard let first = matching.first else {
                    defaultCost += value
                    continue
                }
                ruleCosts[first] += value
                ruleHits[first] = true
                for later in matching.dropFirst() { overlaps[first * category.rules.count + later, default: 0] += value }
            }
            let shadowed = shadowedRules(category)
            let shadowedSet = Set(shadowed.map(\.rule))
            return CategoryCheck(
                name: category.name, total: total, ruleCosts: ruleCosts, defaultCost: defaultCost, shadowed: shadowed,
                unmatched: category.rules.indices.filter { !ruleHits[$0] && !shadowedSet.contains($0) },
                overlaps: overlaps.map { CategoryCheck.Overlap(earlier: $0.key / category.rules.count,
                                                               later: $0.key % category.rules.count, cost: $0.value) }
                    .sorted { $0.earlier != $1.earlier ? $0.earlier < $1.earlier : $0.later < $1.later })
        }
    }

    /// Rules an earlier rule always matches first, whatever the data: the earlier rule's every
    /// condition is implied by the later rule's conditions, and the earlier rule is not an
    /// inheriting one (which may not match).
    public static func shadowedRules(_ category: CostCategory) -> [(rule: Int, by: Int)] {
        var found: [(rule: Int, by: Int)] = []
        for (later, rule) in category.rules.enumerated() {
            for earlier in 0..<later {
                let cover = category.rules[earlier]
                if case .inherit = cover.outcome { continue }
                let implied = cover.conditions.allSatisfy { condition in
                    rule.conditions.contains { $0.dimension == condition.dimension && Set($0.values).isSubset(of: condition.values) }
                }
                if implied {
                    found.append((later, earlier))
                    break
                }
            }
        }
        return found
    }
}
