import CostEngine
import CostModel

/// Drawing the commitments screen: every commitment of the period, with its type, how many accounts
/// it covered, a utilization gauge, unused money and a daily utilization sparkline, and a total
/// line. It shows the whole bill (only `:where` filters apply) and says so in its header.
extension CommitmentsScreen {
    struct Columns {
        var id = 0, type = 12, scope = 11, termEnd = 8, bar = 10, unused = 12, daily = 30
        var compact = false

        var utilization: Int { Gauge.width(bar: bar) }
        var fixed: Int {
            [type, scope, termEnd, utilization, unused, daily].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        }
    }

    /// Columns for `width`: narrowed and dropped, least useful first (TERM END has no data yet),
    /// until the ID keeps 24 cells; the ID takes what is left, since long ARNs need it, up to the
    /// longest id (`longestID` columns) so wide screens do not push the figures far away.
    static func layout(width: Int, longestID: Int = .max) -> Columns {
        var columns = Columns()
        let available = width - 2
        let minimumID = 24
        let steps: [(inout Columns) -> Void] = [
            { $0.daily = 14 }, { $0.bar = 8 }, { $0.daily = 10 }, { $0.unused = 10; $0.compact = true }, { $0.bar = 6 },
            { $0.termEnd = 0 }, { $0.daily = 0 }, { $0.bar = 4 },
        ]
        for step in steps where columns.fixed + minimumID > available { step(&columns) }
        columns.id = max(12, min(available - columns.fixed, max(longestID, 5)))
        // Room to spare (wide screens, short ids): a finer utilization bar.
        if columns.bar == 10, available - columns.fixed - columns.id >= 10 { columns.bar = 20 }
        return columns
    }

    /// Rows of commitments shown at once at a terminal height (header, titles, total, status take 5).
    static func visibleRows(height: Int) -> Int { max(1, height - 5) }

    func render(into grid: inout CellGrid, context: ScreenContext) {
        let (glyphs, unicode, selected) = (context.glyphs, context.unicode, selection)
        let rows = list?.rows ?? []
        let currency = list?.currency ?? context.data.currency
        let symbol = Formatting.symbol(currency, unicode: unicode)
        let dash = unicode ? "—" : "-"
        let dot = unicode ? " · " : " | "
        let width = grid.width

        // Header: what the list is, and that it is the whole bill rather than the drill path.
        grid.fill(x: 0, y: 0, width: width, height: 2, role: .header)
        let period = list.map { "\($0.period)" } ?? "\(context.data.period)"
        grid.putData(" costtop  commitments  period \(period) (\(BrowseText.periodName(context.state.period)))",
                     x: 0, y: 0, role: .header, maxWidth: width, unicode: unicode)
        grid.putRight("\(currency ?? dash) ", right: width, y: 0, role: .header)
        var scope = " " + (rows.count == 1 ? "1 commitment" : "\(rows.count) commitments")
            + " in the whole bill (the drill path does not apply)"
        if let filters = list?.filters, !filters.isEmpty {
            scope += dot + "where " + filters.map(\.description).joined(separator: ", ")
        }
        grid.putData(scope, x: 0, y: 1, role: .header, maxWidth: width, unicode: unicode)

        // Column titles.
        let columns = Self.layout(width: width, longestID: rows.map { DisplayWidth.of(TerminalSanitizer.sanitize($0.id)) }.max() ?? 0)
        let titleY = 2
        var titles = ColumnTitles(grid: &grid, x: 0, y: titleY, width: width)
        titles.add("ID", width: columns.id, into: &grid)
        titles.add("TYPE", width: columns.type, into: &grid)
        titles.add("SCOPE", width: columns.scope, into: &grid)
        titles.add("TERM END", width: columns.termEnd, into: &grid)
        titles.add("UTILIZATION", width: columns.utilization, into: &grid)
        titles.add("UNUSED", width: columns.unused, right: true, into: &grid)
        titles.add("DAILY", width: columns.daily, into: &grid)

        // Rows, scrolled to keep the selection in view; the line above the status line is the total.
        let top = titleY + 1
        let totalY = grid.height - 2
        let visible = max(1, totalY - top)
        // Computed here without writing back: `settle` keeps the stored position for the terminal's size.
        let scroll = ListNavigation.scroll(current: self.scroll, selected: selected, count: rows.count, visible: visible)
        if rows.isEmpty {
            grid.put("no commitments in this period", x: 2, y: top, role: .muted, maxWidth: width - 2)
        }
        let thresholds = context.gaugeThresholds
        for (offset, row) in rows[scroll..<min(rows.count, scroll + visible)].enumerated() {
            let y = top + offset
            Self.drawLine(id: row.id, type: row.type.isEmpty ? dash : row.type, scope: Self.scopeText(row.accountsCovered),
                     utilization: row.utilization, unused: row.unused, committed: row.totalCommitment != 0,
                     daily: row.dailyUtilization, y: y, columns: columns, thresholds: thresholds, symbol: symbol,
                     glyphs: glyphs, unicode: unicode, into: &grid)
            if scroll + offset == selected { grid.paint(x: 0, y: y, width: width, role: .selection) }
        }
        if let list, !rows.isEmpty {
            Self.drawLine(id: "TOTAL", type: "", scope: "", utilization: list.utilization, unused: list.totalCommitment - list.used,
                     committed: list.totalCommitment != 0, daily: Self.dailyTotal(rows), y: totalY, columns: columns,
                     thresholds: thresholds, symbol: symbol, glyphs: glyphs, unicode: unicode, into: &grid, isTotal: true)
            if rows.count > visible {
                grid.putRight("\(selected + 1)/\(rows.count)", right: width, y: totalY, role: .muted)
            }
        }
        drawStatus(context, y: grid.height - 1, into: &grid)
    }

    /// `1 account`, `11 accounts`, or `none` when it covered no usage in the period.
    static func scopeText(_ accounts: Int) -> String {
        switch accounts {
        case 0: return "none"
        case 1: return "1 account"
        default: return "\(accounts) accounts"
        }
    }

    /// Utilization of all commitments together, day by day.
    private static func dailyTotal(_ rows: [CommitmentRow]) -> [Double?] {
        guard let days = rows.first?.dailyUsed.count else { return [] }
        return (0..<days).map { day in
            let total = rows.reduce(Int128(0)) { $0 + $1.dailyTotal[day] }
            let used = rows.reduce(Int128(0)) { $0 + $1.dailyUsed[day] }
            return total == 0 ? nil : Double(used) / Double(total) * 100
        }
    }

    private static func drawLine(id: String, type: String, scope: String, utilization: Double?, unused: Int128,
                                 committed: Bool, daily: [Double?], y: Int, columns: Columns, thresholds: GaugeThresholds,
                                 symbol: String, glyphs: Glyphs, unicode: Bool, into grid: inout CellGrid,
                                 isTotal: Bool = false) {
        var x = 1
        let level = thresholds.utilization(utilization)
        // The end of an ARN tells commitments apart (`…:savingsplan/1a2b3c`), so long ids lose their start.
        grid.put(DisplayWidth.truncateHead(TerminalSanitizer.sanitize(id), to: columns.id, unicode: unicode), x: x, y: y,
                 role: isTotal ? .muted : .normal, maxWidth: columns.id)
        x += columns.id + 1
        grid.putData(type, x: x, y: y, maxWidth: columns.type, unicode: unicode)
        x += columns.type + 1
        grid.put(scope, x: x, y: y, role: .muted, maxWidth: columns.scope)
        x += columns.scope + 1
        if columns.termEnd > 0 {
            // CUR's end-date columns are not ingested yet (docs/explorer.md).
            if !isTotal { grid.put(unicode ? "—" : "-", x: x, y: y, role: .muted) }
            x += columns.termEnd + 1
        }
        Gauge.draw(utilization, level: level, barWidth: columns.bar, x: x, y: y, unicode: unicode, into: &grid)
        x += columns.utilization + 1
        let money = committed ? Formatting.money(unused, compact: columns.compact, symbol: symbol) : (unicode ? "—" : "-")
        grid.putRight(String(money.suffix(columns.unused)), right: x + columns.unused, y: y,
                      role: committed ? level?.role ?? .normal : .muted)
        x += columns.unused + 1
        if columns.daily > 0 {
            grid.put(Gauge.sparkline(daily, width: columns.daily, glyphs: glyphs), x: x, y: y, role: .sparkline,
                     maxWidth: columns.daily)
        }
    }

    private func drawStatus(_ context: ScreenContext, y: Int, into grid: inout CellGrid) {
        grid.fill(x: 0, y: y, width: grid.width, height: 1, role: .status)
        if let message = context.state.message {
            grid.putData(" " + message, x: 0, y: y, role: .status, unicode: context.unicode)
            return
        }
        let keys = context.keyMap
        let move = [keys.key(for: .moveUp), keys.key(for: .moveDown)].compactMap { $0 }
        StatusHints.draw([
            (keys.key(for: .showCovered), "what it covered"),
            (keys.key(for: .closeCommitments), "back"),
            (move.isEmpty ? nil : move.joined(separator: "/"), "move"),
            (keys.key(for: .quit), "quit"),
        ], y: y, end: grid.width, into: &grid)
    }
}
