import CostModel

/// Draws charts with text: sparklines for daily series, horizontal bars for a waterfall, a small
/// character grid for a burn-down. The text and Markdown renderers share it (Markdown puts the
/// lines in a code block, where GitHub and wikis keep them aligned).
///
/// Every line fits `width` columns (one column per character: the glyphs are box-drawing and block
/// elements, one cell wide in every terminal font).
public enum TextChart {
    /// The lines of `chart`, each at most `width` columns.
    public static func lines(_ chart: Chart, width: Int) -> [String] {
        switch chart.kind {
        case .dailySeries(let series): return dailySeries(series, width: width)
        case .waterfall(let waterfall): return self.waterfall(waterfall, width: width)
        case .burnDown(let burnDown): return self.burnDown(burnDown, width: width)
        }
    }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    // MARK: - Daily series

    /// One sparkline per window on a shared scale, each day one cell (days averaged into cells when
    /// the window is longer than the room left).
    static func dailySeries(_ chart: DailySeriesChart, width: Int) -> [String] {
        let series = [chart.current] + (chart.previous.map { [$0] } ?? [])
        let labels = series.map { "\($0.label) \($0.range)" }
        let labelWidth = labels.map(\.count).max() ?? 0
        let room = max(8, width - labelWidth - 2)
        let top = chart.maximum
        var lines = zip(series, labels).map { series, label in
            pad(label, labelWidth) + "  " + sparkline(resample(series.values, cells: room), top: top)
        }
        let days = series.map { $0.values.count }.max() ?? 0
        let perCell = days > room ? " (\((days + room - 1) / room) days a cell)" : ""
        lines.append("scale: ▁ = 0, █ = \(Money.groupedString(top)) \(chart.currency) a day\(perCell)")
        return lines
    }

    /// `values` in at most `cells` buckets, each the mean of its days (integer division: stable).
    static func resample(_ values: [Int128], cells: Int) -> [Int128] {
        guard values.count > cells else { return values }
        let perCell = (values.count + cells - 1) / cells
        return stride(from: 0, to: values.count, by: perCell).map { start in
            let slice = values[start..<min(values.count, start + perCell)]
            return slice.reduce(0, +) / Int128(slice.count)
        }
    }

    /// A sparkline with `top` as the full block; zero and below are the lowest block.
    static func sparkline(_ values: [Int128], top: Int128) -> String {
        String(values.map { value in
            let level = value <= 0 ? 0 : Int((value * 7 + top / 2) / max(1, top))
            return levels[min(7, max(0, level))]
        })
    }

    // MARK: - Waterfall

    /// A bar per line: label, signed amount, and the bar between its running levels. The axis starts
    /// below the lowest level (said in the last line), so steps a hundredth of the totals still show.
    static func waterfall(_ chart: WaterfallChart, width: Int) -> [String] {
        let spans = chart.spans
        let amounts = chart.bars.map { bar in
            (bar.isTotal || bar.amount <= 0 ? "" : "+") + Money.groupedString(bar.amount)
        }
        let labelWidth = min(20, chart.bars.map(\.label.count).max() ?? 0)
        let amountWidth = amounts.map(\.count).max() ?? 0
        let room = max(10, width - labelWidth - amountWidth - 4)
        let (axis, top) = axisRange(spans.enumerated().map { index, span in
            chart.bars[index].isTotal ? (span.high, span.high) : span
        })
        func column(_ value: Int128) -> Int {
            Int((value - axis) * Int128(room) / max(1, top - axis))
        }
        var lines: [String] = []
        for (index, bar) in chart.bars.enumerated() {
            let span = spans[index]
            let start = bar.isTotal ? 0 : column(span.low)
            let end = max(start + 1, column(span.high))
            let glyph: Character = bar.isTotal ? "█" : (bar.amount >= 0 ? "▒" : "░")
            let drawn = String(repeating: " ", count: start) + String(repeating: glyph, count: end - start)
            let label = bar.label.count > labelWidth ? String(bar.label.prefix(labelWidth - 1)) + "…" : bar.label
            lines.append(trimmed(pad(label, labelWidth) + "  " + padLeft(amounts[index], amountWidth) + "  " + drawn))
        }
        lines.append("█ total  ▒ increase  ░ decrease; axis from \(Money.groupedString(axis)) \(chart.currency)")
        return lines
    }

    /// Where a bar chart of these spans starts and ends: from zero when the lowest level is small
    /// against the span of the changes, else from a round-ish level a quarter of the span below it.
    static func axisRange(_ spans: [(low: Int128, high: Int128)]) -> (axis: Int128, top: Int128) {
        let low = spans.map(\.low).min() ?? 0, high = spans.map(\.high).max() ?? 1
        guard low > 0 else { return (min(0, low), max(high, 1)) }
        let margin = max((high - low) / 4, high / 100)
        return (max(0, low - margin), max(high, low + 1))
    }

    // MARK: - Burn-down

    /// A grid of eight rows, two columns a day: `█` actual to date, `·` the straight line to the
    /// budget, `░` the forecast's path to month end, `─` the budget amount.
    static func burnDown(_ chart: BurnDownChart, width: Int) -> [String] {
        let rows = 8
        let cell = width >= chart.daysInMonth * 2 + 14 ? 2 : 1
        let top = chart.maximum
        let last = chart.actualToDate.count
        func row(of value: Int128) -> Int { min(rows - 1, Int(value * Int128(rows) / (top + 1))) }
        func forecast(atDay day: Int) -> Int128? {
            guard let end = chart.forecast, day > last, let from = last == 0 ? Int128(0) : chart.actualToDate.last else { return nil }
            return from + (end - from) * Int128(day - last) / Int128(max(1, chart.daysInMonth - last))
        }
        var grid = Array(repeating: Array(repeating: Character(" "), count: chart.daysInMonth), count: rows)
        let budgetRow = row(of: chart.amount)
        for day in 1...chart.daysInMonth {
            let column = day - 1
            grid[budgetRow][column] = "─"
            grid[row(of: chart.ideal(atDay: day))][column] = "·"
            if day <= last {
                let height = row(of: chart.actualToDate[day - 1])
                for level in 0...height where chart.actualToDate[day - 1] > 0 { grid[level][column] = "█" }
            } else if let value = forecast(atDay: day) {
                grid[row(of: value)][column] = "░"
            }
        }
        let labels = (0..<rows).map { level -> String in
            if level == rows - 1 { return Money.groupedString(top) }
            if level == budgetRow { return "budget" }
            if level == 0 { return "0" }
            return ""
        }
        let labelWidth = labels.map(\.count).max() ?? 0
        var lines = (0..<rows).reversed().map { level in
            trimmed(padLeft(labels[level], labelWidth) + " │" + String(grid[level].flatMap { String(repeating: $0, count: cell) }))
        }
        lines.append(String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: chart.daysInMonth * cell))
        var legend = ["█ actual \(Money.groupedString(chart.actualToDate.last ?? 0))", "· straight line",
                      "─ budget \(Money.groupedString(chart.amount))"]
        if let forecast = chart.forecast { legend.append("░ forecast \(Money.groupedString(forecast))") }
        legend[legend.count - 1] += " \(chart.currency)"
        let joined = legend.joined(separator: "  ")
        // One legend line when it fits, else one entry a line.
        return lines + (joined.count <= width ? [joined] : legend)
    }

    // MARK: - Text helpers

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func trimmed(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
