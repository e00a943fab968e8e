import CostEngine
import CostModel

/// `costtop budgets`: every budget's amount, actual so far, forecast, their percentages of the
/// amount and a status.
///
/// Table columns: BUDGET, AMOUNT, ACTUAL, ACTUAL %, FORECAST, FORECAST %, STATUS, ALERTS. CSV fields:
/// `name`, `amount`, `actual`, `actual_pct`, `forecast`, `forecast_pct`, `status`, `alerts`.
public struct BudgetsOutput: Report {
    public let statuses: [BudgetStatus]
    /// The month and last known day, for the caption when there are no budgets to take them from.
    public let month: Day
    public let asOf: Day

    /// The output of `statuses`, evaluated for `month` as of `asOf`.
    public init(_ statuses: [BudgetStatus], month: Day, asOf: Day) {
        self.statuses = statuses
        self.month = month
        self.asOf = asOf
    }

    public var table: ReportTable {
        let currency = statuses.compactMap(\.currency).first ?? "no cost"
        let title = "budgets · \(month.monthDescription) as of \(asOf) · \(currency)"
        let columns = [
            ReportColumn("BUDGET", field: "name", alignment: .left, maxWidth: 40),
            ReportColumn("AMOUNT", field: "amount"),
            ReportColumn("ACTUAL", field: "actual"),
            ReportColumn("ACTUAL %", field: "actual_pct"),
            ReportColumn("FORECAST", field: "forecast"),
            ReportColumn("FORECAST %", field: "forecast_pct"),
            ReportColumn("STATUS", field: "status", alignment: .left),
            ReportColumn("ALERTS", field: "alerts", alignment: .left),
        ]
        let rows = statuses.map { status in
            ReportRow([.text(status.budget.name), .money(status.amount), .money(status.actual), .percent(status.actualPercent),
                       .money(status.forecast), .percent(status.forecastPercent), .text(status.state.rawValue),
                       .text(Self.alertTexts(status).joined(separator: ", "))])
        }
        let notes = statuses.isEmpty ? ["no budget has an amount for \(month.monthDescription) (budgets: in the rules file, docs/budgets.md)"] : []
        return ReportTable(title: title, columns: columns, rows: rows, notes: notes)
    }

    /// The crossed alerts of a status, as `actual 80%`.
    public static func alertTexts(_ status: BudgetStatus) -> [String] {
        status.crossed.map { "\($0.alert.basis.rawValue) \(NumberText.trimmed($0.alert.percent))%" }
    }

    public var document: BudgetsDocument {
        BudgetsDocument(
            month: Nullable(month.monthDescription), asOf: Nullable(asOf.description),
            currency: Nullable(statuses.compactMap(\.currency).first),
            rows: statuses.map { status in
                BudgetsDocument.Row(
                    name: status.budget.name, amount: JSONDecimal(money: status.amount), actual: JSONDecimal(money: status.actual),
                    forecast: JSONDecimal(money: status.forecast), actualPct: JSONDecimal(status.actualPercent),
                    forecastPct: JSONDecimal(status.forecastPercent), status: status.state.rawValue,
                    lower: JSONDecimal(money: status.lower), upper: JSONDecimal(money: status.upper),
                    alerts: Self.alertTexts(status))
            })
    }
}
