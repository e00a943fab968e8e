import CostEngine
import CostModel

/// The rules file's budgets (`BudgetEvaluation`, docs/budgets.md) for the month the period ends in,
/// as of the period's last day (as the Forecast section): amount, actual, forecast, percentages,
/// status and crossed alerts, then a burn-down for the budgets most at risk. Left out when the rules
/// file has no budgets.
public struct BudgetsSection: ReportSection {
    public let anchor = "budgets"
    /// Burn-down charts drawn, most at risk first.
    public var chartLimit = 4

    public init() {}

    /// The statuses the section shows, in the rules file's order: also what a test compares with
    /// `costtop budgets --as-of`.
    public func statuses(in context: ReportContext) throws -> [BudgetStatus] {
        guard let asOf = context.asOf else { return [] }
        return try BudgetEvaluation(forecasts: ForecastAnalysis(engine: context.engine)).run(asOf: asOf, metric: context.metric)
    }

    public func section(in context: ReportContext) throws -> DocumentSection? {
        guard !context.rules.budgets.isEmpty else { return nil }
        let title = "Budgets"
        guard let asOf = context.asOf else {
            return DocumentSection(anchor: anchor, title: title,
                                   blocks: [.paragraph("No data up to \(context.period.to) to evaluate the budgets on.")])
        }
        let statuses = try statuses(in: context)
        let month = asOf.monthDescription
        guard !statuses.isEmpty else {
            return DocumentSection(anchor: anchor, title: title,
                                   blocks: [.paragraph("No budget of the rules file has an amount for \(month).")])
        }
        let count = { (state: BudgetStatus.State) in statuses.filter { $0.state == state }.count }
        var summary = "\(statuses.count) budget\(statuses.count == 1 ? "" : "s") for \(month), as of \(asOf): "
            + "\(count(.exceeded)) exceeded, \(count(.atRisk)) at risk, \(count(.ok)) ok. "
        summary += "Exceeded means the actual cost reached the amount; at risk, that the month-end forecast does."
        // `costtop budgets`' own table, less its ALERTS column: eight columns do not fit an
        // 80-column email, so the crossed alerts follow as a list.
        var table = BudgetsOutput(statuses, month: asOf.firstOfMonth, asOf: asOf).table
        table.title = "Budgets for \(month), as of \(asOf)"
        table.columns.removeLast()
        table.rows = table.rows.map { row in ReportRow(Array(row.cells.dropLast()), kind: row.kind, shownIn: row.shownIn) }
        var blocks: [DocumentBlock] = [.paragraph(summary), .table(table)]
        let alerts = statuses.filter { !$0.crossed.isEmpty }
            .map { "\($0.budget.name): \(BudgetsOutput.alertTexts($0).joined(separator: ", "))" }
        blocks.append(alerts.isEmpty ? .paragraph("No alert threshold is crossed.")
            : .paragraph("Alerts crossed (percent of the amount reached by the actual cost or the forecast):"))
        if !alerts.isEmpty { blocks.append(.bullets(alerts)) }
        let charted = Self.mostAtRisk(statuses).prefix(chartLimit)
        for status in charted {
            guard let currency = status.currency else { continue }
            blocks.append(.chart(Chart(title: "Burn-down of \(status.budget.name), \(month) (\(status.state.rawValue))",
                                       kind: .burnDown(try burnDown(status, currency: currency, in: context)))))
        }
        if statuses.count > charted.count {
            let rest = statuses.count - charted.count
            blocks.append(.paragraph("\(rest) more budget\(rest == 1 ? "" : "s") in the table, not charted."))
        }
        return DocumentSection(anchor: anchor, title: title, blocks: blocks)
    }

    /// Exceeded first, then at risk, then ok; within each, the highest forecast percentage first,
    /// ties by name (never hash order).
    static func mostAtRisk(_ statuses: [BudgetStatus]) -> [BudgetStatus] {
        func rank(_ state: BudgetStatus.State) -> Int { state == .exceeded ? 0 : state == .atRisk ? 1 : 2 }
        return statuses.sorted { a, b in
            if rank(a.state) != rank(b.state) { return rank(a.state) < rank(b.state) }
            if a.forecastPercent != b.forecastPercent { return a.forecastPercent > b.forecastPercent }
            return a.budget.name < b.budget.name
        }
    }

    /// The budget's burn-down: its month's cost per day up to the as-of day, cumulated, against
    /// the amount and the forecast. The budget's one listed dimension (several values) is asked one
    /// value at a time and added, as `BudgetEvaluation` adds its rows.
    private func burnDown(_ status: BudgetStatus, currency: String, in context: ReportContext) throws -> BurnDownChart {
        let month = status.month
        let days = DayRange(from: month, to: min(status.asOf, month.lastOfMonth))
        var single: [Filter] = []
        var listed: MatchCondition?
        for condition in status.budget.filter {
            if condition.values.count == 1 {
                single.append(Filter(dimension: condition.dimension, value: condition.values[0], exclude: false))
            } else {
                listed = condition
            }
        }
        let selections = listed.map { condition in
            condition.values.map { single + [Filter(dimension: condition.dimension, value: $0, exclude: false)] }
        } ?? [single]
        var daily = [Int128](repeating: 0, count: max(0, days.dayCount))
        for filters in selections {
            let spec = QuerySpec(groupBy: .day, filters: filters, period: days, comparison: nil,
                                 metric: context.metric, currency: currency)
            for row in try context.engine.run(spec).rows {
                guard let day = Day(row.key), days.contains(day) else { continue }
                daily[Int(day.index - month.index)] += row.cost
            }
        }
        var running: Int128 = 0
        let cumulative = daily.map { running += $0; return running }
        return BurnDownChart(name: status.budget.name, month: month, daysInMonth: Int(month.lastOfMonth.index - month.index) + 1,
                             amount: status.amount, actualToDate: cumulative, forecast: status.forecast,
                             forecastLower: status.lower, forecastUpper: status.upper, currency: currency)
    }
}
