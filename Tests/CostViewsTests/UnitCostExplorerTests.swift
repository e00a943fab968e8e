import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Unit costs in the explorer: `u` and `:per` choose the business metric, the table gains a PER
/// UNIT column and a sparkline of the daily unit cost, and the figures are the ones `query --per`
/// prints (one `UnitCost` builder), per category value when the level is a category.
@Suite("Explorer: unit costs", .serialized)
struct UnitCostExplorerTests {
    /// Orders for the whole bill each month, and data's own orders in September.
    static let metrics = try! BusinessMetrics.parse("""
        date,metric,value,category
        2024-07,orders,40000
        2024-08,orders,41000
        2024-09,orders,45000
        2024-09,orders,36000,data
        2024-09,requests,9000000
        """, file: "m.csv")

    static let rules = """
        categories:
          - name: team
            rules:
              - inherit: tag:team
            default: unallocated

        """

    func explorer() throws -> Explorer {
        try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc", rules: RulesFile.decode(Self.rules, file: "rules.yaml"),
                     metrics: Self.metrics)
    }

    /// The cells of the table's column titled `title` on the row starting with `key`.
    func cell(_ lines: [String], title: String, key: String) throws -> String {
        let header = try #require(lines.first { $0.contains(title) && $0.contains("COST") })
        let end = try #require(header.range(of: title)).upperBound
        let row = try #require(lines.first { $0.hasPrefix(" " + key + " ") || $0.hasPrefix("!" + key + " ") || $0.hasPrefix("*" + key + " ") })
        let offset = header.distance(from: header.startIndex, to: end)
        let characters = Array(row)
        let start = max(0, offset - 10)
        return String(characters[start..<min(characters.count, offset)]).trimmingCharacters(in: .whitespaces)
    }

    @Test("u cycles off → orders → requests → off; the column and the unit sparkline appear with it")
    func cycle() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        #expect(!session.lines(160, 40).joined().contains("PER UNIT"))
        session.run(.cycleUnitMetric)
        #expect(explorer.state.unitMetric == "orders")
        var lines = session.lines(160, 40)
        #expect(lines.contains { $0.contains("PER UNIT") && $0.contains("UNIT/DAY") }, "\(lines.joined(separator: "\n"))")
        #expect(lines[0].contains("per orders"))
        session.run(.cycleUnitMetric)
        #expect(explorer.state.unitMetric == "requests")
        session.run(.cycleUnitMetric)
        #expect(explorer.state.unitMetric == nil)
        lines = session.lines(160, 40)
        #expect(!lines.joined().contains("PER UNIT"))
        #expect(lines.contains { $0.contains("DAILY") })
    }

    @Test(":per METRIC shows unit costs as query --per computes them; per category value at a category level")
    func figures() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        session.run(.setUnitMetric, "visits")
        #expect(explorer.state.unitMetric == nil && explorer.state.message?.contains("orders, requests") == true)
        session.run(.setUnitMetric, "orders")
        #expect(explorer.state.unitMetric == "orders")
        let period = explorer.data.period
        let metrics = Self.metrics
        // The total: the whole bill's orders over the period.
        let total = try #require(explorer.data.totalUnitCost)
        let expectedTotal = Double(explorer.data.total) / 1e9 / metrics.volume("orders", key: nil, in: period)!
        #expect(abs(total.unit! - expectedTotal) < 1e-9)
        var lines = session.lines(160, 40)
        let totalLine = try #require(lines.first { $0.hasPrefix(" TOTAL") })
        #expect(totalLine.contains(Formatting.unitCost(expectedTotal, symbol: "$")), "\(totalLine)")

        // By team: data divides by its own orders, the others by the whole bill's.
        session.run(.regroup, "category:team")
        let data = try #require(explorer.data.rows.first { $0.key == "data" })
        let dataUnit = try #require(explorer.data.unitCosts["data"]?.figures.unit)
        #expect(abs(dataUnit - Double(data.cost) / 1e9 / metrics.volume("orders", key: "data", in: period)!) < 1e-9)
        let reference = UnitCost(cost: data.cost, previous: data.previous, metric: "orders", key: "data", metrics: metrics,
                                 period: period, comparison: explorer.data.comparison)
        #expect(explorer.data.unitCosts["data"]?.figures == reference)
        // The sparkline has a day per cell; August days before data's first orders are blank.
        #expect(explorer.data.unitCosts["data"]?.daily.first == .some(nil))
        lines = session.lines(160, 40)
        #expect(try cell(lines, title: "PER UNIT", key: "data") == Formatting.unitCost(dataUnit, symbol: "$"), "\(lines.joined(separator: "\n"))")
        // The detail pane of the selected row splits its unit cost's change into cost and volume growth.
        let selected = explorer.data.rows[explorer.state.selection]
        let figures = try #require(explorer.data.unitCosts[selected.key]?.figures)
        let detail = DetailPane.unitLines(figures, metric: "orders", symbol: "$")
        #expect(detail.count == 2)
        for line in detail { #expect(lines.contains { $0.contains("│ " + line) }, "\(line)") }
        // data has no orders in August: no previous unit cost, so no unit change, but cost growth.
        #expect(detail[1].hasPrefix("unit —: cost +"), "\(detail)")
        // A row with volumes in both periods: unit change = (1 + cost) ÷ (1 + volume) − 1.
        let web = try #require(explorer.data.unitCosts["web"]?.figures)
        let unit = try #require(web.unitChange), cost = try #require(web.costChange), volume = try #require(web.volumeChange)
        #expect(abs((1 + cost / 100) / (1 + volume / 100) - 1 - unit / 100) < 1e-9)
        #expect(DetailPane.unitLines(web, metric: "orders", symbol: "$")[1]
                == String(format: "unit %+.1f%%: cost %+.1f%%, volume %+.1f%%", unit, cost, volume))
        // Drilling into data keeps dividing by data's orders.
        let index = try #require(explorer.data.rows.firstIndex { $0.key == "data" })
        for _ in 0..<index { session.run(.moveDown) }
        session.run(.drillDown)
        let drilled = try #require(explorer.data.totalUnitCost?.unit)
        #expect(abs(drilled - dataUnit) < 1e-9)
        // :per alone turns unit costs off.
        explorer.runCommandLine("per")
        #expect(explorer.state.unitMetric == nil && explorer.data.unitCosts.isEmpty)
    }

    @Test("the view text carries the unit metric: y copies per=orders, opening the view shows unit costs again")
    func viewText() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        session.run(.setUnitMetric, "orders")
        let text = ExplorerView(state: explorer.state).text
        #expect(text.contains(";per=orders"), "\(text)")
        explorer.runCommandLine("per")
        #expect(explorer.state.unitMetric == nil)
        explorer.open(try ExplorerView(text: text))
        #expect(explorer.state.unitMetric == "orders" && explorer.data.totalUnitCost != nil)
        // Older views without the field open without unit costs.
        explorer.open(try ExplorerView(text: "v1;by=account;period=last-7d;compare=previous;metric=billed"))
        #expect(explorer.state.unitMetric == nil)
    }

    @Test("without imported metrics, u says how to import some")
    func noMetrics() throws {
        let explorer = try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc")
        ScriptedSession(explorer).run(.cycleUnitMetric)
        #expect(explorer.state.unitMetric == nil)
        #expect(explorer.state.message?.contains("costtop metrics import") == true)
    }
}
