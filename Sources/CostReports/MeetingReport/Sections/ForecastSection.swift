import CostEngine
import CostModel

/// The month-end forecast (`ForecastAnalysis`, docs/forecast.md) of the month the period ends in,
/// as of the period's last day (`ReportContext.asOf`) — not the cache's, so the report is about its own period and the
/// same arguments give the same forecast however much data arrives later: the interval, the actual
/// to date, the next month, and the largest nodes by service (or by the rules file's first category).
public struct ForecastSection: ReportSection {
    public let anchor = "forecast"
    /// Nodes forecast on their own before the rest is folded into one `(other N)` row.
    public var limit = 8
    /// Coverage of the prediction interval, percent (as `costtop forecast`'s default).
    public var level = 80

    public init() {}

    /// The question the section asks: also what a test asks the engine (or `costtop forecast
    /// --as-of`) to check the section's figures.
    public func spec(in context: ReportContext, asOf: Day) -> ForecastSpec {
        let dimension: CostDimension = context.rules.categories.first.map { .category($0.name) } ?? .fixed(.service)
        return ForecastSpec(groupBy: dimension, asOf: asOf, level: level, metric: context.metric, limit: limit)
    }

    public func section(in context: ReportContext) throws -> DocumentSection? {
        let title = "Forecast"
        guard let asOf = context.asOf else {
            return DocumentSection(anchor: anchor, title: title,
                                   blocks: [.paragraph("No data up to \(context.period.to) to forecast from.")])
        }
        let result = try ForecastAnalysis(engine: context.engine).run(spec(in: context, asOf: asOf))
        let current = result.total.current, next = result.total.next
        let month = current.month.monthDescription
        guard let currency = result.currency else {
            return DocumentSection(anchor: anchor, title: title,
                                   blocks: [.paragraph("No cost in \(month) up to \(result.asOf) to forecast.")])
        }
        func money(_ value: Int128) -> String { ReportContext.money(value, currency) }
        func interval(_ forecast: MonthForecast) -> String {
            "\(result.level)% interval \(Money.groupedString(forecast.lower)) to \(Money.groupedString(forecast.upper))"
        }
        let complete = result.asOf >= current.month.lastOfMonth
        var summary = complete
            ? "\(month) is complete in the period: it came to \(money(current.actualToDate))."
            : "As of \(result.asOf), \(result.asOf == context.period.to ? "the period's last day" : "the last day of data"), \(month) is forecast to end at \(money(current.forecast)) "
                + "(\(interval(current))), \(money(current.actualToDate)) of it already spent."
        summary += " \(next.month.monthDescription) is forecast at \(money(next.forecast)) (\(interval(next)))."
        var blocks: [DocumentBlock] = [.paragraph(summary)]
        blocks.append(.figures([
            KeyFigure("Month-end forecast", money(current.forecast), detail: "\(month), \(interval(current))"),
            KeyFigure("Actual to date", money(current.actualToDate), detail: "\(month), as of \(result.asOf)"),
            KeyFigure("Next month", money(next.forecast), detail: "\(next.month.monthDescription), \(interval(next))"),
        ]))
        blocks.append(.table(table(result)))
        // The engine's notes are lower-case phrases (as `costtop forecast` lists them under its
        // table); here they join the paragraph as sentences.
        var notes = result.notes.map { note in
            let sentence = note.prefix(1).uppercased() + note.dropFirst()
            return sentence.hasSuffix(".") ? sentence : sentence + "."
        }
        notes.append("The interval is \(result.empiricalInterval ? "the spread of the method's own past errors on this bill" : "a fallback width (too few past cuts to measure errors)")"
            + ", from \(result.historyDays) days of history (docs/forecast.md).")
        let shifts = result.rows.compactMap { row in row.shiftSince.map { "\(row.key) since \($0)" } }
        if !shifts.isEmpty { notes.append("Level shift under way: " + shifts.joined(separator: "; ") + ".") }
        blocks.append(.paragraph(notes.joined(separator: " ")))
        return DocumentSection(anchor: anchor, title: title, blocks: blocks)
    }

    private func table(_ result: ForecastResult) -> ReportTable {
        let by = result.spec.groupBy?.description ?? "total"
        let month = result.total.current.month.monthDescription
        func row(_ row: ForecastRow, key: String, kind: ReportRow.Kind) -> ReportRow {
            ReportRow([.text(key), .money(row.current.actualToDate), .money(row.current.forecast), .money(row.current.lower),
                       .money(row.current.upper), .money(row.next.forecast)], kind: kind)
        }
        let rows = result.rows.map { node in row(node, key: node.name.map { "\(node.key) (\($0))" } ?? node.key, kind: .item) }
        return ReportTable(title: "Month-end forecast of \(month) by \(by), largest first", columns: [
            ReportColumn(by.uppercased(), field: "key", alignment: .left),
            ReportColumn("TO DATE", field: "actual_to_date"),
            ReportColumn("FORECAST", field: "forecast"),
            ReportColumn("LOW", field: "lower"),
            ReportColumn("HIGH", field: "upper"),
            ReportColumn("NEXT \(result.total.next.month.monthDescription)", field: "next_forecast"),
        ], rows: rows + [row(result.total, key: "TOTAL", kind: .total)])
    }
}
