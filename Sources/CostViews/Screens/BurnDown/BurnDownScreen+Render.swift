import CostEngine
import CostModel

// Drawing the burn-down: a title, the budget's figures, a chart of the month's days (cumulative
// actual as bars, the straight line to the amount, the forecast to the month's end, the amount),
// a legend and the status line.
extension BurnDownScreen {
    func render(into grid: inout CellGrid, context: ScreenContext) {
        let (width, height, unicode) = (grid.width, grid.height, context.unicode)
        grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
        var crumbs = ["All"]
        for step in context.state.steps { crumbs.append(BrowseText.crumbLabel(step, unicode: unicode)) }
        guard let forecast = context.data.forecast else { return }
        let month = forecast.month.month
        grid.putData(" burn-down  " + crumbs.joined(separator: context.glyphs.separator), x: 0, y: 0, role: .header,
                     maxWidth: width - 30, unicode: unicode)
        grid.putRight("\(ForecastText.monthName(month)) \(month.components.year) as of \(forecast.asOf) ", right: width, y: 0, role: .header)
        let symbol = Formatting.symbol(context.data.currency, unicode: unicode)
        func money(_ nanos: Int128) -> String { Formatting.money(nanos, symbol: symbol) }
        let sep = unicode ? " · " : " | "
        if let status = forecast.budget {
            let line = " budget \(status.budget.name) \(money(status.amount))\(sep)actual \(money(status.actual)) "
                + "\(Int(status.actualPercent.rounded()))%\(sep)fcst \(money(status.forecast)) \(Int(status.forecastPercent.rounded()))%"
            let used = grid.putData(line, x: 0, y: 1, maxWidth: width - 12, unicode: unicode)
            let role: StyleRole = status.state == .ok ? .normal : status.state == .atRisk ? .gaugeWarn : .gaugeAlarm
            grid.put("  " + status.state.rawValue, x: used, y: 1, role: role, unicode: unicode)
        } else {
            grid.put(" no budget for this node (budgets: in the rules file, docs/budgets.md)", x: 0, y: 1, role: .muted,
                     unicode: unicode)
        }
        let dash = unicode ? "–" : "-"
        grid.put(" to date \(money(forecast.month.actualToDate))\(sep)forecast \(money(forecast.month.forecast)), "
                 + "\(forecast.level)% interval \(money(forecast.month.lower))\(dash)\(money(forecast.month.upper))",
                 x: 0, y: 2, unicode: unicode)
        let chartTop = 4
        let chartBottom = height - 4
        if chartBottom - chartTop >= 3 {
            drawChart(forecast, into: &grid, top: chartTop, bottom: chartBottom, symbol: symbol, unicode: unicode)
        }
        let legend = unicode ? " █ actual to date   · straight line to the amount   ○ forecast   ─ budget"
                             : " # actual to date   . straight line to the amount   o forecast   - budget"
        grid.put(legend, x: 0, y: height - 2, role: .muted, unicode: unicode)
        grid.fill(x: 0, y: height - 1, width: width, height: 1, role: .status)
        StatusHints.draw([(context.keyMap.key(for: .closeBurnDown), "back"), (context.keyMap.key(for: .help), "help")],
                         y: height - 1, end: width, into: &grid)
    }

    /// The chart between rows `top` and `bottom` (inclusive): a y axis of amounts on the left, a
    /// column (or several) per day of the month.
    private func drawChart(_ forecast: NodeForecast, into grid: inout CellGrid, top: Int, bottom: Int, symbol: String,
                           unicode: Bool) {
        let month = forecast.month.month
        let days = Int(month.lastOfMonth.index - month.index) + 1
        let known = forecast.daily.count
        var cumulative: [Int128] = []
        var running: Int128 = 0
        for cost in forecast.daily { running += cost; cumulative.append(running) }
        let amount = forecast.budget?.amount
        let ceiling = max([forecast.month.upper, forecast.month.forecast, running, amount ?? 0].max() ?? 0, 1)
        let axis = 9
        let perDay = max(1, (grid.width - axis - 1) / days)
        let rows = bottom - top
        func row(_ value: Int128) -> Int {
            bottom - Int((Double(max(0, value)) / Double(ceiling) * Double(rows)).rounded())
        }
        // The y axis: the ceiling, half of it and zero.
        for (value, y) in [(ceiling, top), (ceiling / 2, row(ceiling / 2)), (Int128(0), bottom)] {
            grid.putRight(ForecastText.short(value, symbol: symbol) + " ", right: axis, y: y, role: .muted)
        }
        if let amount {
            let y = row(amount)
            for x in axis..<min(grid.width, axis + days * perDay) { grid.put(unicode ? "─" : "-", x: x, y: y, role: .reference) }
        }
        let lastActual = cumulative.last ?? 0
        for day in 0..<days {
            let x = axis + day * perDay
            guard x + perDay <= grid.width else { break }
            if day < known {
                for y in row(cumulative[day])...bottom {
                    for column in 0..<perDay { grid.put(unicode ? "█" : "#", x: x + column, y: y, role: .bar) }
                }
            } else {
                // The forecast: a straight line from the actual so far to the forecast total.
                let remaining = days - known
                let step = Double(forecast.month.forecast - lastActual) * Double(day - known + 1) / Double(remaining)
                grid.put(unicode ? "○" : "o", x: x, y: row(lastActual + Int128(step.rounded())), role: .sparkline)
            }
            if let amount {
                let allowed = amount * Int128(day + 1) / Int128(days)
                let y = row(allowed)
                // Over the bars too: where the month stands against the line is the point of the chart.
                grid.put(unicode ? "·" : ".", x: x, y: y, role: .reference)
            }
        }
        // Day numbers under the chart: the 1st, the as-of day, the last.
        for day in Set([0, known - 1, days - 1]) where day >= 0 {
            let label = String(day + 1)
            grid.put(label, x: min(axis + day * perDay, grid.width - label.count), y: bottom + 1, role: .muted)
        }
    }
}
