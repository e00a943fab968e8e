import CostCache
import CostEngine
import CostModel

/// The allocation target (issue 14): a query grouped by a category of 50 rules with two
/// proportional splits takes at most 2× the plain query (by account) over the same period.
enum AllocationBench {
    /// A category of 50 rules built from the cache's own values (accounts, services, regions, tag
    /// values; the last an inherit of the first tag key), so the rules match real rows, and two
    /// chained proportional splits.
    static func rules(_ cache: CacheFile) -> AllocationRules {
        let accounts = cache.dictionary(.account).all.dropFirst()
        let services = Array(cache.dictionary(.service).all.dropFirst())
        let regions = Array(cache.dictionary(.region).all.dropFirst())
        var rules: [CategoryRule] = []
        for index in 0..<49 {
            let value = "team-\(index % 12)"
            var conditions = [MatchCondition(dimension: .fixed(.service), values: [services[index % services.count],
                                                                                    services[(index * 7 + 3) % services.count]])]
            if index % 3 == 0, !regions.isEmpty {
                conditions.append(MatchCondition(dimension: .fixed(.region), values: [regions[index % regions.count]]))
            }
            if index % 4 == 1, let account = accounts.dropFirst(index % max(1, accounts.count)).first {
                conditions.append(MatchCondition(dimension: .fixed(.account), values: [account]))
            }
            rules.append(CategoryRule(.value(value), conditions: conditions))
        }
        rules.append(CategoryRule(cache.tagKeys.first.map { .inherit(.tag($0)) } ?? .value("tagged")))
        let category = CostCategory(name: "bench", rules: rules, defaultValue: "unallocated")
        let splits = [
            CostSplit(category: "bench", source: "team-0", targets: (1..<6).map { "team-\($0)" } + ["unallocated"], method: .proportional),
            CostSplit(category: "bench", source: "unallocated", targets: (6..<12).map { "team-\($0)" }, method: .proportional),
        ]
        return AllocationRules(categories: [category], splits: splits)
    }

    /// Median milliseconds of the plain query, the category query on a warm engine, and on a cold
    /// one (its first query builds the category column), as a JSON object.
    static func measure(_ cache: CacheFile, period: DayRange, previous: DayRange, repeats: Int) throws -> String {
        let clock = ContinuousClock()
        let rules = rules(cache)
        let plainSpec = QuerySpec(groupBy: .fixed(.account), period: period, comparison: previous)
        let categorySpec = QuerySpec(groupBy: .category("bench"), period: period, comparison: previous)
        func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<runs {
                let start = clock.now
                try body()
                times.append((clock.now - start).inSeconds * 1000)
            }
            return times.sorted()[runs / 2]
        }
        let plainEngine = QueryEngine(cache: cache)
        let warmEngine = QueryEngine(cache: cache, rules: rules)
        _ = try warmEngine.run(categorySpec)
        var plain = 0.0, warm = 0.0
        // Interleaved, so drift on a shared machine hits both alike.
        var plainTimes: [Double] = [], warmTimes: [Double] = []
        for _ in 0..<repeats {
            plainTimes.append(try median(1) { _ = try plainEngine.run(plainSpec) })
            warmTimes.append(try median(1) { _ = try warmEngine.run(categorySpec) })
        }
        plain = plainTimes.sorted()[repeats / 2]
        warm = warmTimes.sorted()[repeats / 2]
        let cold = try median(max(3, repeats / 20)) { _ = try QueryEngine(cache: cache, rules: rules).run(categorySpec) }
        let rows = try warmEngine.run(categorySpec).rows.count
        return "{\"rules\":50,\"splits\":2,\"categoryRows\":\(rows),\"plainMs\":\(plain),\"categoryWarmMs\":\(warm),"
            + "\"categoryColdMs\":\(cold),\"warmRatio\":\(warm / plain)}"
    }
}
