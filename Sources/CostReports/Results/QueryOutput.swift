import CostEngine
import CostModel

/// `costtop query`, `costtop overview` and the explorer's export: one drill-down level.
///
/// Table columns: the key (titled by the dimension), NAME when any row has one, COST, then
/// PREVIOUS, DELTA and DELTA % when there is a comparison, and SHARE; a TOTAL row when the answer
/// has a currency. CSV always has `key,name,cost,previous,delta,delta_pct,share`.
public struct QueryOutput: Report {
    public var report: QueryReport
    /// The caption; nil gives `dimension · metric cost · currency · period vs comparison · filters`.
    public var title: String?
    /// Whether the TOTAL row is written (the explorer's export leaves it out: a `/` filter may
    /// show only some rows of the total).
    public var includesTotal: Bool

    /// The output of `report`, captioned `title` (or the default caption), with or without its TOTAL row.
    public init(_ report: QueryReport, title: String? = nil, includesTotal: Bool = true) {
        self.report = report
        self.title = title
        self.includesTotal = includesTotal
    }

    public var table: ReportTable {
        let result = report.result
        let spec = result.spec
        let hasNames = report.lines.contains { $0.name != nil }
        let compared: ReportAudience = spec.comparison == nil ? .data : .all
        let columns = [
            ReportColumn(spec.groupBy.description.uppercased(), field: "key", alignment: .left, maxWidth: 60),
            ReportColumn("NAME", field: "name", alignment: .left, shownIn: hasNames ? .all : .data, maxWidth: 30),
            ReportColumn("COST", field: "cost"),
            ReportColumn("PREVIOUS", field: "previous", shownIn: compared),
            ReportColumn("DELTA", field: "delta", shownIn: compared),
            ReportColumn("DELTA %", field: "delta_pct", shownIn: compared),
            ReportColumn("SHARE", field: "share"),
        ]
        var rows = report.lines.map { line in
            ReportRow([.text(line.key), .text(line.name ?? ""), .money(line.cost), .money(line.previous),
                       .money(line.delta, signed: true),
                       .percent(line.deltaPercent, signed: true, missing: line.cost == 0 ? "" : "new"),
                       .percent(line.share)])
        }
        if includesTotal && result.currency != nil {
            let delta = result.total - result.previousTotal
            let percent = result.previousTotal == 0 ? nil : Double(delta) / Double(abs(result.previousTotal)) * 100
            // CSV has always left the total's delta % empty; scripts compute it from the totals.
            rows.append(ReportRow([.text("TOTAL"), .text(""), .money(result.total), .money(result.previousTotal),
                                   .money(delta, signed: true), .displayOnly(.percent(percent, signed: true)),
                                   .percent(result.total == 0 ? nil : 100)], kind: .total))
        }
        var notes: [String] = []
        if !result.otherCurrencies.isEmpty {
            notes.append("note: also present in other currencies, not added: \(result.otherCurrencies.joined(separator: ", ")) "
                         + "(use --currency or --by currency)")
        }
        return ReportTable(title: title ?? caption, columns: columns, rows: rows, notes: notes)
    }

    private var caption: String {
        let result = report.result
        let spec = result.spec
        var caption = "\(spec.groupBy) · \(spec.metric.rawValue) cost · \(result.currency ?? "all currencies") · \(spec.period)"
        if let comparison = spec.comparison { caption += " vs \(comparison)" }
        if !spec.filters.isEmpty { caption += " · " + spec.filters.map(\.description).joined(separator: ", ") }
        return caption
    }

    public var document: QueryDocument {
        let result = report.result
        let spec = result.spec
        return QueryDocument(
            by: spec.groupBy.description, from: spec.period.from.description, to: spec.period.to.description,
            compareFrom: Nullable(spec.comparison?.from.description), compareTo: Nullable(spec.comparison?.to.description),
            metric: spec.metric.rawValue, currency: Nullable(result.currency), filters: spec.filters.map(\.description),
            total: Nullable(result.currency == nil ? nil : QueryDocument.Total(
                cost: JSONDecimal(money: result.total), previous: JSONDecimal(money: result.previousTotal))),
            otherCurrencies: result.otherCurrencies,
            rows: report.lines.map { line in
                QueryDocument.Row(key: line.key, name: line.name, cost: JSONDecimal(money: line.cost),
                                  previous: JSONDecimal(money: line.previous), delta: JSONDecimal(money: line.delta),
                                  deltaPct: Nullable(line.deltaPercent.map(JSONDecimal.init)),
                                  share: Nullable(line.share.map(JSONDecimal.init)))
            })
    }
}
