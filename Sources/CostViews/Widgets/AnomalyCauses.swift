import CostEngine
import CostModel

/// The detail pane's section for an anomaly at the selected row: what it was, and what carries its
/// impact (the detector's root causes: children, regions, tag values), so "why" is answered without
/// leaving the table.
enum AnomalyCauses {
    /// Draws the section at (x, y) in at most `maxLines` lines of `width` columns.
    /// - Returns: the lines used.
    static func render(_ anomaly: Anomaly, x: Int, y: Int, width: Int, maxLines: Int, symbol: String, glyphs: Glyphs,
                       unicode: Bool, into grid: inout CellGrid) -> Int {
        guard maxLines > 0 else { return 0 }
        // `! spike 08-30..08-31` and the impact on the right.
        let days = anomaly.ongoing
            ? "from \(AnomalyText.day(anomaly.start, short: true)), ongoing"
            : "\(AnomalyText.day(anomaly.start, short: true))..\(AnomalyText.day(anomaly.end, short: true))"
        let impact = AnomalyText.impact(anomaly.impact, glyphs: glyphs, symbol: symbol) + " " + AnomalyText.percent(anomaly)
        let used = grid.put(glyphs.anomalyMark, x: x, y: y, role: .anomaly)
        grid.put(" \(anomaly.kind.rawValue) \(days)", x: x + used, y: y, role: .title,
                 maxWidth: max(0, width - used - DisplayWidth.of(impact) - 1), unicode: unicode)
        grid.putRight(impact, right: x + width, y: y, role: AnomalyText.role(anomaly.impact))
        guard maxLines > 1 else { return 1 }

        guard !anomaly.rootCauses.isEmpty else {
            // Usage types, regions and tag values are the deepest nodes examined.
            grid.put("root causes: none deeper", x: x, y: y + 1, role: .muted, maxWidth: width, unicode: unicode)
            return 2
        }
        // Causes come from several views (children, regions, tag values, resources): name each one's.
        grid.put("root causes:", x: x, y: y + 1, role: .title, maxWidth: width, unicode: unicode)
        var line = 2
        for cause in anomaly.rootCauses where line < maxLines {
            let amount = AnomalyText.impact(cause.impact, glyphs: glyphs, symbol: symbol)
            grid.putData("\(cause.dimension) \(cause.key)", x: x, y: y + line, maxWidth: width - DisplayWidth.of(amount) - 1,
                         unicode: unicode)
            grid.putRight(amount, right: x + width, y: y + line, role: AnomalyText.role(cause.impact))
            line += 1
        }
        return line
    }
}
