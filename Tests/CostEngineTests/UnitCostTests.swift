import CostModel
@testable import CostReports
import CosttopTestSupport
import Testing
@testable import CostEngine

/// Business metrics and unit costs: monthly values spread over their days, zero and missing volume
/// shown as —, unit-cost change split into cost growth and volume growth.
@Suite("Unit costs")
struct UnitCostTests {
    @Test("a monthly value is spread over its days; daily values add; bad lines are named")
    func parsing() throws {
        let metrics = try BusinessMetrics.parse("date,metric,value,category\n2024-09,orders,3000,data\n2024-09-02,orders,5,data\n",
                                                file: "m.csv")
        let september = DayRange(from: Day("2024-09-01")!, to: Day("2024-09-30")!)
        #expect(abs(metrics.volume("orders", key: "data", in: september)! - 3005) < 1e-9)
        #expect(abs(metrics.volume("orders", key: "data", in: DayRange(from: Day("2024-09-02")!, to: Day("2024-09-02")!))! - 105) < 1e-9)
        #expect(metrics.volume("orders", key: "web", in: september) == nil)
        #expect(metrics.volume("orders", key: "data", in: DayRange(from: Day("2024-10-01")!, to: Day("2024-10-02")!)) == nil)
        #expect(throws: QueryError.self) { try BusinessMetrics.parse("2024-13-01,orders,1\n", file: "m.csv") }
        #expect(throws: QueryError.self) { try BusinessMetrics.parse("2024-09-01,orders,-1\n", file: "m.csv") }
        let stored = try BusinessMetrics.parse(metrics.text, file: "store")
        #expect(stored == metrics)
    }

    @Test("unit cost, its change, cost growth and volume growth; zero volume is —, not a division")
    func figures() throws {
        let period = DayRange(from: Day("2024-09-01")!, to: Day("2024-09-02")!)
        let previous = DayRange(from: Day("2024-08-30")!, to: Day("2024-08-31")!)
        let spec = QuerySpec(groupBy: .category("team"), period: period, comparison: previous)
        let result = QueryResult(spec: spec, currency: "USD", otherCurrencies: [], total: 0, previousTotal: 0, rows: [
            QueryRow(key: "data", name: nil, cost: 120_000_000_000, previous: 100_000_000_000, isMissing: false),
            QueryRow(key: "web", name: nil, cost: 10_000_000_000, previous: 10_000_000_000, isMissing: false),
        ])
        let metrics = try BusinessMetrics.parse("""
            2024-09-01,orders,30,data
            2024-09-02,orders,30,data
            2024-08-30,orders,25,data
            2024-08-31,orders,25,data
            2024-09-01,orders,0,web
            """, file: "m.csv")
        let output = UnitCostOutput(QueryReport(result, sort: .cost, limit: nil), metric: "orders", metrics: metrics)
        let data = output.figures(output.report.lines[0])
        #expect(data.unit == 2 && data.previousUnit == 2)          // 120 / 60 and 100 / 50
        #expect(abs(data.costChange! - 20) < 1e-9 && abs(data.volumeChange! - 20) < 1e-9 && abs(data.unitChange!) < 1e-9)
        let web = output.figures(output.report.lines[1])
        #expect(web.volume == 0 && web.unit == nil && web.unitChange == nil)
        #expect(output.render(as: .table, sanitize: true).contains("—"))
    }
}
