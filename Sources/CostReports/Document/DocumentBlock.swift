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
