import CostEngine
import CostModel

/// Top movers: the largest changes down account › service › usage type, each split into drivers
/// that add up to it to the cent (`MoversAnalysis`, docs/movers.md), with the notes people added in
/// the explorer; and a waterfall from the previous total to this one through the drivers.
public struct MoversSection: ReportSection {
    public let anchor = "movers"
    /// Movers listed.
    public var limit = 10

    public init() {}

    private static let centNanos: Int128 = 10_000_000

    public func section(in context: ReportContext) throws -> DocumentSection? {
        let spec = MoversSpec(period: context.period, comparison: context.comparison, metric: context.metric, limit: limit)
        let result = try MoversAnalysis(cache: context.cache).run(spec)
        var blocks: [DocumentBlock] = []
        guard !result.movers.isEmpty, let currency = result.currency else {
            blocks.append(.paragraph("No node changed by \(Money.groupedString(spec.minimumChange)) or more between the two windows."))
            return DocumentSection(anchor: anchor, title: "Top movers", blocks: blocks)
        }
        let figures = result.movers.map(MoversOutput.cents)
        let explained = figures.reduce(Int128(0)) { $0 + $1.delta }
        let change = MoverDriver.roundToCents(result.total) - MoverDriver.roundToCents(result.previousTotal)
        let one = result.movers.count == 1
        blocks.append(.paragraph((one ? "The largest change, reported" : "The \(result.movers.count) largest changes, each reported once")
            + " at the deepest node that explains it, account › service › usage type. "
            + (one ? "It moves " : "Together they move ")
            + "\(ReportContext.money(explained * Self.centNanos, currency)) of the "
            + "\(ReportContext.money(change * Self.centNanos, currency)) change."))
        blocks.append(.table(table(result, figures: figures, notes: context.moverNotes)))
        blocks.append(.chart(waterfall(result, figures: figures, currency: currency)))
        return DocumentSection(anchor: anchor, title: "Top movers", blocks: blocks)
    }

    private func table(_ result: MoversResult, figures: [MoversOutput.CentFigures], notes: [String: String]) -> ReportTable {
        let hasNotes = result.movers.contains { notes[$0.pathText] != nil }
        var columns = [
            ReportColumn("MOVER", field: "path", alignment: .left),
            ReportColumn("NOW", field: "cost"),
            ReportColumn("DELTA", field: "delta"),
            ReportColumn("DELTA %", field: "delta_pct"),
            ReportColumn("DRIVERS", field: "drivers", alignment: .left),
        ]
        if hasNotes { columns.append(ReportColumn("NOTE", field: "note", alignment: .left)) }
        let rows = zip(result.movers, figures).map { mover, figures -> ReportRow in
            let drivers = figures.drivers.map { "\($0.kind.rawValue) \($0.cents > 0 ? "+" : "")\(Money.groupedString($0.cents * Self.centNanos))" }
            var cells: [ReportValue] = [
                .text(mover.path.map(\.key).joined(separator: " › ")), .money(figures.cost * Self.centNanos),
                .money(figures.delta * Self.centNanos, signed: true), .percent(mover.deltaPercent, signed: true, missing: "new"),
                .text(drivers.joined(separator: ", ")),
            ]
            if hasNotes { cells.append(.text(notes[mover.pathText] ?? "")) }
            return ReportRow(cells)
        }
        return ReportTable(title: "Largest changes, \(result.spec.metric.rawValue) cost", columns: columns, rows: rows)
    }

    /// Previous total → each driver kind summed over the movers → the rest of the change → this total,
    /// all in cents so the bars add up exactly to the printed totals.
    private func waterfall(_ result: MoversResult, figures: [MoversOutput.CentFigures], currency: String) -> Chart {
        let before = MoverDriver.roundToCents(result.previousTotal), now = MoverDriver.roundToCents(result.total)
        var bars = [WaterfallChart.Bar(label: "before", amount: before * Self.centNanos, isTotal: true)]
        var explained: Int128 = 0
        for kind in MoverDriverKind.allCases {
            let sum = figures.reduce(Int128(0)) { total, mover in total + mover.drivers.filter { $0.kind == kind }.reduce(0) { $0 + $1.cents } }
            guard sum != 0 else { continue }
            explained += sum
            bars.append(WaterfallChart.Bar(label: kind.rawValue, amount: sum * Self.centNanos, isTotal: false))
        }
        let rest = now - before - explained
        if rest != 0 { bars.append(WaterfallChart.Bar(label: "other", amount: rest * Self.centNanos, isTotal: false)) }
        bars.append(WaterfallChart.Bar(label: "now", amount: now * Self.centNanos, isTotal: true))
        return Chart(title: "From \(result.spec.comparison) to \(result.spec.period): the movers' drivers",
                     kind: .waterfall(WaterfallChart(bars: bars, currency: currency)))
    }
}
