/// A result described once for every tabular format: titled, typed columns, rows and totals.
///
/// `TableWriter`, `CSVWriter` and `MarkdownWriter` render any `ReportTable`, so a new analysis
/// only lists its columns and builds its rows; rounding, sanitizing, formula guarding and escaping
/// live in the writers and in `ReportValue`, the same for every result.
public struct ReportTable: Sendable {
    /// The one-line caption of a table, the heading of a Markdown document (CSV has none).
    public var title: String
    public var columns: [ReportColumn]
    public var rows: [ReportRow]
    /// Lines shown under a table or Markdown document (CSV and JSON callers report them on stderr).
    public var notes: [String]

    /// A table; every row must have a cell per column.
    public init(title: String, columns: [ReportColumn], rows: [ReportRow], notes: [String] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.notes = notes
        for row in rows { precondition(row.cells.count == columns.count, "a report row needs a cell per column") }
    }

    /// The columns and rows `audience` sees, cells in column order.
    func visible(to audience: ReportAudience) -> (columns: [ReportColumn], rows: [(kind: ReportRow.Kind, cells: [ReportValue])]) {
        let shown = columns.indices.filter { columns[$0].shownIn.contains(audience) }
        let rows = rows.filter { $0.shownIn.contains(audience) }.map { row in (row.kind, shown.map { row.cells[$0] }) }
        return (shown.map { columns[$0] }, rows)
    }
}
