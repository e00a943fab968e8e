import CostModel

/// Writes a `ReportTable` as aligned plain text: the title, a heading row, the rows, a rule above the
/// total. Every data string is sanitized (it may come from anyone who can tag a resource).
public enum TableWriter {
    /// The table as text, one line per row, each ending in a line feed.
    public static func write(_ table: ReportTable) -> String {
        let (columns, rows) = table.visible(to: .display)
        let header = columns.map(\.title)
        let cells = rows.map { row in
            zip(columns, row.cells).map { column, value in
                var text = value.tableText
                if let limit = column.maxWidth, text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
                return value.isText ? TerminalSanitizer.sanitize(text) : text
            }
        }
        var widths = header.map(\.count)
        for row in cells { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func line(_ row: [String]) -> String {
            var text = row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return columns[index].alignment == .left ? cell + pad : pad + cell
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = [TerminalSanitizer.sanitize(table.title), line(header)]
        var ruled = false
        for (row, text) in zip(rows, cells) {
            if row.kind == .total && !ruled {
                lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
                ruled = true
            }
            lines.append(line(text))
        }
        lines += table.notes
        return lines.joined(separator: "\n") + "\n"
    }
}
