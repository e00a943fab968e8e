import CostEngine
import CostModel

/// Showback by the rules file's first cost category (docs/allocation.md): each value's cost once
/// shared costs are split, its share and its change. Left out when no rules file defines a category.
public struct ShowbackSection: ReportSection {
    public let anchor = "showback"
    /// Values listed before the rest are folded into one row.
    public var limit = 12

    public init() {}

    public func section(in context: ReportContext) throws -> DocumentSection? {
        guard let category = context.rules.categories.first else { return nil }
        let result = try context.query(by: .category(category.name))
        let report = QueryReport(result, sort: .cost, limit: limit)
        let rows = report.lines.map { line in
            ReportRow([.text(line.key), .money(line.cost), .percent(line.share), .money(line.previous),
                       .money(line.delta, signed: true), .percent(line.deltaPercent, signed: true, missing: line.cost == 0 ? "" : "new")])
        }
        let total = ReportRow([.text("TOTAL"), .money(result.total), .percent(result.total == 0 ? nil : 100), .money(result.previousTotal),
                               .money(result.total - result.previousTotal, signed: true),
                               .percent(result.previousTotal == 0 ? nil : Double(result.total - result.previousTotal) / Double(abs(result.previousTotal)) * 100,
                                        signed: true)], kind: .total)
        let table = ReportTable(title: "Cost by \(category.name), shared costs split", columns: [
            ReportColumn(category.name.uppercased(), field: "value", alignment: .left),
            ReportColumn("COST", field: "cost"),
            ReportColumn("SHARE", field: "share"),
            ReportColumn("PREVIOUS", field: "previous"),
            ReportColumn("DELTA", field: "delta"),
            ReportColumn("DELTA %", field: "delta_pct"),
        ], rows: rows + [total])
        var text = "Each value of the category \(category.name) with its direct cost plus what the rules file's splits moved to it"
        text += context.rules.file.map { " (\($0.split(separator: "/").last.map(String.init) ?? $0))." } ?? "."
        text += " The total reconciles with the period's total."
        return DocumentSection(anchor: anchor, title: "Showback by \(category.name)", blocks: [.paragraph(text), .table(table)])
    }
}
