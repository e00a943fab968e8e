import CostModel
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine

/// The filters a scan still applies after `QueryPlan.runs` narrowed the rows: the include filters
/// on the leading cluster dimensions are held by the runs themselves, the rest stay.
@Suite("Residual filters")
struct ResidualFilterTests {
    static let cache = Support.writtenCache(RandomRollup.contents(rows: 5_000, days: 4, seed: 7))

    func filter(_ text: String) -> Filter { Filter(text)! }

    @Test("the first include filter on each leading cluster dimension is dropped, nothing else")
    func dropped() {
        let raw = ResidualFilterTests.cache
        let filters = ["account=account-1", "region=region-2", "service!=service-3", "account=account-2", "service=service-4"]
            .map(filter)
        // Account is held by the runs; service's include filter too (its exclude stays); the second account filter stays.
        #expect(QueryPlan.residualFilters(filters, in: raw).map(\.description)
                == ["region=region-2", "service!=service-3", "account=account-2"])
        // Without an account filter the runs hold nothing: every filter stays.
        let noAccount = ["service=service-4", "usage-type=usage-type-1"].map(filter)
        #expect(QueryPlan.residualFilters(noAccount, in: raw) == noAccount)
        // An aggregate's cluster key is its own dimensions, its first one here.
        let regions = raw.aggregates.first { $0.clusterDimensions.first == .region }!
        #expect(QueryPlan.residualFilters([filter("region=region-2")], in: regions).isEmpty)
        #expect(QueryPlan.residualFilters([filter("region!=region-2")], in: regions).count == 1)
    }
}
