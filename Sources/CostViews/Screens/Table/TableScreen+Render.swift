import CostEngine
import CostModel

// Drawing the table screen: header, breadcrumb, gauge strip, table pane, detail pane, status line.
extension TableScreen {
    func render(into grid: inout CellGrid, context: ScreenContext) {
        let layout = TableLayout(width: grid.width, height: grid.height, state: context.state, data: context.data)
        drawHeader(context, into: &grid)
        if let y = layout.strip, let summary = context.data.commitmentSummary {
            GaugeStrip.render(summary, thresholds: context.gaugeThresholds, currency: context.data.currency, y: y,
                              unicode: context.unicode, into: &grid)
        } else if let y = layout.strip, context.data.commitmentPending {
            // The row is kept while the summary is computed, so the table does not jump when it arrives.
            grid.put(context.unicode ? "commitment gauges: computing…" : "commitment gauges: computing...", x: 1, y: y,
                     role: .muted)
        }
        // Computed here without writing back: `settle` keeps the stored position for the terminal's size.
        let scroll = ListNavigation.scroll(current: self.scroll, selected: context.state.selection,
                                           count: context.data.rows.count, visible: layout.visibleRows)
        TablePane.render(context, scroll: scroll, into: &grid, frame: layout.table)
        if let frame = layout.detail { DetailPane.render(context, into: &grid, frame: frame) }
        drawStatus(context, into: &grid, row: layout.statusRow)
    }

    /// The row where overlays start (under the breadcrumb and the gauge strip).
    static func overlayTop(_ context: ScreenContext, width: Int, height: Int) -> Int {
        TableLayout(width: width, height: height, state: context.state, data: context.data).table.y
    }

    // MARK: - Header

    private func drawHeader(_ context: ScreenContext, into grid: inout CellGrid) {
        let (state, data, unicode) = (context.state, context.data, context.unicode)
        let width = grid.width
        grid.fill(x: 0, y: 0, width: width, height: 2, role: .header)
        let range = context.queries.cache.dayRange.map { "data \($0.from)..\($0.to)" } ?? "no data"
        var left = " costtop  \(context.cacheName)  \(range)"
        if !data.otherCurrencies.isEmpty { left += "  (also: \(data.otherCurrencies.joined(separator: ", ")))" }
        grid.putData(left, x: 0, y: 0, role: .header, maxWidth: width, unicode: unicode)
        // The metric's name comes from an imported file: sanitized like any data string.
        let per = data.totalUnitCost == nil ? "" : state.unitMetric.map { " · per \(TerminalSanitizer.sanitize($0))" } ?? ""
        let right = "\(state.metric.rawValue) cost · \(data.currency ?? "—")\(per) "
        grid.putRight(unicode ? right : right.replacingOccurrences(of: "·", with: "|").replacingOccurrences(of: "—", with: "-"),
                      right: width, y: 0, role: .header)

        var second = " period \(data.period) (\(BrowseText.periodName(state.period)))"
        if let comparison = data.comparison {
            second += " vs \(comparison)"
        } else {
            second += ", no comparison"
        }
        second += " · sort \(BrowseText.sortName(state.sort))"
        if !state.filters.isEmpty { second += " · where " + state.filters.map(\.description).joined(separator: ", ") }
        if !state.rowFilter.isEmpty { second += " · /\(state.rowFilter)" }
        grid.putData(unicode ? second : second.replacingOccurrences(of: "·", with: "|"), x: 0, y: 1, role: .header,
                     maxWidth: width, unicode: unicode)

        // Breadcrumb: All › 123456789012 (prod) › AmazonEC2, then what this level is grouped by.
        var crumbs = ["All"]
        for step in state.steps { crumbs.append(BrowseText.crumbLabel(step, unicode: unicode)) }
        let crumb = " " + crumbs.joined(separator: context.glyphs.separator)
        let used = grid.putData(crumb, x: 0, y: 2, role: .breadcrumb, maxWidth: width - 20, unicode: unicode)
        let end = used + grid.put("  by \(state.level.groupBy)", x: used, y: 2, role: .muted, maxWidth: width - used, unicode: unicode)
        drawForecast(context, into: &grid, after: end)
    }

    /// The node's month-end forecast and budget status at the right of the breadcrumb row, as
    /// much as fits after the breadcrumb: the budget's status first, then the interval.
    private func drawForecast(_ context: ScreenContext, into grid: inout CellGrid, after end: Int) {
        guard let forecast = context.data.forecast else { return }
        let symbol = Formatting.symbol(context.data.currency, unicode: context.unicode)
        let full = ForecastText.forecast(forecast, symbol: symbol, unicode: context.unicode)
        let short = ForecastText.forecast(forecast, symbol: symbol, unicode: context.unicode, interval: false)
        let budget = forecast.budget.map(ForecastText.budget)
        let right = grid.width - 1
        let choices = budget == nil ? [(full, nil), (short, nil)] : [(full, budget), (short, budget), (full, nil), (short, nil)]
        for (text, budget) in choices {
            let budgetWidth = budget.map { DisplayWidth.of($0) + 2 } ?? 0
            guard end + 2 + DisplayWidth.of(text) + budgetWidth <= right else { continue }
            var textEnd = right
            if let budget, let status = forecast.budget {
                let role: StyleRole = status.state == .ok ? .muted : status.state == .atRisk ? .gaugeWarn : .gaugeAlarm
                textEnd -= grid.putRight(budget, right: right, y: 2, role: role) + 2
            }
            grid.putRight(text, right: textEnd, y: 2, role: .muted)
            return
        }
    }

    // MARK: - Status line

    private func drawStatus(_ context: ScreenContext, into grid: inout CellGrid, row: Int) {
        grid.fill(x: 0, y: row, width: grid.width, height: 1, role: .status)
        // Where anomaly detection stands, at the right end; the hints make room for it.
        let status = anomalyStatus(context)
        let anomalyWidth = status.map { DisplayWidth.of($0.text) + ($0.key.map { DisplayWidth.of($0) + 1 } ?? 0) + 1 } ?? 0
        let hintsEnd = grid.width - (anomalyWidth > 0 ? anomalyWidth + 2 : 0)
        if let message = context.state.message {
            let used = grid.putData(" " + message, x: 0, y: row, role: .status, unicode: context.unicode)
            if used + 2 <= hintsEnd { drawAnomalyStatus(status, into: &grid, row: row) }
            return
        }
        drawAnomalyStatus(status, into: &grid, row: row)
        var hints: [(ExplorerCommand, String)] = [
            (.drillDown, "drill"), (.goUp, "up"), (.regroup, "group"), (.cycleMetric, "metric"),
            (.cycleSort, "sort"), (.filterRows, "filter"), (.toggleDetail, "detail"), (.help, "help"), (.quit, "quit"),
        ]
        // Last, so narrower screens keep the hints they had; only when there are commitments to show.
        if context.data.commitmentSummary != nil || context.data.commitmentPending { hints.append((.commitments, "commitments")) }
        StatusHints.draw(hints.map { (context.keyMap.key(for: $0.0), $0.1) }, y: row, end: hintsEnd, into: &grid)
    }

    /// The right end of the status line: "looking for anomalies…" while detection runs, then the
    /// count with the key that lists them (`a 3 anomalies`), or that detection failed.
    private func anomalyStatus(_ context: ScreenContext) -> (key: String?, text: String)? {
        let key = context.keyMap.key(for: .anomalies)
        switch context.anomalies {
        case .idle: return nil
        case .searching: return (nil, context.unicode ? "looking for anomalies…" : "looking for anomalies...")
        case .failed: return (key, "anomaly detection failed")
        case .found(let findings):
            let count = findings.entries.count
            return (key, count == 0 ? "no anomalies" : count == 1 ? "1 anomaly" : "\(count) anomalies")
        }
    }

    private func drawAnomalyStatus(_ status: (key: String?, text: String)?, into grid: inout CellGrid, row: Int) {
        guard let status else { return }
        let right = grid.width - 1
        let start = grid.putRight(status.text, right: right, y: row, role: .status)
        if let key = status.key { grid.putRight(key, right: right - start - 1, y: row, role: .statusKey) }
    }
}
