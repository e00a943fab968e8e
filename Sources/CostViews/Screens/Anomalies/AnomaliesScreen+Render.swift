import CostEngine
import CostModel

/// Drawing the anomalies screen: every anomaly detected in the last 90 days of data, in the chosen
/// order, with its days, kind, abbreviated path (account names where the bill has them, short
/// service names), impact, top root cause and verdict, and the selected one in full below the
/// list. Like the commitments screen it covers the whole bill: the drill path and filters do not apply.
extension AnomaliesScreen {
    struct Columns {
        var first = 10, last = 10, kind = 7, path = 0, impact = 12, percent = 7, cause = 0, verdict = 8
        /// Days as `MM-DD`.
        var shortDates = false
        var compact = false

        var fixed: Int { [first, last, kind, impact, percent, verdict].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 } }
    }

    /// Columns for `width`: days as `MM-DD` below 120 columns, then the other columns shortened
    /// and dropped, least useful first, until the path keeps 24 columns and the root cause 12; the
    /// path then takes about two thirds of what is left. Below 100 columns the root cause goes
    /// first: the detail area shows the causes, and the path needs the room.
    static func layout(width: Int) -> Columns {
        var columns = Columns()
        let available = width - 1
        if width < 120 { (columns.first, columns.last, columns.shortDates) = (5, 7, true) }
        if width < 100 { columns.cause = -1 }
        let wanted = 24 + 12 + 2
        let steps: [(inout Columns) -> Void] = [
            { $0.impact = 10; $0.compact = true }, { $0.percent = 0 }, { $0.verdict = 1 }, { $0.cause = -1 },
        ]
        // Without the cause column the path wants 40 columns: account, service and usage type whole.
        for step in steps where columns.fixed + (columns.cause < 0 ? 40 : wanted) > available { step(&columns) }
        let rest = available - columns.fixed
        if columns.cause < 0 {
            columns.cause = 0
            columns.path = max(8, rest - 1)
        } else {
            columns.cause = max(14, min(32, rest / 3))
            columns.path = max(8, rest - columns.cause - 2)
        }
        return columns
    }

    /// Anomalies shown at once at a terminal height (header, titles and status take 4 rows, the
    /// detail area its own).
    static func visibleRows(height: Int, count: Int) -> Int { max(1, height - 4 - detailRows(height: height, count: count)) }

    func render(into grid: inout CellGrid, context: ScreenContext) {
        let (glyphs, unicode, selected) = (context.glyphs, context.unicode, selection)
        let width = grid.width
        let symbol = Formatting.symbol(context.data.currency, unicode: unicode)
        let findings = context.findings
        let entries = order.sorted(findings?.entries ?? [])
        let dot = unicode ? " · " : " | "

        // Header: what is listed, on which metric, and what is hidden.
        grid.fill(x: 0, y: 0, width: width, height: 2, role: .header)
        var heading = " costtop  anomalies  \((findings?.metric ?? context.state.metric).rawValue) cost"
        heading += dot + "window \(context.queries.anomalyWindow) (the last 90 days of data)"
        grid.putData(heading, x: 0, y: 0, role: .header, maxWidth: width, unicode: unicode)
        var summary = " " + (entries.count == 1 ? "1 anomaly" : "\(entries.count) anomalies")
            + ", \(order.title), whole bill"
        if let findings {
            if findings.hiddenExpected > 0 {
                summary += dot + "\(findings.hiddenExpected) marked expected hidden (x shows)"
            } else if context.state.showExpectedAnomalies {
                summary += dot + "showing those marked expected (x hides)"
            }
        }
        grid.putData(summary, x: 0, y: 1, role: .header, maxWidth: width, unicode: unicode)

        // Column titles.
        let columns = Self.layout(width: width)
        let titleY = 2
        var titles = ColumnTitles(grid: &grid, x: 0, y: titleY, width: width)
        titles.add(columns.shortDates ? "FIRST" : "FIRST DAY", width: columns.first, into: &grid)
        titles.add(columns.shortDates ? "LAST" : "LAST DAY", width: columns.last, into: &grid)
        titles.add("KIND", width: columns.kind, into: &grid)
        titles.add("PATH", width: columns.path, into: &grid)
        titles.add("IMPACT", width: columns.impact, right: true, into: &grid)
        titles.add(unicode ? "Δ %" : "D %", width: columns.percent, right: true, into: &grid)
        titles.add("ROOT CAUSE", width: columns.cause, into: &grid)
        titles.add(columns.verdict > 1 ? "VERDICT" : "V", width: columns.verdict, into: &grid)

        // Rows, scrolled to keep the selection in view.
        let top = titleY + 1
        let statusY = grid.height - 1
        let detail = Self.detailRows(height: grid.height, count: entries.count)
        let visible = max(1, statusY - top - detail)
        // Computed here without writing back: `settle` keeps the stored position for the terminal's size.
        let scroll = ListNavigation.scroll(current: self.scroll, selected: selected, count: entries.count, visible: visible)
        if entries.isEmpty {
            grid.put(Self.emptyText(context.anomalies, unicode: unicode), x: 2, y: top, role: .muted, maxWidth: width - 2, unicode: unicode)
        }
        let label = { (step: PathStep) -> String in
            if step.dimension == "account", let name = context.queries.displayName(.fixed(.account), step.key) { return name }
            return AnomalyText.shortStep(step)
        }
        for (offset, entry) in entries.dropFirst(scroll).prefix(visible).enumerated() {
            let y = top + offset
            Self.drawLine(entry, y: y, columns: columns, symbol: symbol, glyphs: glyphs, unicode: unicode, label: label, into: &grid)
            if scroll + offset == selected { grid.paint(x: 0, y: y, width: width, role: .selection) }
        }
        if entries.count > visible {
            grid.putRight("\(selected + 1)/\(entries.count) ", right: width, y: 1, role: .header)
        }
        if detail > 0, entries.indices.contains(selected) {
            Self.drawDetail(entries[selected].anomaly, y: statusY - detail, symbol: symbol, context: context, into: &grid)
        }
        drawStatus(context, y: statusY, into: &grid)
    }

    /// What the empty list means: still looking, nothing found, or detection failed.
    private static func emptyText(_ anomalies: AnomalyStatus, unicode: Bool) -> String {
        switch anomalies {
        case .idle, .searching: return unicode ? "looking for anomalies…" : "looking for anomalies..."
        case .failed(let reason): return "anomaly detection failed: \(TerminalSanitizer.sanitize(reason))"
        case .found(let findings):
            return findings.hiddenExpected > 0 ? "no anomalies but those marked expected (x shows them)"
                : "no anomalies in the last 90 days of data"
        }
    }

    private static func drawLine(_ entry: AnomalyEntry, y: Int, columns: Columns, symbol: String, glyphs: Glyphs,
                                 unicode: Bool, label: (PathStep) -> String, into grid: inout CellGrid) {
        let anomaly = entry.anomaly
        var x = 1
        func text(_ value: String, _ columnWidth: Int, role: StyleRole = .normal) {
            guard columnWidth > 0 else { return }
            grid.put(value, x: x, y: y, role: role, maxWidth: columnWidth, unicode: unicode)
            x += columnWidth + 1
        }
        func number(_ value: String, _ columnWidth: Int, role: StyleRole) {
            guard columnWidth > 0 else { return }
            grid.putRight(String(value.suffix(columnWidth)), right: x + columnWidth, y: y, role: role)
            x += columnWidth + 1
        }
        text(AnomalyText.day(anomaly.start, short: columns.shortDates), columns.first)
        text(anomaly.ongoing ? "ongoing" : AnomalyText.day(anomaly.end, short: columns.shortDates), columns.last,
             role: anomaly.ongoing ? .anomaly : .normal)
        text(AnomalyText.kind(anomaly.kind), columns.kind)
        // Already sanitized and fitted: the deepest step is kept whole when it can be.
        text(AnomalyText.path(anomaly.path, width: columns.path, glyphs: glyphs, unicode: unicode, label: label), columns.path)
        let role = AnomalyText.role(anomaly.impact)
        number(AnomalyText.impact(anomaly.impact, glyphs: glyphs, symbol: symbol, compact: columns.compact), columns.impact,
               role: role)
        number(AnomalyText.percent(anomaly), columns.percent, role: role)
        if columns.cause > 0 {
            // The child carrying most of the impact, and its share of it.
            if let cause = anomaly.rootCauses.first {
                let share = anomaly.impact != 0 ? String(format: " %.0f%%", cause.impact / anomaly.impact * 100) : ""
                let width = DisplayWidth.of(share)
                grid.putData(AnomalyText.shortStep(PathStep(dimension: cause.dimension, key: cause.key)), x: x, y: y,
                             maxWidth: columns.cause - width, unicode: unicode)
                grid.putRight(share, right: x + columns.cause, y: y, role: .muted)
            } else {
                grid.put(unicode ? "—" : "-", x: x, y: y, role: .muted)
            }
            x += columns.cause + 1
        }
        if let verdict = entry.verdict {
            let word = columns.verdict > 1 ? verdict.rawValue : String(verdict.rawValue.prefix(1)).uppercased()
            text(word, columns.verdict, role: verdict == .problem ? .deltaUp : .muted)
        }
    }

    private func drawStatus(_ context: ScreenContext, y: Int, into grid: inout CellGrid) {
        grid.fill(x: 0, y: y, width: grid.width, height: 1, role: .status)
        if let message = context.state.message {
            grid.putData(" " + message, x: 0, y: y, role: .status, unicode: context.unicode)
            return
        }
        let keys = context.keyMap
        StatusHints.draw([
            (keys.key(for: .goToAnomaly), "go to"),
            (keys.key(for: .markExpected), "expected"), (keys.key(for: .markPlanned), "planned"),
            (keys.key(for: .markProblem), "problem"), (keys.key(for: .clearVerdict), "clear"),
            (keys.key(for: .toggleExpected), context.state.showExpectedAnomalies ? "hide expected" : "show expected"),
            (keys.key(for: .toggleAnomalyOrder), order == .onCall ? "by impact" : "recent first"),
            (keys.key(for: .closeAnomalies), "back"),
            (keys.key(for: .quit), "quit"),
        ], y: y, end: grid.width, into: &grid)
    }
}
