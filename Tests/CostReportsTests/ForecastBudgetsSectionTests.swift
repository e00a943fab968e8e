import CostCache
import CostEngine
import CostModel
@testable import CostReports
import CosttopTestSupport
import Testing

/// The Forecast and Budgets sections on the bundled sample bill: the forecast table is the engine's
/// forecast for the period's last day (grouped by the rules file's first category), its actual to
/// date a Decimal sum of the raw files (to the cent); each burn-down ends at the budget's actual, which
/// equals the Decimal sum of its services to the cent; charts most at risk first; periods outside the data say so.
@Suite("Report forecast and budgets sections", .serialized)
struct ForecastBudgetsSectionTests {
    static let asOf = Day("2024-09-28")!
    static let team = CostCategory(name: "team", rules: [
        CategoryRule(.value("storage"), conditions: [MatchCondition(dimension: .fixed(.service), values: ["AmazonS3", "AmazonCloudFront"])]),
    ], defaultValue: "other")

    static func budget(_ name: String, _ filter: [MatchCondition], _ amount: Int128) -> Budget {
        Budget(name: name, filter: filter, amount: .every(amount * 1_000_000_000), alerts: [Budget.Alert(basis: .actual, percent: 80)])
    }

    static let rules = AllocationRules(categories: [team], budgets: [
        budget("whole", [], 1_000_000),
        budget("ec2", [MatchCondition(dimension: .fixed(.service), values: ["AmazonEC2"])], 10),
        budget("s3-and-athena", [MatchCondition(dimension: .fixed(.service), values: ["AmazonS3", "AmazonAthena"])], 5_300),
        budget("storage", [MatchCondition(dimension: .category("team"), values: ["storage"])], 2_000_000),
        budget("cloudwatch", [MatchCondition(dimension: .fixed(.service), values: ["AmazonCloudWatch"])], 100_000),
    ])

    static func context(_ period: DayRange = MeetingReportTests.period) -> ReportContext {
        ReportContext(cache: MeetingReportTests.cache, rules: rules, period: period, comparison: MeetingReportTests.comparison)
    }

    static func nanos(_ value: ReportValue) -> Int128? {
        if case .money(let nanos, _) = value { return nanos }
        return nil
    }

    @Test("the forecast table is the engine's forecast by the first category as of the period's last day; to date reconciles")
    func forecastTable() throws {
        let section = try #require(try ForecastSection().section(in: Self.context()))
        let table = try #require(MeetingReportTests.tables(section).first)
        #expect(table.columns.first?.title == "CATEGORY:TEAM")
        let result = try ForecastAnalysis(cache: MeetingReportTests.cache, rules: Self.rules)
            .run(ForecastSpec(groupBy: .category("team"), asOf: Self.asOf, limit: 8))
        #expect(result.total.current.month == Day("2024-09-01")!)
        let expected = (result.rows + [result.total]).map { row in
            [row.current.actualToDate, row.current.forecast, row.current.lower, row.current.upper, row.next.forecast]
        }
        #expect(table.rows.map { $0.cells.dropFirst().compactMap(Self.nanos) } == expected)
        #expect(table.rows.map { $0.cells.first?.tableText } == ["other", "storage", "TOTAL"])
        let september = try MeetingReportTests.oracle(DayRange(from: Day("2024-09-01")!, to: Self.asOf))
        #expect(Money.plainString(result.total.current.actualToDate) == Money.plainString(september.values.reduce(0, +)))
    }

    @Test("each burn-down ends at its budget's actual, a Decimal sum of the raw files; charts most at risk first, at most 4")
    func burnDowns() throws {
        let section = try #require(try BudgetsSection().section(in: Self.context()))
        let statuses = try BudgetsSection().statuses(in: Self.context())
        #expect(statuses.map(\.state) == [.ok, .exceeded, .atRisk, .ok, .ok])
        let charts: [BurnDownChart] = section.blocks.compactMap { block in
            if case .chart(let chart) = block, case .burnDown(let burnDown) = chart.kind { return burnDown }
            return nil
        }
        // Exceeded, at risk, then the ok ones by forecast percentage, highest first.
        let byPercent = statuses.filter { $0.state == .ok }.sorted { $0.forecastPercent > $1.forecastPercent }.map(\.budget.name)
        #expect(charts.map(\.name) == ["ec2", "s3-and-athena"] + byPercent.prefix(2))
        let september = try MeetingReportTests.oracle(DayRange(from: Day("2024-09-01")!, to: Self.asOf))
        let oracle: [String: Int128] = [
            "whole": september.values.reduce(0, +), "ec2": september["AmazonEC2"]!,
            "s3-and-athena": september["AmazonS3"]! + september["AmazonAthena"]!,
            "storage": september["AmazonS3"]! + september["AmazonCloudFront"]!, "cloudwatch": september["AmazonCloudWatch"]!,
        ]
        // To the cent: the cache keeps each line item to the nano-unit, the oracle sums the raw digits.
        for status in statuses {
            #expect(Money.plainString(status.actual) == oracle[status.budget.name].map { Money.plainString($0) }, "\(status.budget.name)")
        }
        for chart in charts {
            let status = try #require(statuses.first { $0.budget.name == chart.name })
            #expect(chart.actualToDate.count == 28 && chart.daysInMonth == 30)
            #expect(chart.actualToDate.last == status.actual, "\(chart.name)")
            #expect(chart.amount == status.amount && chart.forecast == status.forecast)
        }
        #expect(section.blocks.contains { if case .paragraph(let text) = $0 { text == "1 more budget in the table, not charted." } else { false } })
    }

    @Test("a period before the data says so in both sections; one past the data forecasts as of the data's last day")
    func periodsOutsideTheData() throws {
        let before = Self.context(DayRange(from: Day("2024-01-01")!, to: Day("2024-01-31")!))
        for section in [try ForecastSection().section(in: before), try BudgetsSection().section(in: before)] {
            #expect(section?.blocks.count == 1)
        }
        let past = Self.context(DayRange(from: Day("2024-09-01")!, to: Day("2024-10-15")!))
        #expect(past.asOf == Self.asOf)
        let section = try #require(try ForecastSection().section(in: past))
        guard case .paragraph(let text) = section.blocks.first else { Issue.record("no paragraph"); return }
        #expect(text.hasPrefix("As of 2024-09-28, the last day of data, 2024-09 is forecast"), "\(text)")
        #expect(try BudgetsSection().statuses(in: past) == BudgetsSection().statuses(in: Self.context()))
    }
}
