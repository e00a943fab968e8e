import CostCache
import CostEngine
import CostModel
import CostReports
import CosttopTestSupport
import Foundation
import Testing

/// The forecast and budgets outputs in every format: CSV fields for scripts, the JSON key order of
/// docs/forecast.md and docs/budgets.md, notes under tables, data strings sanitized.
@Suite("Forecast and budgets outputs")
struct ForecastOutputTests {
    /// Ten days of one account at 10.00 a day, and a second account whose name carries an escape.
    func cache() throws -> CacheFile {
        var text = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost\n"
        for day in 1...10 {
            let date = "2024-03-\(day < 10 ? "0" : "")\(day)T00:00:00Z"
            text += "\(date),111111111111,AmazonEC2,BoxUsage,10.00\n\(date),222222222222,Amazon\u{1B}[31mS3,Storage,1.00\n"
        }
        return try Support.ingest([Support.write(text, to: Support.temporaryFolder(), "cur.csv")]).1
    }

    @Test("forecast: CSV fields, JSON key order, the short-history note under the table, sanitized keys")
    func forecast() throws {
        let result = try ForecastAnalysis(cache: try cache()).run(ForecastSpec(groupBy: .fixed(.service)))
        let output = ForecastOutput(result)
        let csv = output.render(as: .csv, sanitize: false)
        #expect(csv.hasPrefix("key,name,actual_to_date,forecast,lower,upper,next_forecast,next_lower,next_upper\n"))
        #expect(csv.contains("AmazonEC2,,100.00,310.00,"), "10 days at 10.00, 21 more days at 10.00: \(csv)")
        let json = output.render(as: .json, sanitize: false)
        #expect(json.hasPrefix(#"{"month":"2024-03","asOf":"2024-03-10","actualToDate":110.00,"forecast":341.00,"#))
        #expect(json.contains(#""level":80,"rows":[{"key":"AmazonEC2","actualToDate":100.00,"forecast":310.00,"#))
        let table = output.render(as: .table, sanitize: true)
        #expect(table.contains("short history: 10 days of data"))
        #expect(!table.contains("\u{1B}"), "an escape from the bill never reaches the terminal")
        let markdown = output.render(as: .markdown, sanitize: true)
        #expect(markdown.contains("| AmazonEC2 |"))
    }

    @Test("budgets: CSV fields and JSON rows as documented")
    func budgets() throws {
        let rules = AllocationRules(budgets: [
            Budget(name: "ec2", filter: [MatchCondition(dimension: .fixed(.service), values: ["AmazonEC2"])],
                   amount: .every(300_000_000_000), alerts: [Budget.Alert(basis: .forecast, percent: 100)]),
        ])
        let statuses = try BudgetEvaluation(forecasts: ForecastAnalysis(cache: try cache(), rules: rules)).run()
        let output = BudgetsOutput(statuses, month: Day("2024-03-01")!, asOf: Day("2024-03-10")!)
        #expect(output.render(as: .csv, sanitize: false) == """
            name,amount,actual,actual_pct,forecast,forecast_pct,status,alerts
            ec2,300.00,100.00,33.33,310.00,103.33,at-risk,forecast 100%

            """)
        let json = output.render(as: .json, sanitize: false)
        #expect(json.hasPrefix(#"{"month":"2024-03","asOf":"2024-03-10","currency":"USD","rows":[{"name":"ec2","amount":300.00,"actual":100.00,"forecast":310.00,"actualPct":33.33,"forecastPct":103.33,"status":"at-risk","#))
        let empty = BudgetsOutput([], month: Day("2024-03-01")!, asOf: Day("2024-03-10")!).render(as: .table, sanitize: true)
        #expect(empty.contains("no budget has an amount for 2024-03"))
    }
}
