import CostModel

/// Lays a `ReportTable` out in at most `width` columns for the text renderer.
///
/// Figures keep their full width (a clipped amount would be wrong). When the table is too wide,
/// its last wide text column (30 characters or more, not the first) leaves the grid and is shown
/// under each row as an indented `title: text` line, the way an email would list it; if the rest is
/// still too wide, the widest text column gives up a character at a time, down to 10, and its
/// cells wrap onto several lines. Rows that take more than one line are set apart by a blank line,
/// so a reader sees which lines belong together.
enum TextTableLayout {
    static let minimumTextWidth = 10
    static let detailMinimumWidth = 30

    /// The table's lines: title, heading, rows, a rule above the first total, then its notes.
    static func lines(_ table: ReportTable, width: Int) -> [String] {
        let (allColumns, rows) = table.visible(to: .display)
        let allCells = rows.map { row in
            row.cells.map { value in value.isText ? TerminalSanitizer.sanitize(value.tableText) : value.tableText }
        }
        var natural = allColumns.map(\.title.count)
        for row in allCells { for (index, cell) in row.enumerated() { natural[index] = max(natural[index], cell.count) } }
        func fits(_ indices: [Int]) -> Bool { indices.map { natural[$0] }.reduce(0, +) + 2 * max(0, indices.count - 1) <= width }

        var grid = Array(allColumns.indices)
        var detail: Int?
        if !fits(grid), let last = grid.dropFirst().last(where: {
            allColumns[$0].alignment == .left && natural[$0] >= detailMinimumWidth
        }) {
            detail = last
            grid.removeAll { $0 == last }
        }
        let columns = grid.map { allColumns[$0] }
        var widths = grid.map { natural[$0] }
        let gaps = 2 * max(0, columns.count - 1)
        while widths.reduce(0, +) + gaps > width {
            let text = columns.indices.filter { columns[$0].alignment == .left && widths[$0] > minimumTextWidth }
            guard let widest = text.max(by: { (widths[$0], $1) < (widths[$1], $0) }) else { break }
            widths[widest] -= 1
        }
        func render(_ row: [String]) -> [String] {
            let wrapped = row.enumerated().map { index, cell in
                columns[index].alignment == .left && cell.count > widths[index]
                    ? TextWrap.wrap(cell, width: widths[index]) : [cell]
            }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                var text = wrapped.enumerated().map { index, cellLines in
                    let cell = line < cellLines.count ? cellLines[line] : ""
                    return columns[index].alignment == .left ? TextChart.pad(cell, widths[index])
                        : TextChart.padLeft(cell, widths[index])
                }.joined(separator: "  ")
                while text.last == " " { text.removeLast() }
                return text
            }
        }
        var lines = TextWrap.wrap(TerminalSanitizer.sanitize(table.title), width: width)
        lines += render(columns.map(\.title))
        var ruled = false, previousTall = false, first = true
        for (row, cells) in zip(rows, allCells) {
            if row.kind == .total && !ruled {
                lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
                ruled = true
            }
            var rendered = render(grid.map { cells[$0] })
            if let detail, !cells[detail].isEmpty {
                let head = "    " + allColumns[detail].title.lowercased() + ": "
                rendered += TextWrap.wrap(cells[detail], width: width, first: head, rest: "      ")
            }
            if !first && (rendered.count > 1 || previousTall) && row.kind != .total { lines.append("") }
            previousTall = rendered.count > 1
            first = false
            lines += rendered
        }
        for note in table.notes { lines += TextWrap.wrap(TerminalSanitizer.sanitize(note), width: width) }
        return lines
    }
}
