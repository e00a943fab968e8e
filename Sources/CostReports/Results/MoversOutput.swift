import CostEngine
import CostModel

/// `costtop movers`: the largest changes between two windows and their drivers (docs/movers.md).
///
/// Every format prints the same cent figures: cost and previous rounded to the cent, delta their
/// difference, and the drivers apportioned so they add up to that delta exactly
/// (`MoverDriver.cents`). The table shows the drivers as one `kind +1.00` list and any note; CSV
/// has a field per driver kind.
public struct MoversOutput: Report {
    public var result: MoversResult
    /// Notes per `Mover.pathText`.
    public var notes: [String: String]

    /// The output of `movers`, in the analysis's order (largest change first).
    public init(_ result: MoversResult, notes: [String: String] = [:]) {
        self.result = result
        self.notes = notes
    }

    /// A mover's figures in cents, as every format prints them.
    public struct CentFigures: Sendable {
        public var cost: Int128
        public var previous: Int128
        public var delta: Int128 { cost - previous }
        public var drivers: [(kind: MoverDriverKind, cents: Int128)]
    }

    /// Rounds a mover to cents with drivers that add up to the printed delta.
    public static func cents(_ mover: Mover) -> CentFigures {
        let cost = MoverDriver.roundToCents(mover.cost), previous = MoverDriver.roundToCents(mover.previous)
        return CentFigures(cost: cost, previous: previous,
                           drivers: MoverDriver.cents(mover.drivers, summingTo: cost - previous))
    }

    private static let centNanos: Int128 = 10_000_000

    public var table: ReportTable {
        var columns = [
            ReportColumn.display("PATH", alignment: .left, maxWidth: 60),
            ReportColumn.data("path"),
            ReportColumn("NOW", field: "cost"),
            ReportColumn("BEFORE", field: "previous"),
            ReportColumn("DELTA", field: "delta"),
            ReportColumn("DELTA %", field: "delta_pct"),
            ReportColumn.display("DRIVERS", alignment: .left),
        ]
        columns += MoverDriverKind.allCases.map { ReportColumn.data($0.rawValue) }
        columns.append(ReportColumn("NOTE", field: "note", alignment: .left, maxWidth: 40))
        let rows = result.movers.map { mover -> ReportRow in
            let figures = Self.cents(mover)
            let driverText = figures.drivers.map { "\($0.kind.rawValue) \($0.cents > 0 ? "+" : "")\(Money.plainString($0.cents * Self.centNanos))" }
            var cells: [ReportValue] = [
                .text(mover.path.map(\.key).joined(separator: " › ")), .text(mover.pathText),
                .money(figures.cost * Self.centNanos), .money(figures.previous * Self.centNanos),
                .money(figures.delta * Self.centNanos, signed: true), .percent(mover.deltaPercent, signed: true, missing: "new"),
                .text(driverText.joined(separator: ", ")),
            ]
            cells += MoverDriverKind.allCases.map { kind in
                .money((figures.drivers.first { $0.kind == kind }?.cents ?? 0) * Self.centNanos)
            }
            cells.append(.text(notes[mover.pathText] ?? ""))
            return ReportRow(cells)
        }
        let spec = result.spec
        let title = "\(result.movers.count) mover\(result.movers.count == 1 ? "" : "s"), \(spec.period) against \(spec.comparison)"
            + (spec.perDay ? ", daily averages" : "") + ", \(spec.metric.rawValue) cost" + (result.currency.map { " in \($0)" } ?? "")
        return ReportTable(title: title, columns: columns, rows: rows)
    }

    public var document: MoversDocument {
        let spec = result.spec
        return MoversDocument(
            from: spec.period.from.description, to: spec.period.to.description,
            compareFrom: spec.comparison.from.description, compareTo: spec.comparison.to.description,
            metric: spec.metric.rawValue, currency: Nullable(result.currency),
            movers: result.movers.map { mover in
                let figures = Self.cents(mover)
                return MoversDocument.Mover(
                    path: mover.path.map { MoversDocument.Step(dimension: $0.dimension, key: $0.key) },
                    cost: JSONDecimal(money: figures.cost * Self.centNanos),
                    previous: JSONDecimal(money: figures.previous * Self.centNanos),
                    delta: JSONDecimal(money: figures.delta * Self.centNanos),
                    deltaPct: Nullable(mover.deltaPercent.map(JSONDecimal.init)),
                    drivers: figures.drivers.map { MoversDocument.Driver(kind: $0.kind.rawValue, amount: JSONDecimal(money: $0.cents * Self.centNanos)) })
            })
    }
}
