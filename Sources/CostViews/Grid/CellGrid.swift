import CostModel

/// A screen's worth of cells that views render into; the terminal layer only copies it out.
/// Tests read it as text (`lines`), so every screen can be checked without a terminal.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// The rows of cells, for the terminal layer.
    public var rows: [[Cell]] {
        (0..<height).map { Array(cells[($0 * width)..<(($0 + 1) * width)]) }
    }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns (and the grid), with an ellipsis when
    /// cut. Wide characters take two cells; one that would straddle the edge is not drawn.
    /// - Returns: the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil,
                             unicode: Bool = true) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let fitted = DisplayWidth.truncate(text, to: limit, unicode: unicode)
        var column = x
        for character in fitted {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                // A lone zero-width cluster: attach it to the previous cell so it never shifts columns.
                if column > x, column - 1 < width { self[column - 1, y].text.append(contentsOf: String(character)) }
                continue
            }
            guard column + columns <= x + limit else { break }
            if column >= 0 {
                self[column, y] = Cell(String(character), role: role)
                if columns == 2 { self[column + 1, y] = Cell("", role: role) }
            }
            column += columns
        }
        return column - x
    }

    /// Writes data from a billing file: sanitized first, so no control character reaches the screen.
    @discardableResult
    public mutating func putData(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil,
                                 unicode: Bool = true) -> Int {
        put(TerminalSanitizer.sanitize(text), x: x, y: y, role: role, maxWidth: maxWidth, unicode: unicode)
    }

    /// Writes `text` right-aligned so it ends at column `right` (exclusive).
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, role: StyleRole = .normal) -> Int {
        let columns = DisplayWidth.of(text)
        return put(text, x: right - columns, y: y, role: role, maxWidth: columns)
    }

    /// Sets the role of a run of cells (for selection bars) without changing their text.
    public mutating func paint(x: Int, y: Int, width runWidth: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + runWidth) { self[column, y].role = role }
    }

    /// Fills a rectangle with spaces of one role.
    public mutating func fill(x: Int, y: Int, width runWidth: Int, height runHeight: Int, role: StyleRole) {
        for row in max(0, y)..<min(height, y + runHeight) {
            for column in max(0, x)..<min(width, x + runWidth) { self[column, row] = Cell(" ", role: role) }
        }
    }

    /// The grid as text lines (trailing spaces kept), for tests and snapshots.
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            return line
        }
    }
}
