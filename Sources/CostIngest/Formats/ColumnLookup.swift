/// Finds an adapter's columns by name in a header, and notes each optional column that is absent
/// with the default used, for the ingest summary (listed once per file).
struct ColumnLookup {
    let header: HeaderIndex
    /// Absent optional columns, as `name (what is used instead)`.
    private(set) var defaulted: [String] = []

    init(_ header: HeaderIndex) { self.header = header }

    /// The position of a column the format cannot do without.
    /// - Throws: `RowProblem` naming the missing column.
    func required(_ name: String) throws(RowProblem) -> Int {
        guard let index = header[name] else {
            throw RowProblem(column: nil, value: name, reason: "missing required column \(name)")
        }
        return index
    }

    /// The position of an optional column; when it is absent and `description` says what is used
    /// instead, that is noted.
    mutating func optional(_ name: String, default description: String? = nil) -> Int? {
        let index = header[name]
        if index == nil, let description { defaulted.append("\(name) (\(description))") }
        return index
    }

    /// Notes a default that does not come from one absent column.
    mutating func noteDefault(_ text: String) { defaulted.append(text) }
}
