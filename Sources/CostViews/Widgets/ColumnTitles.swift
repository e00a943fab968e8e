/// Writes a row of column titles left to right, as every table-like screen has: each title in its
/// column, aligned left or right and cut to the column's width, one space between columns; a column
/// of width 0 (dropped on a narrow screen) is left out.
struct ColumnTitles {
    private var x: Int
    private let y: Int

    /// Starts a title row at (`x`, `y`) on a band `width` wide painted in the column-header role.
    init(grid: inout CellGrid, x: Int, y: Int, width: Int) {
        grid.fill(x: x, y: y, width: width, height: 1, role: .columnHeader)
        self.x = x + 1
        self.y = y
    }

    /// Adds the next column's title.
    mutating func add(_ text: String, width: Int, right: Bool = false, into grid: inout CellGrid) {
        guard width > 0 else { return }
        if right {
            grid.putRight(String(text.prefix(width)), right: x + width, y: y, role: .columnHeader)
        } else {
            grid.put(text, x: x, y: y, role: .columnHeader, maxWidth: width)
        }
        x += width + 1
    }
}
