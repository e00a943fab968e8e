/// A result every format can render: its columns and rows described once as a `ReportTable`
/// (table, CSV, Markdown) and its JSON as a `Codable` document.
///
/// Adding an analysis to the outputs means one type conforming to this: no writer changes.
public protocol Report: Sendable {
    /// The JSON document type; its field names and order are the documented ones.
    associatedtype Document: Codable
    /// The result as titled, typed columns and rows.
    var table: ReportTable { get }
    /// The result as its JSON document.
    var document: Document { get }
}

extension Report {
    /// The result in `format`, ending in a line feed.
    /// - Parameter sanitize: escape control characters in CSV data strings too (when stdout is a
    ///   terminal); tables and Markdown always sanitize, JSON always escapes them.
    public func render(as format: ReportFormat, sanitize: Bool) -> String {
        switch format {
        case .table: return TableWriter.write(table)
        case .csv: return CSVWriter.write(table, sanitize: sanitize)
        case .markdown: return MarkdownWriter.write(table)
        case .json:
            // The document types hold only strings, booleans and finite `JSONDecimal`s, which
            // always encode.
            do { return try JSONWriter.write(document) } catch { preconditionFailure("unencodable report: \(error)") }
        }
    }
}
