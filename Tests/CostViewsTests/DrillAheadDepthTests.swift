import CostCache
import CostEngine
import CostModel
import CosttopTestSupport
import Testing
@testable import CostViews

/// Why a drill below the usage type (into a tag value, then its resources) needs no drill-ahead of
/// its own: its rows are runs of the usage type's (a tag is not a cluster dimension), over days the
/// usage-type level's drill-ahead already covers, and that drill-ahead checks every column. At 50M
/// rows the resource step's slow first visit was measured to be a buffer, not a check
/// (docs/scale.md, *The resource step's first visit*); this keeps the premise true.
@Suite("Drill-aheads below the usage type")
struct DrillAheadDepthTests {
    static let cache: CacheFile = {
        var contents = RandomRollup.contents(rows: 20_000, days: 200, seed: 7, sizes: [.account: 3, .service: 3, .usageType: 4, .resource: 60])
        contents.settings = IngestSettings(keepResources: true, tagKeys: nil)
        return Support.writtenCache(contents)
    }()

    @Test("the tag and resource levels under a top usage type read only rows its drill-ahead checked")
    func deeperLevelsReadCheckedRows() throws {
        let cache = DrillAheadDepthTests.cache
        let explorer = try Explorer(cache: cache, cacheName: "depth.ctc")
        explorer.perform(.drillDown)
        explorer.perform(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.usageType))
        let (period, comparison) = explorer.queries.ranges(explorer.state)
        let ahead = try #require(explorer.queries.drillAheads(explorer.state, rows: explorer.data.rows, period: period,
                                                              comparison: comparison, currency: explorer.data.currency).first)
        // What the worker checks for it (`GaugeSearch`: every column over these rows).
        let checked = Set(try cache.runs(in: ahead.days, matching: ahead.prefix).joined())
        #expect(CacheColumn.all.contains(.dimension(.resource)) && CacheColumn.all.contains(.tagSet))

        explorer.perform(.moveTop)
        explorer.perform(.drillDown)
        #expect(explorer.state.level.groupBy == .tag("team"))
        explorer.perform(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.resource))
        #expect(!explorer.data.rows.isEmpty)
        // The rows the resource level's queries read: its period, the comparison and the header
        // forecast's history, narrowed by the cluster filters (the tag filter is applied per row).
        let prefix = try [FixedDimension.account, .service, .usageType].map { dimension in
            let value = try #require(explorer.state.activeFilters.first { $0.dimension == .fixed(dimension) }?.value)
            return UInt32(try #require(cache.dictionary(dimension).index(of: value)))
        }
        #expect(prefix == ahead.prefix)
        let last = try #require(cache.dayRange?.to)
        let history = DayRange(from: last.adding(days: 1 - ForecastAnalysis.historyWindow), to: last)
        for days in [period, try #require(comparison), history] {
            let rows = try cache.runs(in: days, matching: prefix).joined()
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { checked.contains($0) }, "\(days)")
        }
    }
}
