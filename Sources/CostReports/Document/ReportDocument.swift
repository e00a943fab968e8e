/// A report as a format-neutral document: a title, a few facts under it, and ordered sections of
/// headings, paragraphs, key figures, tables and charts (as data, not pictures).
///
/// Sections build documents; `MarkdownDocumentWriter`, `TextDocumentWriter` and
/// `HTMLDocumentWriter` render any of them, so a new section never touches a renderer and a new
/// format never touches a section. Every string may come from a billing file: renderers sanitize
/// and escape all of them.
public struct ReportDocument: Sendable {
    /// The document's heading.
    public var title: String
    /// Short lines under the title (period, comparison, metric, currency).
    public var facts: [String]
    public var sections: [DocumentSection]

    /// A document of `sections`, in order.
    public init(title: String, facts: [String] = [], sections: [DocumentSection]) {
        self.title = title
        self.facts = facts
        self.sections = sections
    }
}
