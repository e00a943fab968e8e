/// Why an ingest stopped. Every case names the file; row errors also name line, column and value.
public enum IngestError: Error, CustomStringConvertible {
    /// A path given to ingest that does not exist.
    case missing(path: String)
    /// A file that cannot be used at all (unreadable, unknown format, bad manifest).
    case input(path: String, reason: String)
    /// A path given holds no export costtop reads, or the ingest would leave an empty cache
    /// (refused unless `--allow-empty`: a wrong path in a script must not wipe the data).
    case nothingToRead(path: String)
    /// An invalid line item (the first one, unless `--keep-going`).
    case row(path: String, line: Int, column: Int?, columnName: String?, value: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no such file or folder"
        case .input(let path, let reason):
            return "\(path): \(reason)"
        case .nothingToRead(let path):
            return "\(path): no line items to ingest (no export file found there, or none holds a line item); "
                + "the cache was left as it was (--allow-empty writes an empty cache)"
        case .row(let path, let line, let column, let columnName, let value, let reason):
            var text = "\(path):\(line)"
            if let column { text += ": column \(column + 1)" + (columnName.map { " (\($0))" } ?? "") }
            text += ": \(reason)"
            if !value.isEmpty { text += ": \"\(value.prefix(200))\"" }
            return text
        }
    }
}
