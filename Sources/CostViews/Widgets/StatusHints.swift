/// The key hints of a status line (`Enter drill  Left up  q quit`), each key in the `statusKey`
/// role, as many as fit before `end`.
enum StatusHints {
    /// - Parameter hints: a key name (nil: left out, e.g. a command with no key) and its label.
    static func draw(_ hints: [(key: String?, label: String)], y: Int, end: Int, into grid: inout CellGrid) {
        var column = 1
        for case let (key?, label) in hints {
            guard column + key.count + label.count + 2 < end else { break }
            column += grid.put(key, x: column, y: y, role: .statusKey)
            column += grid.put(" " + label + "  ", x: column, y: y, role: .status)
        }
    }
}
