import CostModel

/// Renders a `ReportDocument` as plain text that fits an 80-column email: every line at most
/// `width` characters, prose wrapped at spaces, tables laid out by `TextTableLayout`, charts drawn by
/// `TextChart`. Every string is sanitized (control characters become visible escapes).
public enum TextDocumentWriter {
    /// The widest line written.
    public static let width = 80

    /// The document as text, ending in a line feed.
    public static func write(_ document: ReportDocument) -> String {
        var lines = TextWrap.wrap(clean(document.title), width: width)
        lines.append(String(repeating: "=", count: min(width, lines.map(\.count).max() ?? 0)))
        for fact in document.facts { lines += TextWrap.wrap(clean(fact), width: width) }
        for (number, section) in document.sections.enumerated() {
            lines.append("")
            let heading = TextWrap.wrap("\(number + 1). " + clean(section.title), width: width)
            lines += heading
            lines.append(String(repeating: "-", count: heading.map(\.count).max() ?? 0))
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
            return TextWrap.wrap(clean(text), width: width)
        case .figures(let figures):
            let labelWidth = min(24, figures.map { clean($0.label).count }.max() ?? 0)
            return figures.flatMap { figure in
                let head = TextChart.pad(clean(figure.label), labelWidth) + "  "
                let text = clean(figure.value) + (figure.detail.isEmpty ? "" : "  (" + clean(figure.detail) + ")")
                return TextWrap.wrap(text, width: width, first: head, rest: String(repeating: " ", count: head.count))
            }
        case .table(let table):
            return TextTableLayout.lines(table, width: width)
        case .chart(let chart):
            return TextWrap.wrap(clean(chart.title), width: width) + TextChart.lines(chart, width: width).map(clean)
        case .bullets(let items):
            return items.flatMap { TextWrap.wrap(clean($0), width: width, first: "- ", rest: "  ") }
        }
    }

    /// Sanitized: control characters (line breaks included, which would break the layout) become
    /// visible escapes.
    static func clean(_ text: String) -> String {
        TerminalSanitizer.sanitize(text)
    }
}
