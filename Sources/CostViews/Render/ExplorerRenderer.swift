import CostEngine
import CostModel

/// Renders the explorer into a cell grid: header, breadcrumb, commitment gauges, table, detail
/// pane, status line; the help and regroup overlays; the commitments and anomalies screens. Pure: the same
/// explorer state and size give the same grid.
public enum ExplorerRenderer {
    /// Smallest usable size; below it the screen says so instead of drawing garbage.
    public static let minimumWidth = 60
    public static let minimumHeight = 12

    /// Draws the whole screen.
    public static func render(_ explorer: Explorer, width: Int, height: Int, unicode: Bool) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let glyphs = Glyphs.forTerminal(unicode: unicode)
        guard width >= minimumWidth, height >= minimumHeight else {
            let message = "Terminal too small: \(width)×\(height) (costtop needs \(minimumWidth)×\(minimumHeight))"
            grid.put(unicode ? message : message.replacingOccurrences(of: "×", with: "x"),
                     x: 0, y: min(height / 2, max(0, height - 1)), role: .error, unicode: unicode)
            return grid
        }
        if explorer.state.mode == .help {
            HelpOverlay.render(explorer, into: &grid, unicode: unicode)
            return grid
        }
        if case .commitments(let selected) = explorer.state.mode {
            CommitmentScreen.render(explorer, selected: selected, into: &grid, unicode: unicode)
            return grid
        }
        if case .anomalies(let selected) = explorer.state.mode {
            AnomalyScreen.render(explorer, selected: selected, into: &grid, unicode: unicode)
            return grid
        }
        drawHeader(explorer, into: &grid, glyphs: glyphs, unicode: unicode)
        // The gauge strip takes a row only when the cache has commitments or usage they could cover.
        var tableTop = 3
        if let summary = explorer.data.commitmentSummary {
            GaugeStrip.render(summary, thresholds: explorer.gaugeThresholds, currency: explorer.data.currency, y: tableTop,
                              unicode: unicode, into: &grid)
            tableTop += 1
        }

        // Layout: detail pane on the right when wide, below when tall, else hidden.
        let state = explorer.state
        let statusRow = height - 1
        var tableWidth = width
        var tableBottom = statusRow  // exclusive
        var detailFrame: (x: Int, y: Int, width: Int, height: Int)?
        if state.showDetail && width >= 140 {
            tableWidth = width - 50
            detailFrame = (tableWidth + 1, tableTop, width - tableWidth - 1, statusRow - tableTop)
        } else if state.showDetail && height >= 34 {
            tableBottom = statusRow - 13
            detailFrame = (0, tableBottom, width, 13)
        }
        TablePane.render(explorer, into: &grid, frame: (0, tableTop, tableWidth, tableBottom - tableTop),
                         glyphs: glyphs, unicode: unicode)
        if let frame = detailFrame {
            DetailPane.render(explorer, into: &grid, frame: frame, glyphs: glyphs, unicode: unicode)
        }
        if case .regroup(let index) = state.mode {
            RegroupOverlay.render(explorer, selected: index, into: &grid, top: tableTop, unicode: unicode)
        }
        drawStatus(explorer, into: &grid, row: statusRow, unicode: unicode)
        return grid
    }

    // MARK: - Header

    private static func drawHeader(_ explorer: Explorer, into grid: inout CellGrid, glyphs: Glyphs, unicode: Bool) {
        let state = explorer.state
        let data = explorer.data
        let width = grid.width
        grid.fill(x: 0, y: 0, width: width, height: 2, role: .header)
        let range = explorer.cache.dayRange.map { "data \($0.from)..\($0.to)" } ?? "no data"
        var left = " costtop  \(explorer.cacheName)  \(range)"
        if !data.otherCurrencies.isEmpty { left += "  (also: \(data.otherCurrencies.joined(separator: ", ")))" }
        grid.putData(left, x: 0, y: 0, role: .header, maxWidth: width, unicode: unicode)
        let right = "\(state.metric.rawValue) cost · \(data.currency ?? "—") "
        grid.putRight(unicode ? right : right.replacingOccurrences(of: "·", with: "|").replacingOccurrences(of: "—", with: "-"),
                      right: width, y: 0, role: .header)

        var second = " period \(data.period) (\(periodName(state.period)))"
        if let comparison = data.comparison {
            second += " vs \(comparison)"
        } else {
            second += ", no comparison"
        }
        second += " · sort \(sortName(state.sort))"
        if !state.filters.isEmpty { second += " · where " + state.filters.map(\.description).joined(separator: ", ") }
        if !state.rowFilter.isEmpty { second += " · /\(state.rowFilter)" }
        grid.putData(unicode ? second : second.replacingOccurrences(of: "·", with: "|"), x: 0, y: 1, role: .header,
                     maxWidth: width, unicode: unicode)

        // Breadcrumb: All › 123456789012 (prod) › AmazonEC2, then what this level is grouped by.
        var crumbs = ["All"]
        for step in state.steps { crumbs.append(crumbLabel(step, unicode: unicode)) }
        let crumb = " " + crumbs.joined(separator: glyphs.separator)
        let used = grid.putData(crumb, x: 0, y: 2, role: .breadcrumb, maxWidth: width - 20, unicode: unicode)
        grid.put("  by \(state.level.groupBy)", x: used, y: 2, role: .muted, maxWidth: width - used, unicode: unicode)
    }

    /// A step of the breadcrumb: the key with the account name when known; a commitment's
    /// id by its distinctive end, so the rest of the path still fits.
    static func crumbLabel(_ step: DrillStep, unicode: Bool) -> String {
        if step.dimension == .fixed(.commitment) {
            return "commitment " + DisplayWidth.truncateHead(TerminalSanitizer.sanitize(step.key), to: 24, unicode: unicode)
        }
        return step.name.map { "\(step.key) (\($0))" } ?? step.key
    }

    static func periodName(_ period: PeriodSpec) -> String {
        switch period {
        case .last7Days: return "last 7 days"
        case .last30Days: return "last 30 days"
        case .monthToDate: return "month to date"
        case .lastMonth: return "last month"
        case .all: return "all data"
        case .custom: return "custom"
        }
    }

    static func sortName(_ sort: RowOrder) -> String {
        switch sort {
        case .cost: return "cost"
        case .delta: return "Δ"
        case .absoluteDelta: return "|Δ|"
        case .name: return "name"
        }
    }

    // MARK: - Status line

    private static func drawStatus(_ explorer: Explorer, into grid: inout CellGrid, row: Int, unicode: Bool) {
        let state = explorer.state
        grid.fill(x: 0, y: row, width: grid.width, height: 1, role: .status)
        switch state.mode {
        case .filter:
            grid.putData("/" + state.rowFilter, x: 0, y: row, role: .status, unicode: unicode)
            grid.putRight("Enter keep · Esc clear ", right: grid.width, y: row, role: .status)
            return
        case .command(let text):
            grid.putData(":" + text, x: 0, y: row, role: .status, unicode: unicode)
            return
        default:
            break
        }
        // Where anomaly detection stands, at the right end; the hints make room for it.
        let anomalyWidth = anomalyStatusWidth(explorer, unicode: unicode)
        let hintsEnd = grid.width - (anomalyWidth > 0 ? anomalyWidth + 2 : 0)
        if let message = state.message {
            let used = grid.putData(" " + message, x: 0, y: row, role: .status, unicode: unicode)
            if used + 2 <= hintsEnd { drawAnomalyStatus(explorer, into: &grid, row: row, unicode: unicode) }
            return
        }
        drawAnomalyStatus(explorer, into: &grid, row: row, unicode: unicode)
        var hints: [(ExplorerCommand, String)] = [
            (.drillDown, "drill"), (.goUp, "up"), (.regroup, "group"), (.cycleMetric, "metric"),
            (.cycleSort, "sort"), (.filterRows, "filter"), (.toggleDetail, "detail"), (.help, "help"), (.quit, "quit"),
        ]
        // Last, so narrower screens keep the hints they had; only when there are commitments to show.
        if explorer.data.commitmentSummary != nil { hints.append((.commitments, "commitments")) }
        var column = 1
        for (command, label) in hints {
            guard let key = explorer.keyMap.keys(for: command).first else { continue }
            let keyText = key.name
            guard column + keyText.count + label.count + 2 < hintsEnd else { break }
            column += grid.put(keyText, x: column, y: row, role: .statusKey)
            column += grid.put(" " + label + "  ", x: column, y: row, role: .status)
        }
    }

    /// The right end of the status line: "looking for anomalies…" while detection runs, then the
    /// count with the key that lists them (`a 3 anomalies`), or that detection failed.
    private static func anomalyStatus(_ explorer: Explorer, unicode: Bool) -> (key: String?, text: String)? {
        let key = explorer.keyMap.keys(for: .anomalies).first?.name
        switch explorer.anomalies {
        case .idle: return nil
        case .searching: return (nil, unicode ? "looking for anomalies…" : "looking for anomalies...")
        case .failed: return (key, "anomaly detection failed")
        case .found(let findings):
            let count = findings.entries.count
            return (key, count == 0 ? "no anomalies" : count == 1 ? "1 anomaly" : "\(count) anomalies")
        }
    }

    private static func anomalyStatusWidth(_ explorer: Explorer, unicode: Bool) -> Int {
        guard let status = anomalyStatus(explorer, unicode: unicode) else { return 0 }
        return DisplayWidth.of(status.text) + (status.key.map { DisplayWidth.of($0) + 1 } ?? 0) + 1
    }

    private static func drawAnomalyStatus(_ explorer: Explorer, into grid: inout CellGrid, row: Int, unicode: Bool) {
        guard let status = anomalyStatus(explorer, unicode: unicode) else { return }
        let right = grid.width - 1
        let start = grid.putRight(status.text, right: right, y: row, role: .status)
        if let key = status.key { grid.putRight(key, right: right - start - 1, y: row, role: .statusKey) }
    }
}
