import CostModel
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine

/// The daily series a query returns with its rows (`includeSeries`, the explorer's sparklines) are
/// laid out one slot per answered group (`SeriesSlots`), not one per dictionary code: each row's
/// days must still be its own, summed row by row, whatever the grouping, the filters and the
/// number of codes (3,000 resources, of which a filtered query answers a few).
@Suite("Daily series of a query's rows")
struct DailySeriesTests {
    static let contents = RandomRollup.contents(rows: 30_000, days: 200, seed: 91, sizes: [.resource: 3_000], tagValues: 40)
    static let cache = Support.writtenCache(contents)

    @Test("slots only for the groups seen, in code order; the others share a spare slot")
    func slots() {
        var seen = [Bool](repeating: false, count: 2 * 40_001)
        // The second currency's flags: a slice that does not start at index 0.
        for code in [40_000, 7, 12_345, 3] { seen[40_001 + code] = true }
        seen[5] = true
        let slots = SeriesSlots(seen: seen[40_001..<80_002])
        #expect(slots.count == 4)
        #expect(slots.bufferCount(days: 30) == 150)
        #expect([3, 7, 12_345, 40_000].map { slots.range(of: $0, days: 30) } == [0..<30, 30..<60, 60..<90, 90..<120])
        #expect(slots.range(of: 5, days: 30) == 120..<150 && slots.range(of: 0, days: 30) == 120..<150)
        let identity = SeriesSlots(identity: 3)
        #expect(identity.count == 3 && identity.range(of: 2, days: 10) == 20..<30 && identity.bufferCount(days: 10) == 30)
        // Half the codes or more answered: each code is its own slot, as before (no lookup per row).
        let dense = SeriesSlots(seen: [true, false, true, true][...])
        #expect(dense.slotOf.isEmpty && dense.bufferCount(days: 10) == 40 && dense.range(of: 3, days: 10) == 30..<40)
        let sparse = SeriesSlots(seen: [false, false, true, false, true][...])
        #expect(sparse.count == 2 && sparse.range(of: 4, days: 10) == 10..<20 && sparse.bufferCount(days: 10) == 30)
    }

    @Test("each row's series is its own days, summed row by row", arguments: 0..<30)
    func seriesMatchRowByRow(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let contents = DailySeriesTests.contents
        let range = try #require(DailySeriesTests.cache.dayRange)
        let groups: [CostDimension] = [.fixed(.resource), .fixed(.resource), .fixed(.usageType), .fixed(.account),
                                       .fixed(.region), .tag("team"), .day]
        var filters: [Filter] = []
        for dimension in [CostDimension.fixed(.account), .fixed(.service), .fixed(.usageType), .tag("team")]
        where Int.random(in: 0..<2, using: &random) == 0 {
            let row = Int.random(in: 0..<contents.rowCount, using: &random)
            filters.append(Filter(dimension: dimension, value: DailySeriesTests.value(dimension, row),
                                  exclude: Int.random(in: 0..<5, using: &random) == 0))
        }
        let length = Int.random(in: 1...60, using: &random)
        let end = range.from.adding(days: Int.random(in: (2 * length)...(range.dayCount - 1), using: &random))
        let period = DayRange(from: end.adding(days: -(length - 1)), to: end)
        var spec = QuerySpec(groupBy: groups.randomElement(using: &random)!, filters: filters, period: period,
                             comparison: DayRange(from: period.from.adding(days: -length), to: period.from.adding(days: -1)),
                             metric: .billed, currency: seed % 2 == 0 ? "currency-1" : "currency-2")
        spec.includeSeries = true
        // Two threads on every range larger than 2,000 rows, so the parallel scan runs too.
        let engine = QueryEngine(cache: DailySeriesTests.cache, parallelRows: 2_000)
        let answer = try engine.run(spec)
        let expected = DailySeriesTests.series(spec)
        #expect(!answer.rows.isEmpty || expected.isEmpty)
        for row in answer.rows {
            let days = expected[row.key] ?? [Int128](repeating: 0, count: length)
            #expect(row.series == days, "\(spec.groupBy) \(row.key) \(filters)")
            #expect(row.series.reduce(0, +) == row.cost)
        }
        // The rows themselves do not depend on whether series were asked for.
        spec.includeSeries = false
        #expect(try engine.run(spec).rows == answer.rows.map { var row = $0; row.series = []; return row })
    }

    /// A row's value of `dimension` as the engine names it.
    static func value(_ dimension: CostDimension, _ row: Int) -> String { NaiveQuery.value(dimension, row, in: contents) }

    /// Key → cost per day of the period, summed over every row of the contents.
    static func series(_ spec: QuerySpec) -> [String: [Int128]] {
        let currency = UInt32(contents.dictionaries[FixedDimension.currency.columnIndex].firstIndex(of: spec.currency!)!)
        var answer: [String: [Int128]] = [:]
        for row in 0..<contents.rowCount where contents.dimensionCodes[FixedDimension.currency.columnIndex][row] == currency {
            let day = Day(index: contents.days[row])
            guard spec.period.contains(day),
                  spec.filters.allSatisfy({ (value($0.dimension, row) == $0.value) != $0.exclude }) else { continue }
            let key = spec.groupBy == .day ? day.description : value(spec.groupBy, row)
            var days = answer[key] ?? [Int128](repeating: 0, count: spec.period.dayCount)
            days[Int(day.index - spec.period.from.index)] += Int128(contents.measures[spec.metric.measure.columnIndex][row])
            answer[key] = days
        }
        return answer
    }
}
