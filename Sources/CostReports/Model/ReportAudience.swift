/// Which formats show a column or a row.
///
/// A result has one layout for people (the table, and the same columns in Markdown) and one for
/// data (CSV): a table joins key and name in one cell and adds subtotal rows, CSV keeps every figure
/// in its own field and adds nothing a script would have to skip. Describing both in one column
/// list keeps them from drifting apart.
public struct ReportAudience: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The table and Markdown formats.
    public static let display = ReportAudience(rawValue: 1)
    /// The CSV format.
    public static let data = ReportAudience(rawValue: 2)
    /// Every format.
    public static let all: ReportAudience = [.display, .data]

    /// The audience a format writes for.
    public static func of(_ format: ReportFormat) -> ReportAudience {
        format == .csv ? .data : .display
    }
}
