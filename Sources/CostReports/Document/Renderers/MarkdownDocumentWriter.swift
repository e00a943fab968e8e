import CostModel

/// Renders a `ReportDocument` as GitHub-flavoured Markdown that also reads well in wikis: `#`
/// headings, pipe tables at CSV precision (money to the cent, percentages to 0.01), figures as a
/// bulleted list, charts as text in fenced code blocks. No raw HTML: every string is sanitized and
/// its Markdown punctuation backslash-escaped, so a tag value cannot open a link, an image or a tag.
public enum MarkdownDocumentWriter {
    /// The widest chart drawn in a code block (wider ones scroll on GitHub).
    static let chartWidth = 80

    /// The document as Markdown, ending in a line feed.
    public static func write(_ document: ReportDocument) -> String {
        var lines = ["# " + escape(document.title)]
        if !document.facts.isEmpty {
            lines.append("")
            lines += document.facts.map { "- " + escape($0) }
        }
        for section in document.sections {
            lines += ["", "## " + escape(section.title)]
            for block in section.blocks {
                lines.append("")
                lines += self.lines(block)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func lines(_ block: DocumentBlock) -> [String] {
        switch block {
        case .paragraph(let text):
            return [escape(text)]
        case .figures(let figures):
            return figures.map { figure in
                "- **" + escape(figure.label) + "**: " + escape(figure.value)
                    + (figure.detail.isEmpty ? "" : " (" + escape(figure.detail) + ")")
            }
        case .table(let table):
            return self.table(table)
        case .chart(let chart):
            // A code block shows its text as is: only the sanitizer applies, and a fence longer
            // than any run of backticks in the lines keeps them from closing it.
            let body = TextChart.lines(chart, width: chartWidth).map(TerminalSanitizer.sanitize)
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(body) + 1))
            return ["**" + escape(chart.title) + "**", "", fence + "text"] + body + [fence]
        case .bullets(let items):
            return items.map { "- " + escape($0) }
        }
    }

    static func table(_ table: ReportTable) -> [String] {
        let (columns, rows) = table.visible(to: .display)
        var lines = ["**" + escape(table.title) + "**", ""]
        lines.append("| " + columns.map { escape($0.title.lowercased()) }.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { $0.alignment == .left ? " --- |" : " ---: |" }.joined())
        for row in rows {
            let cells = row.cells.map { escape($0.markdownText) }
            let text = "| " + cells.joined(separator: " | ") + " |"
            lines.append(row.kind == .item ? text : "| " + cells.map { $0.isEmpty ? "" : "**\($0)**" }.joined(separator: " | ") + " |")
        }
        if !table.notes.isEmpty { lines += [""] + table.notes.map(escape) }
        return lines
    }

    /// The longest run of backticks in `lines` (a code fence must be longer to contain them).
    static func longestBacktickRun(_ lines: [String]) -> Int {
        var longest = 0
        for line in lines {
            var run = 0
            for character in line {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return longest
    }

    /// Characters that start Markdown syntax (emphasis, code, links, images, HTML, tables, entities).
    static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "#", "!"]

    /// `text` sanitized, with each special character backslash-escaped (CommonMark allows a
    /// backslash before any ASCII punctuation) control characters made visible escapes by the sanitizer first.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in TerminalSanitizer.sanitize(text) {
            if special.contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
