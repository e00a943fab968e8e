import CostCache
import CostConfig
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostEngine

/// Budgets of the rules file against hand-made bills: under, at risk, exceeded, a category filter,
/// alerts, and the file's errors at their line and column (docs/budgets.md).
@Suite("Budgets")
struct BudgetTests {
    /// June 2024 as of the 15th: account 1 spends 100 a day (1,500 so far, 3,000 by month end),
    /// account 2 spends 10 a day, with two months of history before.
    func evaluation(_ yaml: String) throws -> [BudgetStatus] {
        var bill = ForecastBill()
        let days = DayRange(from: .on("2024-04-01"), to: .on("2024-06-15"))
        bill.usage(days, account: "111111111111") { _ in 100 }
        bill.usage(days, account: "222222222222", service: "AmazonS3") { _ in 10 }
        let rules = try RulesFile.decode(yaml, file: "rules.yaml")
        return try BudgetEvaluation(forecasts: ForecastAnalysis(cache: try bill.cache(), rules: rules)).run()
    }

    @Test("under, at risk and exceeded, with their percentages")
    func statuses() throws {
        let statuses = try evaluation("""
            budgets:
              - name: under
                filter: { account: "111111111111" }
                monthly: 4000
              - name: at-risk
                filter: { account: "111111111111" }
                monthly: 2500
              - name: exceeded
                filter: { account: "111111111111" }
                monthly: 1200.50
              - name: whole-bill
                monthly: 3400
            """)
        #expect(statuses.map(\.budget.name) == ["under", "at-risk", "exceeded", "whole-bill"])
        #expect(statuses.map(\.state) == [.ok, .atRisk, .exceeded, .ok])
        let under = statuses[0]
        #expect(under.actual == 1_500_000_000_000 && under.amount == 4_000_000_000_000)
        #expect(abs(Double(under.forecast) / 1e9 - 3000) < 1, "\(under.forecast)")
        #expect(abs(under.actualPercent - 37.5) < 1e-9 && abs(under.forecastPercent - 75) < 0.05)
        #expect(statuses[2].amount == 1_200_500_000_000)
        #expect(statuses[3].actual == 1_650_000_000_000)
        #expect(statuses[0].allowance(through: .on("2024-06-15")) == 2_000_000_000_000)
    }

    @Test("a category filter, a list of values, alerts crossed on actual and on forecast")
    func categoryAndAlerts() throws {
        let statuses = try evaluation("""
            categories:
              - name: team
                rules:
                  - value: storage
                    match: { service: AmazonS3 }
                default: compute
            budgets:
              - name: storage
                filter: { "category:team": storage }
                monthly: 290
                alerts: [ { actual: 50 }, { forecast: 100 } ]
              - name: both-accounts
                filter: { account: ["111111111111", "222222222222"] }
                monthly: 3400
                alerts: [ { actual: 80 }, { forecast: 90 } ]
              - name: monthly-table
                monthly: { "2024-06": 1000, "2024-07": 5000 }
              - name: not-this-month
                monthly: { "2024-07": 5000 }
            """)
        #expect(statuses.map(\.budget.name) == ["storage", "both-accounts", "monthly-table"], "no amount for June: left out")
        let storage = statuses[0]
        #expect(storage.actual == 150_000_000_000 && storage.state == .atRisk)
        #expect(storage.crossed.map(\.alert.basis) == [.actual, .forecast])
        let both = statuses[1]
        #expect(both.actual == 1_650_000_000_000 && both.state == .ok)
        #expect(both.crossed.map(\.alert.basis) == [.forecast], "forecast 3,300 ≥ 90% of 3,400; actual 1,650 < 80%")
        #expect(statuses[2].amount == 1_000_000_000_000 && statuses[2].state == .exceeded)
    }

    @Test("bad budgets are errors at their file, line and column", arguments: [
        ("budgets:\n  - name: a\n    monthly: lots\n", "rules.yaml:3:14: budgets[0].monthly: expected a positive amount"),
        ("budgets:\n  - name: a\n    monthly: 10\n    alerts: [ { actual: 80, forecast: 90 } ]\n",
         "rules.yaml:4:15: budgets[0].alerts[0]: an alert is {actual: PERCENT} or {forecast: PERCENT}"),
        ("budgets:\n  - name: a\n    monthly: 10\n    alerts: [ { spent: 80 } ]\n",
         "rules.yaml:4:17: budgets[0].alerts[0]: unknown alert basis \"spent\""),
        ("budgets:\n  - name: a\n    filter: { colour: red }\n    monthly: 10\n",
         "rules.yaml:3:15: budgets[0].filter: \"colour\" is not a dimension a budget can filter on"),
        ("budgets:\n  - name: a\n    filter: { \"category:team\": x }\n    monthly: 10\n",
         "rules.yaml:3:15: budgets[0].filter: no category \"team\" in this file"),
        ("budgets:\n  - name: a\n    monthly: 10\n  - name: a\n    monthly: 20\n",
         "rules.yaml:4:11: budgets[1].name: budget \"a\" is defined twice"),
        ("budgets:\n  - name: a\n    monthly: [1, 2]\n", "rules.yaml:3:14: budgets[0].monthly: a list of monthly amounts has 12"),
        ("budgets:\n  - name: a\n    monthly: 10\n    amount: 5\n", "rules.yaml:4:5: budgets[0]: unknown setting \"amount\""),
    ])
    func badFiles(yaml: String, expected: String) {
        do {
            _ = try RulesFile.decode(yaml, file: "rules.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }
}
