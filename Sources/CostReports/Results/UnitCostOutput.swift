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

    /// One row's figures (the shared `UnitCost` builder); nil where a volume is missing or zero.
    func figures(_ line: QueryReport.Line) -> UnitCost {
        let spec = report.result.spec
        return UnitCost(cost: line.cost, previous: line.previous, metric: metric, key: line.isOther ? nil : line.key,
                        metrics: metrics, period: spec.period, comparison: spec.comparison)
    }

    public var table: ReportTable {
        let spec = report.result.spec
        let columns = [
            ReportColumn(spec.groupBy.description.uppercased(), field: "key", alignment: .left, maxWidth: 60),
            ReportColumn("COST", field: "cost"),
        ] + UnitCostColumns.columns
        let rows = report.lines.map { line -> ReportRow in
            ReportRow([.text(line.key), .money(line.cost)] + UnitCostColumns.cells(figures(line)))
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
                let f = UnitCostColumns.fields(figures(line))
                return UnitCostDocument.Row(key: line.key, cost: JSONDecimal(money: line.cost), volume: f.volume,
                                            unitCost: f.unitCost, previousUnitCost: f.previousUnitCost,
                                            unitDeltaPct: f.unitDeltaPct, costGrowthPct: f.costGrowthPct,
                                            volumeGrowthPct: f.volumeGrowthPct)
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
