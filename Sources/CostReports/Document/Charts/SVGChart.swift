import CostModel

/// Draws charts as inline SVG for the HTML report: a 720 × 240 view box scaled to the page,
/// colours as attributes (the chart stays right when copied out of the page), coordinates to one
/// decimal through `NumberText`, so the same data always gives the same bytes.
enum SVGChart {
    static let width = 720.0, height = 240.0
    /// The plot area inside the view box (room for axis labels left and below).
    static let left = 78.0, right = 706.0, top = 26.0, bottom = 204.0
    static let nowColour = "#0969da", beforeColour = "#8c959f", totalColour = "#57606a"
    static let upColour = "#cf222e", downColour = "#1a7f37", budgetColour = "#bf8700"

    /// The chart as an `<svg>` element, ending in a line feed.
    static func svg(_ chart: Chart) -> String {
        let body: String
        switch chart.kind {
        case .dailySeries(let series): body = dailySeries(series)
        case .waterfall(let waterfall): body = self.waterfall(waterfall)
        case .burnDown(let burnDown): body = self.burnDown(burnDown)
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 240\" role=\"img\" aria-label=\""
            + HTMLDocumentWriter.escape(chart.title) + "\">\n" + body + "</svg>\n"
    }

    // MARK: - Kinds

    static func dailySeries(_ chart: DailySeriesChart) -> String {
        let top = chart.maximum
        let days = max(chart.current.values.count, chart.previous?.values.count ?? 0)
        func x(_ index: Int) -> Double { left + (right - left) * (days <= 1 ? 0.5 : Double(index) / Double(days - 1)) }
        func points(_ values: [Int128]) -> String {
            values.enumerated().map { "\(n(x($0.offset))),\(n(y(Double($0.element), scale: Double(top))))" }.joined(separator: " ")
        }
        var svg = axes(top: top, currency: chart.currency + " a day")
        if let previous = chart.previous {
            svg += polyline(points(previous.values), colour: beforeColour, dashed: true)
        }
        svg += polyline(points(chart.current.values), colour: nowColour, dashed: false)
        svg += text(left, bottom + 16, chart.current.range.from.description, anchor: "start")
        svg += text(right, bottom + 16, chart.current.range.to.description, anchor: "end")
        svg += legend([(chart.current.label + " " + chart.current.range.description, nowColour, false)]
                      + (chart.previous.map { [($0.label + " " + $0.range.description, beforeColour, true)] } ?? []))
        return svg
    }

    static func waterfall(_ chart: WaterfallChart) -> String {
        let spans = chart.spans
        let (axis, top) = TextChart.axisRange(spans.enumerated().map { index, span in
            chart.bars[index].isTotal ? (span.high, span.high) : span
        })
        func scaled(_ value: Int128) -> Double { y(Double(value - axis), scale: Double(max(1, top - axis))) }
        let slot = (right - left) / Double(max(1, chart.bars.count))
        var svg = axes(top: top, currency: chart.currency, bottomLabel: axis)
        for (index, bar) in chart.bars.enumerated() {
            let span = spans[index]
            let low = bar.isTotal ? axis : span.low
            let x0 = left + slot * Double(index) + slot * 0.15, barWidth = slot * 0.7
            let y0 = scaled(span.high), y1 = scaled(low)
            let colour = bar.isTotal ? totalColour : (bar.amount >= 0 ? upColour : downColour)
            svg += "<rect x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(barWidth))\" height=\"\(n(max(1, y1 - y0)))\" fill=\"\(colour)\"/>\n"
            let amount = (bar.isTotal || bar.amount <= 0 ? "" : "+") + Money.groupedString(bar.amount)
            svg += text(x0 + barWidth / 2, y0 - 4, amount, anchor: "middle")
            let label = bar.label.count > 14 ? String(bar.label.prefix(13)) + "…" : bar.label
            svg += text(x0 + barWidth / 2, bottom + 16, label, anchor: "middle")
        }
        return svg
    }

    static func burnDown(_ chart: BurnDownChart) -> String {
        let top = chart.maximum
        func x(_ day: Int) -> Double { left + (right - left) * Double(day) / Double(max(1, chart.daysInMonth)) }
        func yv(_ value: Int128) -> Double { y(Double(value), scale: Double(top)) }
        var svg = axes(top: top, currency: chart.currency)
        svg += line(x(0), yv(chart.amount), x(chart.daysInMonth), yv(chart.amount), colour: budgetColour, dash: "6 3")
        // Labelled at the left, where the forecast (which ends at the right) never crosses it.
        svg += text(left + 6, yv(chart.amount) - 4, "budget " + Money.groupedString(chart.amount), anchor: "start")
        svg += line(x(0), yv(0), x(chart.daysInMonth), yv(chart.amount), colour: beforeColour, dash: "2 3")
        let actual = [(0, Int128(0))] + chart.actualToDate.enumerated().map { ($0.offset + 1, $0.element) }
        svg += polyline(actual.map { "\(n(x($0.0))),\(n(yv($0.1)))" }.joined(separator: " "), colour: nowColour, dashed: false)
        var entries: [(String, String, Bool)] = [("actual to date", nowColour, false), ("straight line to the budget", beforeColour, true)]
        if let forecast = chart.forecast {
            let last = actual.last!
            svg += line(x(last.0), yv(last.1), x(chart.daysInMonth), yv(forecast), colour: upColour, dash: "5 3")
            if let lower = chart.forecastLower, let upper = chart.forecastUpper {
                svg += line(x(chart.daysInMonth) - 3, yv(lower), x(chart.daysInMonth) - 3, yv(upper), colour: upColour, dash: nil)
            }
            entries.append(("forecast " + Money.groupedString(forecast), upColour, true))
        }
        svg += text(left, bottom + 16, chart.month.description, anchor: "start")
        svg += text(right, bottom + 16, chart.month.adding(days: chart.daysInMonth - 1).description, anchor: "end")
        return svg + legend(entries)
    }

    // MARK: - Pieces

    /// The value's y coordinate on a scale from 0 (bottom) to `top`.
    static func y(_ value: Double, scale: Double) -> Double {
        bottom - (bottom - top) * max(0, min(value, scale)) / max(scale, 1)
    }

    /// Left and bottom axes with the scale's bottom and top amounts.
    static func axes(top value: Int128, currency: String, bottomLabel: Int128 = 0) -> String {
        line(left, top, left, bottom, colour: "#d1d9e0", dash: nil) + line(left, bottom, right, bottom, colour: "#d1d9e0", dash: nil)
            + text(left - 6, top + 4, Money.groupedString(value), anchor: "end")
            + text(left - 6, bottom, Money.groupedString(bottomLabel), anchor: "end")
            + text(left - 6, top + 18, currency, anchor: "end")
    }

    static func polyline(_ points: String, colour: String, dashed: Bool) -> String {
        "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"5 3\"" : "") points=\"\(points)\"/>\n"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: String, dash: String?) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(colour)\" stroke-width=\"1.5\""
            + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(HTMLDocumentWriter.escape(content))</text>\n"
    }

    /// A row of legend entries above the plot.
    static func legend(_ entries: [(label: String, colour: String, dashed: Bool)]) -> String {
        var x = left, svg = ""
        for entry in entries {
            svg += line(x, 12, x + 22, 12, colour: entry.colour, dash: entry.dashed ? "5 3" : nil)
            svg += text(x + 28, 16, entry.label, anchor: "start")
            x += 44 + Double(entry.label.count) * 6.2
        }
        return svg
    }

    /// A coordinate with one decimal.
    static func n(_ value: Double) -> String { NumberText.oneDecimal(value) }
}
