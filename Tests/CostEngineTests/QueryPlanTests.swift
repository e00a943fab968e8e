import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine

/// Pre-aggregated tables and clustered runs never change an answer: random queries against a sum
/// over the contents as given to the writer, to the nano-unit.
@Suite("Query plans at scale")
struct QueryPlanTests {
    static let contents = RandomRollup.contents(rows: 40_000, days: 12, seed: 29)
    static let cache = Support.writtenCache(contents)

    @Test("random groupings and filters give the row-by-row sums", arguments: 0..<60)
    func randomQueries(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let cache = QueryPlanTests.cache
        let range = try #require(cache.dayRange)
        let groups: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType), .fixed(.region),
                                       .fixed(.chargeCategory), .tag("team"), .day]
        let filterable: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType), .fixed(.region),
                                           .fixed(.pricingCategory), .tag("team")]
        var filters: [Filter] = []
        for dimension in filterable where Int.random(in: 0..<3, using: &random) == 0 {
            let values: [String]
            if case .fixed(let fixed) = dimension {
                values = [dimension.missingLabel, "nothing-like-it"] + QueryPlanTests.contents.dictionaries[fixed.columnIndex].dropFirst()
            } else {
                values = ["(untagged)", "web", "data", "ops"]
            }
            filters.append(Filter(dimension: dimension, value: values.randomElement(using: &random)!,
                                  exclude: Int.random(in: 0..<4, using: &random) == 0))
        }
        let length = Int.random(in: 1...5, using: &random)
        let end = range.from.adding(days: Int.random(in: (length - 1)...(range.dayCount + 1), using: &random))
        let period = DayRange(from: end.adding(days: -(length - 1)), to: end)
        var spec = QuerySpec(groupBy: groups.randomElement(using: &random)!, filters: filters, period: period,
                             comparison: PeriodSpec.last7Days.previous(of: period),
                             metric: [.billed, .effective, .list].randomElement(using: &random)!, currency: "currency-1")
        spec.includeSeries = Bool.random(using: &random)
        let result = try QueryEngine(cache: cache).run(spec)
        var answer: [String: (Int128, Int128)] = [:]
        for row in result.rows { answer[row.key] = (row.cost, row.previous) }
        let expected = NaiveQuery.answer(spec, over: QueryPlanTests.contents)
        #expect(answer.count == expected.count, "\(spec.groupBy) \(filters)")
        for (key, value) in expected {
            #expect(answer[key]?.0 == value.0 && answer[key]?.1 == value.1, "\(key) by \(spec.groupBy) \(filters)")
        }
        if spec.includeSeries {
            for row in result.rows { #expect(row.series.reduce(0, +) == row.cost) }
        }
    }

    @Test("the top levels read an aggregate, the deeper ones the raw rows")
    func routing() {
        let cache = QueryPlanTests.cache
        #expect(QueryPlan.table(groupBy: .fixed(.account), filters: [], in: cache).isAggregate)
        #expect(QueryPlan.table(groupBy: .day, filters: [Filter(dimension: .fixed(.region), value: "region-1", exclude: false)],
                                in: cache).isAggregate)
        #expect(!QueryPlan.table(groupBy: .tag("team"), filters: [], in: cache).isAggregate)
        #expect(!QueryPlan.table(groupBy: .fixed(.usageType), filters: [Filter(dimension: .fixed(.account), value: "account-1",
                                                                                 exclude: false)], in: cache).isAggregate)
        #expect(!QueryPlan.table(groupBy: .fixed(.account), filters: [Filter(dimension: .tag("team"), value: "web", exclude: false)],
                                 in: cache).isAggregate)
    }
}
