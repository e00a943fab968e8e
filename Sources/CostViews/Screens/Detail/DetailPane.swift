import CostEngine
import CostModel

/// The selected row in depth: its figures, a daily bar chart of the period with the comparison
/// period as a reference mark per day (anomalous days in the `anomaly` role), its share of the
/// parent, tag coverage, its unit cost with the change split into cost and volume growth (with a
/// unit metric), the root causes of an anomaly at this node, and its largest children one level down.
enum DetailPane {
    /// Draws the pane in `frame`, with a border on the side facing the table.
    static func render(_ context: ScreenContext, into grid: inout CellGrid, frame: (x: Int, y: Int, width: Int, height: Int)) {
        let (glyphs, unicode) = (context.glyphs, context.unicode)
        let width = frame.width
        for row in frame.y..<(frame.y + frame.height) { grid.put(glyphs.vertical, x: frame.x - 1, y: row, role: .border) }
        if frame.x == 0 {
            grid.put(String(repeating: glyphs.horizontal, count: width), x: 0, y: frame.y, role: .border)
        }
        let top = frame.x == 0 ? frame.y + 1 : frame.y
        let x = frame.x + 1
        let inner = width - 2
        guard let detail = context.data.detail else {
            grid.put("no row selected", x: x, y: top, role: .muted, maxWidth: inner)
            return
        }
        let row = detail.row
        let symbol = Formatting.symbol(context.data.currency, unicode: unicode)
        var y = top
        let label = row.name.map { "\(row.key) (\($0))" } ?? row.key
        grid.putData(label, x: x, y: y, role: .title, maxWidth: inner, unicode: unicode)
        y += 1
        var figures = "cost \(Formatting.money(row.cost, symbol: symbol))"
        if context.data.comparison != nil {
            figures += "  prev \(Formatting.money(row.previous, symbol: symbol))  "
                + "\(Formatting.delta(row.delta, glyphs: glyphs, symbol: symbol)) \(Formatting.percent(row.cost, row.previous))"
        }
        grid.put(figures, x: x, y: y, role: row.delta > 0 ? .deltaUp : .normal, maxWidth: inner)
        y += 1
        var shares: [String] = []
        if let share = detail.shareOfParent { shares.append(String(format: "%.1f%% of parent", share)) }
        if let coverage = detail.tagCoverage, let key = context.state.tagKey {
            shares.append(String(format: "tag %@ on %.1f%%", key, coverage))
        }
        grid.putData(shares.joined(separator: " · "), x: x, y: y, role: .muted, maxWidth: inner, unicode: unicode)
        y += 1
        if let metric = context.state.unitMetric, let unit = context.data.unitCosts[row.key]?.figures {
            for line in unitLines(unit, metric: metric, symbol: symbol) {
                grid.putData(line, x: x, y: y, role: .normal, maxWidth: inner, unicode: unicode)
                y += 1
            }
        }
        if let flow = row.allocation {
            // A category value touched by splits: its own cost, then what each split moved.
            var lines = ["\(Formatting.money(flow.direct, symbol: symbol)) direct"]
            lines += flow.received.map { "\(Formatting.money($0.amount, symbol: symbol)) from \($0.source), \($0.method)" }
            if flow.allocatedOut != 0 {
                lines.append("\(Formatting.money(-flow.allocatedOut, symbol: symbol)) split out, \(flow.outMethod ?? "")")
            }
            if flow.unallocatable != 0 {
                lines.append("\(Formatting.money(flow.unallocatable, symbol: symbol)) unallocatable (kept)")
            }
            for line in lines where y < frame.y + frame.height - 1 {
                grid.putData(line, x: x, y: y, role: .normal, maxWidth: inner, unicode: unicode)
                y += 1
            }
        }
        if let anomaly = detail.anomaly {
            // Room for the chart below: at least its three rows and the legend.
            let room = frame.y + frame.height - y - 4
            y += AnomalyCauses.render(anomaly, x: x, y: y, width: inner, maxLines: max(2, room), symbol: symbol,
                                      glyphs: glyphs, unicode: unicode, into: &grid)
        }

        // Daily chart: one column per day (resampled when the pane is narrow).
        let childLines = min(detail.children.count, 5)
        let chartHeight = max(3, min(8, frame.height - (y - frame.y) - childLines - 3))
        if !row.series.isEmpty, y + chartHeight < frame.y + frame.height {
            let marked = Formatting.markedCells(context.data.anomalyDays[row.key] ?? [], count: row.series.count, width: inner)
            drawChart(row.series, reference: detail.comparisonSeries, marked: Set(marked), x: x, y: y, width: inner,
                      height: chartHeight, glyphs: glyphs, into: &grid)
            y += chartHeight
            let legend = context.data.comparison == nil ? "daily cost" : "daily cost, \(unicode ? "─" : "-") previous period"
            grid.put(legend, x: x, y: y, role: .muted, maxWidth: inner)
            y += 1
        }
        if let dimension = detail.childDimension, !detail.children.isEmpty, y + 1 < frame.y + frame.height {
            grid.put("top \(dimension):", x: x, y: y, role: .title, maxWidth: inner)
            y += 1
            for child in detail.children where y < frame.y + frame.height {
                let amount = Formatting.money(child.cost, symbol: symbol)
                let used = DisplayWidth.of(amount)
                grid.putData(child.name.map { "\(child.key) (\($0))" } ?? child.key, x: x, y: y,
                             role: child.isMissing ? .muted : .normal, maxWidth: inner - used - 1, unicode: unicode)
                grid.putRight(amount, right: x + inner, y: y, role: .normal)
                y += 1
            }
        }
    }

    /// `per orders $0.1199  prev $0.1000`, then `unit +19.9%: cost +25.0%, volume +4.3%`: the unit
    /// cost, and its change split into what it is made of, `1 + unit = (1 + cost) ÷ (1 + volume)`
    /// (the second line only with a comparison).
    static func unitLines(_ unit: UnitCost, metric: String, symbol: String) -> [String] {
        var first = "per \(metric) \(Formatting.unitCost(unit.unit, symbol: symbol))"
        guard unit.costChange != nil || unit.previousVolume != nil else { return [first] }
        first += "  prev \(Formatting.unitCost(unit.previousUnit, symbol: symbol))"
        func percent(_ value: Double?) -> String { value.map { String(format: "%+.1f%%", $0) } ?? "—" }
        return [first, "unit \(percent(unit.unitChange)): cost \(percent(unit.costChange)), volume \(percent(unit.volumeChange))"]
    }

    /// Vertical bars of `values`, `height` rows tall, with a reference mark for each day's
    /// comparison value where it is above the bar; the `marked` columns (anomalous days) in the
    /// `anomaly` role.
    private static func drawChart(_ values: [Int128], reference: [Int128], marked: Set<Int>, x: Int, y: Int, width: Int,
                                  height: Int, glyphs: Glyphs, into grid: inout CellGrid) {
        let columns = min(width, values.count)
        guard columns > 0 else { return }
        func resample(_ series: [Int128]) -> [Double] {
            guard !series.isEmpty else { return [] }
            return (0..<columns).map { bucket in
                let start = bucket * series.count / columns
                let end = max(start + 1, (bucket + 1) * series.count / columns)
                return series[start..<min(end, series.count)].reduce(0.0) { $0 + Double($1) } / Double(max(1, end - start))
            }
        }
        let bars = resample(values)
        let marks = resample(Array(reference.prefix(values.count)))
        let peak = max(bars.max() ?? 0, marks.max() ?? 0)
        guard peak > 0 else { return }
        for (column, value) in bars.enumerated() {
            let eighths = Int((max(0, value) / peak * Double(height * 8)).rounded())
            let role: StyleRole = marked.contains(column) ? .anomaly : .bar
            for level in 0..<height {
                let rowY = y + height - 1 - level
                let filled = eighths - level * 8
                if filled >= 8 {
                    grid.put(glyphs.full, x: x + column, y: rowY, role: role)
                } else if filled > 0 {
                    grid.put(glyphs.spark[filled - 1], x: x + column, y: rowY, role: role)
                }
            }
            if column < marks.count, marks[column] > 0 {
                let level = min(height - 1, Int((marks[column] / peak * Double(height)).rounded(.down)))
                if eighths <= level * 8 { grid.put(glyphs.horizontal, x: x + column, y: y + height - 1 - level, role: .reference) }
            }
        }
    }
}
