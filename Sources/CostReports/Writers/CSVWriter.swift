import CostModel

/// Writes a `ReportTable` as RFC 4180 CSV: a header of field names, then one record per row, LF
/// line ends. Figures are plain (money to the cent, percentages to 0.01, no `%`); text cells are
/// quoted when needed and guarded against spreadsheet formulas.
public enum CSVWriter {
    /// - Parameter sanitize: also escape control characters in data strings (when the output is a
    ///   terminal; a file keeps the data as it is).
    public static func write(_ table: ReportTable, sanitize: Bool) -> String {
        let (columns, rows) = table.visible(to: .data)
        var lines = [columns.map(\.field).joined(separator: ",")]
        for row in rows {
            lines.append(row.cells.map { $0.isText ? cell($0.dataText, sanitize: sanitize) : $0.dataText }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a text cell and neutralizes spreadsheet formulas: a cell starting with `=`, `+`, `-`
    /// or `@` (or a tab or carriage return, which some spreadsheets skip) gets a leading apostrophe
    /// so a spreadsheet shows it as text instead of evaluating it.
    public static func cell(_ text: String, sanitize: Bool) -> String {
        var value = sanitize ? TerminalSanitizer.sanitize(text) : text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
