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

/// One section of a `ReportDocument`: a heading and its blocks, in order.
public struct DocumentSection: Sendable {
    /// A stable identifier (`totals`, `movers`): the HTML anchor, and how tests find a section.
    public var anchor: String
    public var title: String
    public var blocks: [DocumentBlock]

    /// A section titled `title` whose HTML anchor is `anchor`.
    public init(anchor: String, title: String, blocks: [DocumentBlock]) {
        self.anchor = anchor
        self.title = title
        self.blocks = blocks
    }
}

/// One block of a section.
public enum DocumentBlock: Sendable {
    /// A paragraph of prose (wrapped by the text renderer).
    case paragraph(String)
    /// A row of headline figures (total, change, coverage ...).
    case figures([KeyFigure])
    /// A table, described as for every other output (`ReportTable`: typed cells, rounding in one place).
    case table(ReportTable)
    /// A chart as data; each renderer draws it its own way (SVG in HTML, text blocks elsewhere).
    case chart(Chart)
    /// A bulleted list.
    case bullets([String])
}

/// A headline figure: `Total` `18,848.06 USD` `+6.4% on the previous period`.
public struct KeyFigure: Sendable, Equatable {
    public var label: String
    /// The figure as shown (already formatted by the section, through `Money` and `NumberText`).
    public var value: String
    /// A short line under the figure, or empty.
    public var detail: String

    /// A figure `value` labelled `label`, with an optional `detail` line.
    public init(_ label: String, _ value: String, detail: String = "") {
        self.label = label
        self.value = value
        self.detail = detail
    }
}
