import CostEngine
import CostModel

/// Totals and change: the period's spend against the comparison window, the daily series of both,
/// and the services that carry the spend.
public struct TotalsSection: ReportSection {
    public let anchor = "totals"
    /// Services listed before the rest are folded into one row.
    public var serviceLimit = 8

    public init() {}

    public func section(in context: ReportContext) throws -> DocumentSection? {
        let byService = try context.query(by: .fixed(.service))
        let currency = byService.currency
        let total = byService.total, previous = byService.previousTotal
        let period = context.period, comparison = context.comparison
        var blocks: [DocumentBlock] = []
        let direction = total > previous ? "up" : total < previous ? "down" : "unchanged"
        var summary = "Spend was \(ReportContext.money(total, currency)) over the \(period.dayCount) days \(period), "
        if total == previous {
            summary += "the same as over \(comparison)."
        } else {
            summary += "\(direction) \(ReportContext.money(abs(total - previous), currency)) on \(comparison)"
            summary += previous == 0 ? "." : " (\(signedPercent(total, previous)))."
        }
        if !byService.otherCurrencies.isEmpty {
            summary += " Also present, not included: \(byService.otherCurrencies.joined(separator: ", "))."
        }
        blocks.append(.paragraph(summary))
        blocks.append(.figures([
            KeyFigure("Total", ReportContext.money(total, currency), detail: period.description),
            KeyFigure("Previous", ReportContext.money(previous, currency), detail: comparison.description),
            KeyFigure("Change", ReportContext.change(total, previous, currency)),
            KeyFigure("Daily average", ReportContext.money(total / Int128(max(1, period.dayCount)), currency),
                      detail: "was " + ReportContext.money(previous / Int128(max(1, comparison.dayCount)), currency)),
        ]))
        if let currency { blocks.append(.chart(try dailyChart(context, currency: currency))) }
        blocks.append(.table(serviceTable(byService)))
        return DocumentSection(anchor: anchor, title: "Totals and change", blocks: blocks)
    }

    private func signedPercent(_ now: Int128, _ before: Int128) -> String {
        let percent = Double(now - before) / Double(abs(before)) * 100
        return (percent > 0 ? "+" : "") + NumberText.oneDecimal(percent) + "%"
    }

    /// Both windows day by day, from one query grouped by day (group i is day i of each window).
    private func dailyChart(_ context: ReportContext, currency: String) throws -> Chart {
        let result = try context.query(by: .day)
        var now = [Int128](repeating: 0, count: context.period.dayCount)
        var before = [Int128](repeating: 0, count: context.comparison.dayCount)
        for row in result.rows {
            guard let day = Day(row.key) else { continue }
            let index = Int(day.index - context.period.from.index)
            if index < now.count { now[index] = row.cost }
            if index < before.count { before[index] = row.previous }
        }
        return Chart(title: "Daily cost, \(context.period) against \(context.comparison)", kind: .dailySeries(DailySeriesChart(
            current: .init(label: "now", range: context.period, values: now),
            previous: .init(label: "before", range: context.comparison, values: before),
            currency: currency)))
    }

    private func serviceTable(_ result: QueryResult) -> ReportTable {
        let report = QueryReport(result, sort: .cost, limit: serviceLimit)
        let rows = report.lines.map { line in
            ReportRow([.text(line.key), .money(line.cost), .money(line.previous), .money(line.delta, signed: true),
                       .percent(line.deltaPercent, signed: true, missing: line.cost == 0 ? "" : "new"), .percent(line.share)])
        } + [ReportRow([.text("TOTAL"), .money(result.total), .money(result.previousTotal),
                        .money(result.total - result.previousTotal, signed: true),
                        .percent(result.previousTotal == 0 ? nil : Double(result.total - result.previousTotal) / Double(abs(result.previousTotal)) * 100,
                                 signed: true),
                        .percent(result.total == 0 ? nil : 100)], kind: .total)]
        return ReportTable(title: "Spend by service, largest first", columns: [
            ReportColumn("SERVICE", field: "service", alignment: .left),
            ReportColumn("COST", field: "cost"),
            ReportColumn("PREVIOUS", field: "previous"),
            ReportColumn("DELTA", field: "delta"),
            ReportColumn("DELTA %", field: "delta_pct"),
            ReportColumn("SHARE", field: "share"),
        ], rows: rows)
    }
}
