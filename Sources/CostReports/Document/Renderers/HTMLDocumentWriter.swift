import CostModel

/// Renders a `ReportDocument` as one self-contained HTML file: inline CSS (`HTMLStyle`) and inline
/// SVG charts (`SVGChart`), no scripts, no fonts, images or stylesheets from anywhere else, no
/// links out. It prints well: `@media print` rules keep figures, tables and charts whole and
/// headings with what follows them.
///
/// Every string is sanitized, then HTML-escaped (`&`, `<`, `>`, `"`, `'`), in text and attributes.
public enum HTMLDocumentWriter {
    /// The document as HTML, ending in a line feed.
    public static func write(_ document: ReportDocument) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>
            \(HTMLStyle.css)</style>
            </head>
            <body>
            <header>
            <h1>\(escape(document.title))</h1>

            """
        if !document.facts.isEmpty {
            html += "<ul class=\"facts\">" + document.facts.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += "</header>\n<main>\n"
        for section in document.sections {
            html += "<section id=\"\(escape(section.anchor))\">\n<h2>\(escape(section.title))</h2>\n"
            for block in section.blocks { html += self.block(block) }
            html += "</section>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    static func block(_ block: DocumentBlock) -> String {
        switch block {
        case .paragraph(let text):
            return "<p>\(escape(text))</p>\n"
        case .figures(let figures):
            let items = figures.map { figure in
                "<div class=\"figure\"><div class=\"label\">\(escape(figure.label))</div>"
                    + "<div class=\"value\">\(escape(figure.value))</div>"
                    + (figure.detail.isEmpty ? "" : "<div class=\"detail\">\(escape(figure.detail))</div>") + "</div>"
            }
            return "<div class=\"figures\">" + items.joined() + "</div>\n"
        case .table(let table):
            return self.table(table)
        case .chart(let chart):
            return "<figure class=\"chart\">\n" + SVGChart.svg(chart) + "<figcaption>\(escape(chart.title))</figcaption>\n</figure>\n"
        case .bullets(let items):
            return "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
    }

    static func table(_ table: ReportTable) -> String {
        let (columns, rows) = table.visible(to: .display)
        func align(_ index: Int) -> String { columns[index].alignment == .left ? "l" : "r" }
        // Short words (dates, kinds, keys) never break at their hyphens; longer text wraps.
        func cellClass(_ index: Int, _ text: String) -> String {
            align(index) + (columns[index].alignment == .left && text.count <= 16 && !text.contains(" ") ? " nw" : "")
        }
        var html = "<table>\n<caption>\(escape(table.title))</caption>\n<thead><tr>"
        html += columns.indices.map { "<th class=\"\(align($0))\">\(escape(columns[$0].title.lowercased()))</th>" }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            let kind = row.kind == .item ? "" : " class=\"total\""
            html += "<tr\(kind)>" + row.cells.indices.map { index in
                let text = row.cells[index].markdownText
                return "<td class=\"\(cellClass(index, text))\">\(escape(text))</td>"
            }
                .joined() + "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        for note in table.notes { html += "<p class=\"note\">\(escape(note))</p>\n" }
        return html
    }

    /// `text` sanitized for display, then escaped for HTML text and quoted attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in TerminalSanitizer.sanitize(text) {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
