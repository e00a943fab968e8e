import CostEngine
import CostModel

/// `costtop coverage`: commitment coverage of eligible usage by a dimension (docs/commitments.md).
public struct CoverageOutput: Report {
    public var result: CoverageResult
    public var dimension: CostDimension
    /// The effective savings rate of the same selection, percent.
    public var savingsRate: Double?

    /// The output of `result`, grouped by `dimension`, captioned with the savings rate when given.
    public init(_ result: CoverageResult, by dimension: CostDimension, savingsRate: Double? = nil) {
        self.result = result
        self.dimension = dimension
        self.savingsRate = savingsRate
    }

    public var table: ReportTable {
        var title = "coverage by \(dimension) · \(result.currency ?? "no eligible usage") · \(result.period) · on-demand-equivalent cost"
        if let savingsRate { title += " · effective savings rate \(NumberText.oneDecimal(savingsRate))%" }
        let columns = [
            ReportColumn.display(dimension.description.uppercased(), alignment: .left),
            ReportColumn.data("key"),
            ReportColumn.data("name"),
            ReportColumn("COVERED", field: "covered_cost"),
            ReportColumn("ELIGIBLE", field: "eligible_cost"),
            ReportColumn("COVERAGE", field: "coverage"),
            ReportColumn("ON DEMAND", field: "on_demand_cost"),
            ReportColumn.data("covered_hours"),
            ReportColumn.data("eligible_hours"),
            ReportColumn("HOURS COV", field: "hours_coverage"),
        ]
        let rows = result.rows.map { row(for: $0, kind: .item) } + [row(for: result.total, kind: .total)]
        return ReportTable(title: title, columns: columns, rows: rows)
    }

    private func row(for row: CoverageRow, kind: ReportRow.Kind) -> ReportRow {
        ReportRow([.text(row.name.map { "\(row.key) (\($0))" } ?? row.key), .text(row.key), .text(row.name ?? ""),
                   .money(row.coveredCost), .money(row.eligibleCost), .percent(row.coverage, missing: "—"),
                   .money(row.onDemandCost), .decimal(row.coveredHours), .decimal(row.eligibleHours),
                   .percent(row.hoursCoverage, missing: "—")], kind: kind)
    }

    public var document: CoverageDocument {
        func figures(_ row: CoverageRow, keyed: Bool) -> CoverageDocument.Figures {
            CoverageDocument.Figures(
                key: keyed ? row.key : nil, name: keyed ? row.name : nil,
                coveredCost: JSONDecimal(money: row.coveredCost), eligibleCost: JSONDecimal(money: row.eligibleCost),
                coverage: Nullable(row.coverage.map(JSONDecimal.init)), onDemandCost: JSONDecimal(money: row.onDemandCost),
                coveredHours: JSONDecimal(row.coveredHours), eligibleHours: JSONDecimal(row.eligibleHours),
                hoursCoverage: Nullable(row.hoursCoverage.map(JSONDecimal.init)))
        }
        return CoverageDocument(
            by: dimension.description, from: result.period.from.description, to: result.period.to.description,
            currency: Nullable(result.currency), total: figures(result.total, keyed: false),
            effectiveSavingsRate: Nullable(savingsRate.map(JSONDecimal.init)),
            rows: result.rows.map { figures($0, keyed: true) })
    }
}
