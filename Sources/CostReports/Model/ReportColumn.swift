/// One column of a `ReportTable`: its titles in each format, its alignment and where it shows.
public struct ReportColumn: Sendable {
    /// How a table aligns the column's cells.
    public enum Alignment: Sendable {
        case left, right
    }

    /// The table heading (`COST`); Markdown uses it in lower case.
    public var title: String
    /// The CSV header field (`cost`), stable for scripts.
    public var field: String
    public var alignment: Alignment
    public var shownIn: ReportAudience
    /// Longest cell a table shows before clipping with `…` (terminal width); other formats never clip.
    public var maxWidth: Int?

    /// - Parameters:
    ///   - title: the table heading.
    ///   - field: the CSV header field.
    ///   - alignment: text columns left, figures right.
    ///   - shownIn: the formats that show the column.
    ///   - maxWidth: longest cell a table shows.
    public init(_ title: String, field: String, alignment: Alignment = .right, shownIn: ReportAudience = .all,
                maxWidth: Int? = nil) {
        self.title = title
        self.field = field
        self.alignment = alignment
        self.shownIn = shownIn
        self.maxWidth = maxWidth
    }

    /// A column only the table and Markdown show (its field name is never written).
    public static func display(_ title: String, alignment: Alignment = .right, maxWidth: Int? = nil) -> ReportColumn {
        ReportColumn(title, field: "", alignment: alignment, shownIn: .display, maxWidth: maxWidth)
    }

    /// A column only CSV shows.
    public static func data(_ field: String) -> ReportColumn {
        ReportColumn("", field: field, alignment: .right, shownIn: .data)
    }
}
