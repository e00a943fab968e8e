import CostEngine
import CostModel
import CostReports

/// The meeting layout: one mover at a time, for a projector at 80×24. The change in large
/// figures, the path, the drivers as a waterfall from the old cost to the new, the daily costs of
/// both windows, anomalies on those days and the note. Everything reads without colour: signs,
/// letters and bar positions carry the meaning.
extension MoversScreen {
    func renderMeeting(_ mover: Mover, into grid: inout CellGrid, context: ScreenContext) {
        let (width, unicode, glyphs) = (grid.width, context.unicode, context.glyphs)
        let symbol = Formatting.symbol(result?.currency, unicode: unicode)
        let figures = MoversOutput.cents(mover)
        let nanos: (Int128) -> Int128 = { $0 * 10_000_000 }
        grid.fill(x: 0, y: 0, width: width, height: 1, role: .header)
        grid.put(" movers  \(selection + 1)/\(movers.count)  " + windowsText(context), x: 0, y: 0, role: .header,
                 maxWidth: width, unicode: unicode)
        grid.putData(" " + mover.path.map(\.key).joined(separator: glyphs.separator), x: 0, y: 1,
                     role: .title, maxWidth: width, unicode: unicode)

        // The change, three rows high, and the two costs beside it.
        let sign = figures.delta > 0 ? "+" : figures.delta < 0 ? "-" : ""
        let big = sign + Money.groupedString(abs(nanos(figures.delta)))
        let rows = BigFigures.rows(big)
        for (offset, row) in rows.enumerated() {
            grid.put(row, x: 2, y: 3 + offset, role: figures.delta >= 0 ? .deltaUp : .deltaDown, maxWidth: width - 2)
        }
        let side = 2 + BigFigures.width(big) + 3
        let percent = Formatting.percent(mover.cost, mover.previous)
        grid.put("now    " + Formatting.money(nanos(figures.cost), symbol: symbol), x: side, y: 3, maxWidth: width - side)
        grid.put("before " + Formatting.money(nanos(figures.previous), symbol: symbol), x: side, y: 4, maxWidth: width - side)
        grid.put("change " + (percent.isEmpty ? "-" : percent), x: side, y: 5, maxWidth: width - side)

        // The waterfall: the old cost, each driver from where the last one ended, the new cost.
        var y = 7
        let drivers = figures.drivers
        var level = figures.previous
        var points = [level]
        for driver in drivers {
            level += driver.cents
            points.append(level)
        }
        let low = min(0, points.min() ?? 0), high = max(points.max() ?? 0, 1)
        let labelWidth = 12, amountWidth = 12
        let barX = 1 + labelWidth + amountWidth + 2, barWidth = max(10, width - barX - 1)
        func column(_ cents: Int128) -> Int { Int(Double(cents - low) / Double(high - low) * Double(barWidth - 1)) }
        func bar(_ label: String, _ amount: String, from: Int128, to: Int128, role: StyleRole) {
            grid.put(label, x: 1, y: y, maxWidth: labelWidth)
            grid.putRight(amount, right: 1 + labelWidth + amountWidth, y: y, role: role)
            let (start, end) = (column(min(from, to)), column(max(from, to)))
            grid.put(String(repeating: glyphs.full, count: max(1, end - start + 1)), x: barX + start, y: y, role: .bar,
                     maxWidth: barWidth - start)
            y += 1
        }
        let waterfallRows = max(0, grid.height - 3 - 3 - 2 - y)
        bar("before", Formatting.money(nanos(figures.previous), compact: true, symbol: symbol), from: low, to: figures.previous, role: .normal)
        var start = figures.previous
        for (index, driver) in drivers.enumerated() where index < waterfallRows {
            let letter = DriverBar.letter(driver.kind)
            bar("\(letter) \(driver.kind.rawValue)", (driver.cents > 0 ? "+" : "") + Formatting.money(nanos(driver.cents), symbol: symbol),
                from: start, to: start + driver.cents, role: driver.cents > 0 ? .deltaUp : .deltaDown)
            start += driver.cents
        }
        bar("now", Formatting.money(nanos(figures.cost), compact: true, symbol: symbol), from: low, to: figures.cost, role: .normal)

        // Daily costs of both windows (each sparkline on its own scale: the shapes are compared,
        // the levels are in the figures above).
        y += 1
        if let daily = series[mover.pathText] {
            let chartX = 1 + labelWidth + 1, chartWidth = max(10, width - chartX - 1)
            // Each day as wide as the chart allows (a week is 7 cells wide otherwise).
            func widened(_ values: [Int128]) -> [Int128] {
                let repeats = max(1, chartWidth / max(1, values.count))
                return values.flatMap { Array(repeating: $0, count: repeats) }
            }
            for (offset, (label, values)) in [("days now", daily.now), ("days before", daily.before)].enumerated() {
                let cells = widened(values)
                grid.put(label, x: 1, y: y + offset, role: .muted, maxWidth: labelWidth)
                grid.put(Formatting.sparkline(cells, width: min(chartWidth, cells.count), glyphs: glyphs), x: chartX, y: y + offset,
                         role: .sparkline)
            }
        }
        y += 2

        // Anomalies on those days at this node or below it, then the note.
        let found = anomalies(for: mover, context: context)
        var lines: [(String, StyleRole)] = found.prefix(1).map {
            ("! \($0.kind.rawValue) \($0.start)..\($0.end) at \($0.path.map(\.key).joined(separator: glyphs.separator))", .anomaly)
        }
        if let note = notes[mover.pathText] { lines.append(("* " + note, .title)) }
        for (text, role) in lines where y < grid.height - 1 {
            grid.putData(text, x: 1, y: y, role: role, maxWidth: width - 2, unicode: unicode)
            y += 1
        }
        drawStatus(context, y: grid.height - 1, into: &grid)
    }

    /// Anomalies whose node is the mover's or below it, on days of the period.
    private func anomalies(for mover: Mover, context: ScreenContext) -> [Anomaly] {
        guard let period = result?.spec.period, let findings = context.findings else { return [] }
        return findings.entries.map(\.anomaly).filter { anomaly in
            anomaly.path.count >= mover.path.count && Array(anomaly.path.prefix(mover.path.count)) == mover.path
                && anomaly.start <= period.to && anomaly.end >= period.from
        }
    }
}
