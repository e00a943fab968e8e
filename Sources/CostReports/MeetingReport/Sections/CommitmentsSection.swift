import CostEngine
import CostModel

/// Commitment coverage and utilization (`CommitmentAnalysis`, docs/commitments.md): how much of
/// the eligible usage Savings Plans, reservations and commitment discounts covered, how much of
/// what was bought was used, the money left unused; coverage by service and each commitment.
public struct CommitmentsSection: ReportSection {
    public let anchor = "commitments"
    /// Services and commitments listed.
    public var limit = 8

    public init() {}

    public func section(in context: ReportContext) throws -> DocumentSection? {
        let analysis = CommitmentAnalysis(cache: context.cache, rules: context.rules)
        let summary = try analysis.summary(filters: [], period: context.period)
        let before = try analysis.summary(filters: [], period: context.comparison)
        let currency = try analysis.currency(filters: [], period: context.period)
        let title = "Commitment coverage and utilization"
        guard summary.coverage != nil || summary.commitmentCount > 0 else {
            return DocumentSection(anchor: anchor, title: title,
                                   blocks: [.paragraph("No commitment-eligible usage and no commitments in \(context.period).")])
        }
        func percent(_ value: Double?) -> String { value.map { NumberText.oneDecimal($0) + "%" } ?? "—" }
        var blocks: [DocumentBlock] = [.figures([
            KeyFigure("Coverage", percent(summary.coverage), detail: "was " + percent(before.coverage)),
            KeyFigure("Utilization", percent(summary.utilization), detail: "was " + percent(before.utilization)),
            KeyFigure("Unused commitment", ReportContext.money(summary.unused, currency),
                      detail: "of " + ReportContext.money(summary.totalCommitment, currency)),
            KeyFigure("On demand, not covered", ReportContext.money(summary.uncoveredOnDemand, currency)),
            KeyFigure("Effective savings rate", percent(summary.effectiveSavingsRate),
                      detail: "\(summary.commitmentCount) commitment\(summary.commitmentCount == 1 ? "" : "s")"),
        ])]
        blocks.append(.paragraph("Coverage is the on-demand-equivalent cost of eligible usage a commitment covered; "
            + "utilization is the share of the commitments' cost that usage consumed (docs/commitments.md)."))
        let coverage = try analysis.coverage(by: .fixed(.service), filters: [], period: context.period)
        if !coverage.rows.isEmpty { blocks.append(.table(coverageTable(coverage))) }
        let commitments = try analysis.commitments(filters: [], period: context.period)
        if !commitments.isEmpty { blocks.append(.table(commitmentTable(commitments))) }
        return DocumentSection(anchor: anchor, title: title, blocks: blocks)
    }

    private func coverageTable(_ result: CoverageResult) -> ReportTable {
        let rows = result.rows.prefix(limit).map { row in
            ReportRow([.text(row.key), .money(row.coveredCost), .money(row.eligibleCost), .percent(row.coverage, missing: "—"),
                       .money(row.onDemandCost)])
        }
        let total = result.total
        return ReportTable(title: "Coverage by service, on-demand-equivalent cost", columns: [
            ReportColumn("SERVICE", field: "service", alignment: .left),
            ReportColumn("COVERED", field: "covered"),
            ReportColumn("ELIGIBLE", field: "eligible"),
            ReportColumn("COVERAGE", field: "coverage"),
            ReportColumn("ON DEMAND", field: "on_demand"),
        ], rows: Array(rows) + [ReportRow([.text("TOTAL"), .money(total.coveredCost), .money(total.eligibleCost),
                                           .percent(total.coverage, missing: "—"), .money(total.onDemandCost)], kind: .total)],
           notes: result.rows.count > limit ? ["\(result.rows.count - limit) more service\(result.rows.count - limit == 1 ? "" : "s") in the total."] : [])
    }

    private func commitmentTable(_ commitments: [CommitmentRow]) -> ReportTable {
        let rows = commitments.prefix(limit).map { row in
            ReportRow([.text(row.id), .text(row.type), .money(row.totalCommitment), .money(row.unused),
                       .percent(row.utilization, missing: "—")])
        }
        return ReportTable(title: "Commitments, largest first", columns: [
            ReportColumn("COMMITMENT", field: "id", alignment: .left),
            ReportColumn("TYPE", field: "type", alignment: .left),
            ReportColumn("TOTAL", field: "total"),
            ReportColumn("UNUSED", field: "unused"),
            ReportColumn("UTILIZATION", field: "utilization"),
        ], rows: Array(rows), notes: commitments.count > limit ? ["\(commitments.count - limit) more commitment\(commitments.count - limit == 1 ? "" : "s")."] : [])
    }
}
