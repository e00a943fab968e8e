import CostEngine

/// The row of commitment gauges under the breadcrumb: coverage and utilization as bar gauges and
/// the unused commitment in money, for the current drill context; more figures (uncovered
/// eligible spend at on-demand prices, effective savings rate, number of commitments) when the row has room.
enum GaugeStrip {
    /// Bar widths tried, widest first: the widest that leaves room for the rest is used.
    private static let barWidths = [20, 12, 10, 8, 6, 4]

    static func render(_ summary: CommitmentSummary, thresholds: GaugeThresholds, currency: String?, y: Int,
                       unicode: Bool, into grid: inout CellGrid) {
        let width = grid.width
        let symbol = Formatting.symbol(currency, unicode: unicode)
        let dash = unicode ? "—" : "-"
        let utilizationLevel = thresholds.utilization(summary.utilization)
        let coverageLevel = thresholds.coverage(summary.coverage)
        func unusedText(compact: Bool) -> String {
            summary.totalCommitment == 0 ? dash : Formatting.money(summary.unused, compact: compact, symbol: symbol)
        }

        // The narrowest form that fits: full labels and amounts, then compact amounts, then short labels.
        var labels = ("coverage", "utilization")
        var unused = unusedText(compact: false)
        func needed(bar: Int) -> Int {
            1 + labels.0.count + 1 + Gauge.width(bar: bar) + 2 + labels.1.count + 1 + Gauge.width(bar: bar) + 2
                + "unused ".count + DisplayWidth.of(unused)
        }
        let smallest = barWidths[barWidths.count - 1]
        if needed(bar: smallest) > width { unused = unusedText(compact: true) }
        if needed(bar: smallest) > width { labels = ("cov", "util") }
        let bar = barWidths.first { needed(bar: $0) <= width } ?? smallest

        var x = 1
        x += grid.put(labels.0 + " ", x: x, y: y, role: .muted)
        x += Gauge.draw(summary.coverage, level: coverageLevel, barWidth: bar, x: x, y: y, unicode: unicode, into: &grid)
        x += 2
        x += grid.put(labels.1 + " ", x: x, y: y, role: .muted)
        x += Gauge.draw(summary.utilization, level: utilizationLevel, barWidth: bar, x: x, y: y, unicode: unicode,
                        into: &grid)
        x += 2
        x += grid.put("unused ", x: x, y: y, role: .muted)
        // Unused money is the other face of utilization, so it takes utilization's colour.
        x += grid.put(unused, x: x, y: y, role: summary.totalCommitment == 0 ? .muted : utilizationLevel?.role ?? .normal)

        // Extras, each only when it fits whole.
        var extras: [(label: String, value: String)] = []
        if summary.coverage != nil {
            extras.append(("uncovered ", Formatting.money(summary.uncoveredOnDemand, compact: true, symbol: symbol)))
        }
        // Not clamped like the gauges: unused commitment can make the savings rate negative.
        if let savings = summary.effectiveSavingsRate { extras.append(("savings ", String(format: "%.1f%%", savings))) }
        if summary.commitmentCount > 0 {
            extras.append(("", summary.commitmentCount == 1 ? "1 commitment" : "\(summary.commitmentCount) commitments"))
        }
        for extra in extras {
            let columns = 3 + extra.label.count + DisplayWidth.of(extra.value)
            guard x + columns < width else { break }
            x += 3
            x += grid.put(extra.label, x: x, y: y, role: .muted)
            x += grid.put(extra.value, x: x, y: y, role: .normal)
        }
    }
}
