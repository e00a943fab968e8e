import CostEngine
import CostModel

/// `costtop forecast`: each node's month-end forecast with its interval, and the next month's.
///
/// Table columns: the node, TO DATE, FORECAST, LOW, HIGH, then NEXT (the month after), NEXT LOW,
/// NEXT HIGH; a TOTAL row; the result's notes under the table. CSV fields: `key`, `name`,
/// `actual_to_date`, `forecast`, `lower`, `upper`, `next_forecast`, `next_lower`, `next_upper`.
public struct ForecastOutput: Report {
    public let result: ForecastResult

    /// The output of `result`.
    public init(_ result: ForecastResult) {
        self.result = result
    }

    public var table: ReportTable {
        let month = result.total.current.month.monthDescription
        let next = result.total.next.month.monthDescription
        let by = result.spec.groupBy?.description ?? "total"
        let title = "forecast by \(by) · \(result.spec.metric.rawValue) cost · \(result.currency ?? "no cost") · "
            + "\(month) as of \(result.asOf) · \(result.level)% interval"
        let columns = [
            ReportColumn.display(by.uppercased(), alignment: .left, maxWidth: 40),
            ReportColumn.data("key"),
            ReportColumn.data("name"),
            ReportColumn("TO DATE", field: "actual_to_date"),
            ReportColumn("FORECAST \(month)", field: "forecast"),
            ReportColumn("LOW", field: "lower"),
            ReportColumn("HIGH", field: "upper"),
            ReportColumn("NEXT \(next)", field: "next_forecast"),
            ReportColumn("NEXT LOW", field: "next_lower"),
            ReportColumn("NEXT HIGH", field: "next_upper"),
        ]
        var rows = result.rows.map { row($0, kind: .item) }
        var total = result.total
        total.key = "TOTAL"
        rows.append(row(total, kind: .total))
        return ReportTable(title: title, columns: columns, rows: rows, notes: result.notes)
    }

    private func row(_ row: ForecastRow, kind: ReportRow.Kind) -> ReportRow {
        let shown = row.name.map { "\(row.key) (\($0))" } ?? row.key
        return ReportRow([.text(shown), .text(kind == .total ? "" : row.key), .text(row.name ?? ""),
                          .money(row.current.actualToDate), .money(row.current.forecast), .money(row.current.lower),
                          .money(row.current.upper), .money(row.next.forecast), .money(row.next.lower),
                          .money(row.next.upper)], kind: kind)
    }

    public var document: ForecastDocument {
        func next(_ forecast: MonthForecast) -> ForecastDocument.Next {
            ForecastDocument.Next(month: forecast.month.monthDescription, forecast: JSONDecimal(money: forecast.forecast),
                                  lower: JSONDecimal(money: forecast.lower), upper: JSONDecimal(money: forecast.upper))
        }
        let total = result.total.current
        return ForecastDocument(
            month: total.month.monthDescription, asOf: result.asOf.description,
            actualToDate: JSONDecimal(money: total.actualToDate), forecast: JSONDecimal(money: total.forecast),
            lower: JSONDecimal(money: total.lower), upper: JSONDecimal(money: total.upper), level: result.level,
            rows: result.rows.map { row in
                ForecastDocument.Row(
                    key: row.key, actualToDate: JSONDecimal(money: row.current.actualToDate),
                    forecast: JSONDecimal(money: row.current.forecast), lower: JSONDecimal(money: row.current.lower),
                    upper: JSONDecimal(money: row.current.upper), name: Nullable(row.name),
                    levelShiftSince: Nullable(row.shiftSince?.description), nextMonth: next(row.next))
            },
            by: Nullable(result.spec.groupBy?.description), currency: Nullable(result.currency),
            interval: result.empiricalInterval ? "empirical" : "fallback", historyDays: result.historyDays,
            shortHistory: result.shortHistory, notes: result.notes, nextMonth: next(result.total.next))
    }
}
