import CostEngine
import CostModel

/// The main table: name, cost, previous, Δ (with ▲/▼ so it reads without colour), Δ %, share bar,
/// and a sparkline of daily cost; with a unit metric (`:per`), a PER UNIT column and a sparkline of
/// the daily unit cost instead. Columns are dropped or narrowed, least useful first, until the
/// name column keeps at least 16 cells; numbers are right-aligned.
enum TablePane {
    struct Columns {
        var name = 0, cost = 12, previous = 12, delta = 13, percent = 7, share = 6, bar = 8, unit = 0, trend = 14
        var compact = false

        var fixed: Int {
            [cost, previous, delta, percent, share, bar, unit, trend].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        }

        /// Where the DAILY sparkline starts, from the table's left edge.
        var trendOffset: Int {
            1 + name + 1 + [cost, previous, delta, percent, share, bar, unit].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        }
    }

    static func layout(width: Int, comparison: Bool, unit: Bool = false) -> Columns {
        var columns = Columns()
        if unit { columns.unit = 10 }
        if !comparison {
            columns.previous = 0
            columns.delta = 0
            columns.percent = 0
        }
        let available = width - 2
        let minimumName = 16
        let steps: [(inout Columns) -> Void] = [
            { $0.trend = 10 }, { $0.bar = 4 }, { $0.cost = 11; $0.previous = $0.previous > 0 ? 11 : 0; $0.compact = true },
            { $0.delta = $0.delta > 0 ? 11 : 0 }, { $0.trend = 7 }, { $0.bar = 0 }, { $0.previous = 0 }, { $0.trend = 0 },
        ]
        for step in steps where columns.fixed + minimumName > available { step(&columns) }
        columns.name = max(minimumName, available - columns.fixed)
        return columns
    }

    /// Draws the level's rows from `scroll` on, the selection highlighted, the total on the last line.
    static func render(_ context: ScreenContext, scroll: Int, into grid: inout CellGrid,
                       frame: (x: Int, y: Int, width: Int, height: Int)) {
        let (data, state, glyphs, unicode) = (context.data, context.state, context.glyphs, context.unicode)
        let perUnit = state.unitMetric != nil && data.totalUnitCost != nil
        let columns = layout(width: frame.width, comparison: data.comparison != nil, unit: perUnit)
        let symbol = Formatting.symbol(data.currency, unicode: unicode)

        // Column titles.
        var titles = ColumnTitles(grid: &grid, x: frame.x, y: frame.y, width: frame.width)
        titles.add(state.level.groupBy.description.uppercased(), width: columns.name, into: &grid)
        titles.add("COST", width: columns.cost, right: true, into: &grid)
        titles.add("PREVIOUS", width: columns.previous, right: true, into: &grid)
        titles.add(unicode ? "Δ" : "DELTA", width: columns.delta, right: true, into: &grid)
        titles.add(unicode ? "Δ %" : "D %", width: columns.percent, right: true, into: &grid)
        titles.add("SHARE", width: columns.share, right: true, into: &grid)
        titles.add("", width: columns.bar, into: &grid)
        titles.add("PER UNIT", width: columns.unit, right: true, into: &grid)
        titles.add(perUnit ? (columns.trend >= 8 ? "UNIT/DAY" : "U/DAY") : "DAILY", width: columns.trend, into: &grid)

        // Rows from `scroll` (the caller keeps the selection visible); the last line is the total.
        let visible = max(1, frame.height - 2)
        if data.rows.isEmpty {
            let text = data.unfilteredCount > 0 ? "no rows match /\(state.rowFilter)" : "no costs in this period"
            grid.put(text, x: frame.x + 2, y: frame.y + 1, role: .muted, maxWidth: frame.width - 2)
        }
        for (offset, row) in data.rows[scroll..<min(data.rows.count, scroll + visible)].enumerated() {
            let y = frame.y + 1 + offset
            let selected = scroll + offset == state.selection
            drawRow(row, y: y, x: frame.x, columns: columns, total: data.total, glyphs: glyphs, unicode: unicode,
                    into: &grid, comparison: data.comparison != nil, symbol: symbol, unit: perUnit ? data.unitCosts[row.key] : nil)
            if selected { grid.paint(x: frame.x, y: y, width: frame.width, role: .selection) }
            // After the selection bar, so the marks keep their role on the selected row too.
            if let days = data.anomalyDays[row.key] {
                drawAnomalyMarks(days, severity: data.anomalySeverity[row.key] ?? .severe, series: row.series, y: y, x: frame.x,
                                 columns: columns, into: &grid)
            }
        }
        let totalRow = QueryRow(key: "TOTAL", name: nil, cost: data.total, previous: data.previousTotal, isMissing: false)
        let totalY = frame.y + frame.height - 1
        drawRow(totalRow, y: totalY, x: frame.x, columns: columns, total: data.total, glyphs: glyphs, unicode: unicode,
                into: &grid, comparison: data.comparison != nil, symbol: symbol,
                unit: data.totalUnitCost.map { RowUnitCost(figures: $0, daily: []) }, isTotal: true)
        if data.rows.count > visible {
            let position = "\(state.selection + 1)/\(data.rows.count)"
            grid.putRight(position, right: frame.x + frame.width, y: totalY, role: .muted)
        }
    }

    /// Marks a row whose subtree holds an anomaly material for it in the period: `!` (severe) or
    /// `*` (notable) in the gutter before the name, so it reads without colour, and the anomalous
    /// days of its sparkline, in the severity's role.
    private static func drawAnomalyMarks(_ days: [ClosedRange<Int>], severity: AnomalySeverity, series: [Int128], y: Int, x: Int,
                                         columns: Columns, into grid: inout CellGrid) {
        grid.put(severity.mark, x: x, y: y, role: severity.role)
        guard columns.trend > 0, !series.isEmpty else { return }
        for cell in Formatting.markedCells(days, count: series.count, width: columns.trend) {
            grid.paint(x: x + columns.trendOffset + cell, y: y, width: 1, role: severity.role)
        }
    }

    private static func drawRow(_ row: QueryRow, y: Int, x startX: Int, columns: Columns, total: Int128, glyphs: Glyphs,
                                unicode: Bool, into grid: inout CellGrid, comparison: Bool, symbol: String, unit: RowUnitCost? = nil,
                                isTotal: Bool = false) {
        var x = startX + 1
        let nameRole: StyleRole = row.isMissing || isTotal ? .muted : .normal
        let label = row.name.map { "\(row.key) (\($0))" } ?? row.key
        grid.putData(label, x: x, y: y, role: nameRole, maxWidth: columns.name, unicode: unicode)
        x += columns.name + 1
        func number(_ text: String, _ width: Int, _ role: StyleRole = .normal) {
            guard width > 0 else { return }
            grid.putRight(String(text.suffix(width)), right: x + width, y: y, role: role)
            x += width + 1
        }
        number(Formatting.money(row.cost, compact: columns.compact, symbol: symbol), columns.cost)
        if comparison {
            number(Formatting.money(row.previous, compact: columns.compact, symbol: symbol), columns.previous, .muted)
            let deltaRole: StyleRole = row.delta > 0 ? .deltaUp : row.delta < 0 ? .deltaDown : .normal
            number(Formatting.delta(row.delta, glyphs: glyphs, compact: columns.compact || columns.delta < 13, symbol: symbol),
                   columns.delta, deltaRole)
            number(Formatting.percent(row.cost, row.previous), columns.percent, deltaRole)
        }
        let share = total == 0 ? 0 : Double(row.cost) / Double(total)
        number(total == 0 ? "" : String(format: "%.1f%%", share * 100), columns.share, .muted)
        if columns.bar > 0 {
            if !isTotal { grid.put(Formatting.bar(share, width: columns.bar, glyphs: glyphs), x: x, y: y, role: .bar, maxWidth: columns.bar) }
            x += columns.bar + 1
        }
        if columns.unit > 0 {
            number(Formatting.unitCost(unit?.figures.unit, symbol: symbol), columns.unit)
        }
        if columns.unit > 0, columns.trend > 0 {
            if let daily = unit?.daily, !daily.isEmpty {
                grid.put(Formatting.sparkline(daily, width: columns.trend, glyphs: glyphs), x: x, y: y, role: .sparkline,
                         maxWidth: columns.trend)
            }
        } else if columns.trend > 0, !row.series.isEmpty {
            grid.put(Formatting.sparkline(row.series, width: columns.trend, glyphs: glyphs), x: x, y: y, role: .sparkline,
                     maxWidth: columns.trend)
        }
    }
}
