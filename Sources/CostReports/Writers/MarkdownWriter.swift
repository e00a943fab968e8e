import CostModel

/// Writes a `ReportTable` as GitHub-flavoured Markdown: the title as a one-line heading, then a
/// pipe table with the table's columns and rows at CSV precision (money to the cent, percentages
/// to 0.01). Data strings are sanitized like a table's, and pipes in them escaped so a cell cannot
/// split.
public enum MarkdownWriter {
    /// The document as text, ending in a line feed.
    public static func write(_ table: ReportTable) -> String {
        let (columns, rows) = table.visible(to: .display)
        var lines = ["### " + escape(TerminalSanitizer.sanitize(table.title)), ""]
        lines.append("| " + columns.map { escape($0.title.lowercased()) }.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { $0.alignment == .left ? "---|" : "---:|" }.joined())
        for row in rows {
            let cells = row.cells.map { value in
                let text = value.isText ? TerminalSanitizer.sanitize(value.markdownText) : value.markdownText
                return escape(text)
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !table.notes.isEmpty { lines += [""] + table.notes }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes the pipe, the one character that would end a cell early (newlines are already
    /// visible escapes after sanitizing).
    static func escape(_ text: String) -> String {
        guard text.contains("|") else { return text }
        return text.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
