/// The formats a `ReportDocument` renders in (`costtop report --format`).
public enum DocumentFormat: String, CaseIterable, Sendable {
    /// GitHub-flavoured Markdown: headings, pipe tables, charts as text in code blocks; no raw HTML.
    case markdown
    /// Plain text for an 80-column email: wrapped prose, aligned tables, text charts.
    case text
    /// One self-contained HTML file: inline CSS and SVG charts, no scripts, nothing loaded from elsewhere.
    case html

    /// The document in this format, ending in a line feed.
    public func render(_ document: ReportDocument) -> String {
        switch self {
        case .markdown: return MarkdownDocumentWriter.write(document)
        case .text: return TextDocumentWriter.write(document)
        case .html: return HTMLDocumentWriter.write(document)
        }
    }
}
