import CostEngine
import CostModel

/// `costtop query --per METRIC`: each row's cost per unit of a business metric, and its change
/// split into cost growth and volume growth (unit change = (1 + cost growth) ÷ (1 + volume growth) − 1).
///
/// Table columns: KEY, COST, VOLUME, PER UNIT, PREVIOUS PER UNIT, UNIT Δ %, COST Δ %, VOLUME Δ %. A
/// row with no volume (zero or no metric days) shows — instead of dividing by zero.
public struct UnitCostOutput: Report {
    public let report: QueryReport
    public let metric: String
    public let metrics: BusinessMetrics

    /// Unit costs of `report`'s rows per `metric`.
    public init(_ report: QueryReport, metric: String, metrics: BusinessMetrics) {
        self.report = report
        self.metric = metric
        self.metrics = metrics
    }

    /// One row's figures; nil where a volume is missing or zero.
    struct Figures {
        var volume: Double?, previousVolume: Double?
        var unit: Double?, previousUnit: Double?
        var unitChange: Double?, costChange: Double?, volumeChange: Double?
    }

    func figures(_ line: QueryReport.Line) -> Figures {
        let spec = report.result.spec
        let key = line.isOther ? nil : line.key
        let volume = metrics.volume(metric, key: key, in: spec.period)
        let previousVolume = spec.comparison.flatMap { metrics.volume(metric, key: key, in: $0) }
        func per(_ cost: Int128, _ volume: Double?) -> Double? {
            guard let volume, volume > 0 else { return nil }
            return Double(cost) / 1e9 / volume
        }
        func growth(_ now: Double?, _ before: Double?) -> Double? {
            guard let now, let before, before != 0 else { return nil }
            return (now / before - 1) * 100
        }
        let unit = per(line.cost, volume), previousUnit = per(line.previous, previousVolume)
        return Figures(volume: volume, previousVolume: previousVolume, unit: unit, previousUnit: previousUnit,
                       unitChange: growth(unit, previousUnit),
                       costChange: growth(Double(line.cost), Double(line.previous)),
                       volumeChange: growth(volume, previousVolume))
    }

    public var table: ReportTable {
        let spec = report.result.spec
        let columns = [
            ReportColumn(spec.groupBy.description.uppercased(), field: "key", alignment: .left, maxWidth: 60),
            ReportColumn("COST", field: "cost"),
            ReportColumn("VOLUME", field: "volume"),
            ReportColumn("PER UNIT", field: "unit_cost"),
            ReportColumn("PREVIOUS PER UNIT", field: "previous_unit_cost"),
            ReportColumn("UNIT Δ %", field: "unit_delta_pct"),
            ReportColumn("COST Δ %", field: "cost_growth_pct"),
            ReportColumn("VOLUME Δ %", field: "volume_growth_pct"),
        ]
        let rows = report.lines.map { line -> ReportRow in
            let f = figures(line)
            func number(_ value: Double?) -> ReportValue { value.map { .decimal($0) } ?? .percent(nil, missing: "—") }
            return ReportRow([.text(line.key), .money(line.cost), number(f.volume), number(f.unit), number(f.previousUnit),
                              .percent(f.unitChange, signed: true, missing: "—"), .percent(f.costChange, signed: true, missing: "—"),
                              .percent(f.volumeChange, signed: true, missing: "—")])
        }
        let caption = "\(spec.groupBy) · \(spec.metric.rawValue) cost per \(metric) · \(report.result.currency ?? "") · \(spec.period)"
            + (spec.comparison.map { " vs \($0)" } ?? "")
        return ReportTable(title: caption, columns: columns, rows: rows, notes: [])
    }

    public var document: UnitCostDocument {
        let spec = report.result.spec
        return UnitCostDocument(
            by: spec.groupBy.description, per: metric, from: spec.period.from.description, to: spec.period.to.description,
            currency: Nullable(report.result.currency),
            rows: report.lines.map { line in
                let f = figures(line)
                func decimal(_ value: Double?) -> Nullable<JSONDecimal> { Nullable(value.map(JSONDecimal.init)) }
                return UnitCostDocument.Row(key: line.key, cost: JSONDecimal(money: line.cost), volume: decimal(f.volume),
                                            unitCost: decimal(f.unit), previousUnitCost: decimal(f.previousUnit),
                                            unitDeltaPct: decimal(f.unitChange), costGrowthPct: decimal(f.costChange),
                                            volumeGrowthPct: decimal(f.volumeChange))
            })
    }
}

/// `costtop query --per METRIC --format json`: unit costs per row; null where a volume is missing or zero.
public struct UnitCostDocument: Codable, Sendable {
    /// One row.
    public struct Row: Codable, Sendable {
        public var key: String
        public var cost: JSONDecimal
        public var volume: Nullable<JSONDecimal>
        public var unitCost: Nullable<JSONDecimal>
        public var previousUnitCost: Nullable<JSONDecimal>
        public var unitDeltaPct: Nullable<JSONDecimal>
        public var costGrowthPct: Nullable<JSONDecimal>
        public var volumeGrowthPct: Nullable<JSONDecimal>
    }

    public var by: String
    public var per: String
    public var from: String
    public var to: String
    public var currency: Nullable<String>
    public var rows: [Row]
}
