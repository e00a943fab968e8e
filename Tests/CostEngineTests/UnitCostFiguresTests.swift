import CostModel
import Testing
@testable import CostEngine

/// The one unit-cost builder `query --per`, `showback --per` and the explorer share: the change
/// split into cost and volume growth, — for missing or zero volume, daily unit costs.
@Suite("Unit cost figures")
struct UnitCostFiguresTests {
    let september = DayRange(from: Day("2024-09-01")!, to: Day("2024-09-30")!)
    let august = DayRange(from: Day("2024-08-02")!, to: Day("2024-08-31")!)

    func metrics() throws -> BusinessMetrics {
        try BusinessMetrics.parse("""
            date,metric,value,category
            2024-09,orders,3000,data
            2024-08,orders,3100,data
            2024-09-01,orders,0,web
            """, file: "m.csv")
    }

    @Test("unit change = (1 + cost growth) ÷ (1 + volume growth) − 1, by hand")
    func growth() throws {
        // 600.00 over 3000 orders now; 450.00 over 30 of August's 31 days of 3100 (3000) before.
        let figures = UnitCost(cost: 600_000_000_000, previous: 450_000_000_000, metric: "orders", key: "data",
                               metrics: try metrics(), period: september, comparison: august)
        #expect(abs(figures.volume! - 3000) < 1e-9 && abs(figures.previousVolume! - 3000) < 1e-9)
        #expect(abs(figures.unit! - 0.2) < 1e-12 && abs(figures.previousUnit! - 0.15) < 1e-12)
        #expect(abs(figures.costChange! - 100.0 / 3) < 1e-9)
        #expect(abs(figures.volumeChange!) < 1e-9)
        let identity = (1 + figures.costChange! / 100) / (1 + figures.volumeChange! / 100) - 1
        #expect(abs(identity * 100 - figures.unitChange!) < 1e-9)
    }

    @Test("zero or missing volume is nil (—), never a division by zero; daily unit costs follow the days")
    func missing() throws {
        let metrics = try metrics()
        let web = UnitCost(cost: 5_000_000_000, previous: 0, metric: "orders", key: "web", metrics: metrics,
                           period: september, comparison: august)
        #expect(web.volume == 0 && web.unit == nil && web.previousVolume == nil && web.unitChange == nil)
        #expect(web.costChange == nil)
        let unknown = UnitCost(cost: 1, previous: 1, metric: "visits", key: nil, metrics: metrics, period: september, comparison: nil)
        #expect(unknown.unit == nil && unknown.previousUnit == nil)
        let daily = UnitCost.daily([100_000_000_000, 0, 50_000_000_000], from: Day("2024-08-31")!, metric: "orders", key: "data",
                                   metrics: metrics)
        // 2024-08-31: 100 per day ÷ 100 orders; then 0 ÷ 100; then 50 ÷ 100.
        #expect(daily.count == 3 && abs(daily[0]! - 1) < 1e-12 && daily[1] == 0 && abs(daily[2]! - 0.5) < 1e-12)
        let noDays = UnitCost.daily([1, 2], from: Day("2024-07-01")!, metric: "orders", key: "data", metrics: metrics)
        #expect(noDays == [nil, nil])
    }
}
