import CostEngine
import CostModel

/// The anomalies screen's detail area: the selected anomaly in full, so the list's rows can be
/// abbreviated to fit 80 columns — the whole path with names, kind, days and the history they were
/// judged on, impact against expected, root causes and the views that showed the same cause.
extension AnomaliesScreen {
    /// Lines of the detail area (a rule and five lines), shown from `detailMinimumHeight` rows.
    static let detailHeight = 6
    /// The smallest terminal that shows the detail area and still lists a few anomalies.
    static let detailMinimumHeight = 16

    /// The detail area's height at a terminal height: nothing on short terminals or an empty list.
    static func detailRows(height: Int, count: Int) -> Int {
        height >= detailMinimumHeight && count > 0 ? detailHeight : 0
    }

    /// Draws `anomaly` in the `detailHeight` lines from `y`.
    static func drawDetail(_ anomaly: Anomaly, y: Int, symbol: String, context: ScreenContext, into grid: inout CellGrid) {
        let (width, unicode, glyphs) = (grid.width, context.unicode, context.glyphs)
        let dot = unicode ? " · " : " | "
        let rule = String(repeating: glyphs.horizontal, count: max(0, width))
        grid.put(rule, x: 0, y: y, role: .border, maxWidth: width, unicode: unicode)
        grid.put(" selected ", x: 2, y: y, role: .title, unicode: unicode)

        // The whole path, each step named, with account names where the bill has them; wrapped on a
        // second line at a step boundary rather than cut.
        let steps = anomaly.path.map { step -> String in
            let name = CostDimension(step.dimension).flatMap { context.queries.displayName($0, step.key) }
            let label = step.dimension.hasPrefix("tag:") ? step.dimension : step.dimension.replacingOccurrences(of: "-", with: " ")
            return "\(label) \(step.key)" + (name.map { " (\($0))" } ?? "")
        }
        var lines = wrap(steps, separator: glyphs.separator, width: width - 2, limit: 2)

        var when = "\(AnomalyText.kindName(anomaly.kind))\(dot)\(anomaly.start)"
        let days = Int(anomaly.end.index - anomaly.start.index) + 1
        if anomaly.end != anomaly.start { when += "..\(anomaly.end)" }
        when += " (\(days) day\(days == 1 ? "" : "s")\(anomaly.ongoing ? ", ongoing" : ""))"
        when += dot + (anomaly.history >= 28 ? "4 weeks of history" : "judged on \(anomaly.history) day\(anomaly.history == 1 ? "" : "s") of history")
        lines.append(when)

        let money = { (value: Double) in Formatting.money(AnomalyText.nanos(value), symbol: symbol) }
        lines.append("impact \(AnomalyText.impact(anomaly.impact, glyphs: glyphs, symbol: symbol)) (\(AnomalyText.percent(anomaly)))"
            + "\(dot)expected \(money(anomaly.expected)), actual \(money(anomaly.actual))")

        let causes = anomaly.rootCauses.prefix(4).map { cause -> String in
            let share = anomaly.impact != 0 ? String(format: " %.0f%%", cause.impact / anomaly.impact * 100) : ""
            return AnomalyText.shortStep(PathStep(dimension: cause.dimension, key: cause.key)) + share
        }
        lines.append("root causes: " + (causes.isEmpty ? (unicode ? "—" : "-") : causes.joined(separator: ", ")))
        if !anomaly.alsoSeenAs.isEmpty {
            lines.append("also seen as " + anomaly.alsoSeenAs.map(AnomalyText.shortStep).joined(separator: ", "))
        }
        for (offset, line) in lines.prefix(detailHeight - 1).enumerated() {
            grid.putData(line, x: 1, y: y + 1 + offset, role: offset < lines.count - 1 || anomaly.alsoSeenAs.isEmpty ? .normal : .muted,
                         maxWidth: width - 2, unicode: unicode)
        }
    }

    /// Joins `parts` into at most `limit` lines of `width` columns, breaking between parts.
    private static func wrap(_ parts: [String], separator: String, width: Int, limit: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for part in parts.map(TerminalSanitizer.sanitize) {
            let joined = current.isEmpty ? part : current + separator + part
            if DisplayWidth.of(joined) <= width || current.isEmpty || lines.count == limit - 1 {
                current = joined
            } else {
                lines.append(current)
                current = "  " + part
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
