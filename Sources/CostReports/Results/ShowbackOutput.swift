import CostEngine
import CostModel

/// `costtop showback`: a category's values with their direct cost, what splits moved in and out,
/// total, share of the total and change against the previous period.
///
/// Table columns: VALUE, DIRECT, ALLOCATED IN, ALLOCATED OUT, TOTAL, SHARE, PREVIOUS, DELTA, DELTA %,
/// and FROM (the splits a value received from); CSV adds FOCUS 1.3-style `AllocatedMethodId` and
/// `AllocatedRatio` (the fraction of the value's total that came from splits). With a business
/// metric (`--per`), the unit-cost columns of `query --per` follow, for each value's total.
public struct ShowbackOutput: Report {
    public let result: QueryResult
    /// The rules file, for the caption and the document.
    public let rulesFile: String?
    /// The business metric unit costs are shown per, and the metrics kept beside the cache.
    public let per: (metric: String, metrics: BusinessMetrics)?

    /// The showback of `result`, a query grouped by a category with a comparison period; with
    /// `per`, each value's total per unit of that metric.
    public init(_ result: QueryResult, rulesFile: String?, per: (metric: String, metrics: BusinessMetrics)? = nil) {
        self.result = result
        self.rulesFile = rulesFile
        self.per = per
    }

    /// A row's unit cost (`key` nil for the total), when unit costs are asked for.
    private func unitCost(_ key: String?, cost: Int128, previous: Int128) -> UnitCost? {
        per.map { UnitCost(cost: cost, previous: previous, metric: $0.metric, key: key, metrics: $0.metrics,
                           period: result.spec.period, comparison: result.spec.comparison) }
    }

    /// Rows by total, largest first; ties by name.
    var rows: [QueryRow] {
        result.rows.sorted { $0.cost != $1.cost ? $0.cost > $1.cost : $0.key < $1.key }
    }

    private func flow(_ row: QueryRow) -> AllocationFlow { row.allocation ?? AllocationFlow(direct: row.cost) }

    private func share(_ cost: Int128) -> Double? {
        result.total == 0 ? nil : Double(cost) / Double(result.total) * 100
    }

    private func deltaPercent(_ row: QueryRow) -> Double? {
        row.previous == 0 ? nil : Double(row.cost - row.previous) / Double(abs(row.previous)) * 100
    }

    public var table: ReportTable {
        let columns = [
            ReportColumn(result.spec.groupBy.description.uppercased(), field: "value", alignment: .left, maxWidth: 40),
            ReportColumn("DIRECT", field: "direct"),
            ReportColumn("ALLOCATED IN", field: "allocated_in"),
            ReportColumn("ALLOCATED OUT", field: "allocated_out"),
            ReportColumn("TOTAL", field: "total"),
            ReportColumn("SHARE", field: "share"),
            ReportColumn("PREVIOUS", field: "previous"),
            ReportColumn("DELTA", field: "delta"),
            ReportColumn("DELTA %", field: "delta_pct"),
            .display("FROM", alignment: .left, maxWidth: 50),
            .data("AllocatedMethodId"),
            .data("AllocatedRatio"),
        ] + (per == nil ? [] : UnitCostColumns.columns)
        var direct: Int128 = 0, allocatedIn: Int128 = 0, allocatedOut: Int128 = 0
        var tableRows = rows.map { row -> ReportRow in
            let flow = flow(row)
            direct += flow.direct
            allocatedIn += flow.allocatedIn
            allocatedOut += flow.allocatedOut
            // Tables name the sources; CSV carries the methods, as FOCUS's AllocatedMethodId.
            let sources = flow.received.map { "\($0.source) (\($0.method))" }.joined(separator: ", ")
            let methods = Array(Set(flow.received.map(\.method))).sorted().joined(separator: ";")
            let ratio = flow.received.isEmpty || row.cost == 0 ? "" : NumberText.sixDecimals(Double(flow.allocatedIn) / Double(row.cost))
            return ReportRow([.text(row.key), .money(flow.direct), .money(flow.allocatedIn), .money(flow.allocatedOut),
                              .money(row.cost), .percent(share(row.cost)), .money(row.previous),
                              .money(row.cost - row.previous, signed: true),
                              .percent(deltaPercent(row), signed: true, missing: row.cost == 0 ? "" : "new"),
                              .text(sources), .text(methods), .text(ratio)]
                             + (unitCost(row.key, cost: row.cost, previous: row.previous).map(UnitCostColumns.cells) ?? []))
        }
        if result.currency != nil {
            let delta = result.total - result.previousTotal
            tableRows.append(ReportRow([
                .text("TOTAL"), .money(direct), .money(allocatedIn), .money(allocatedOut), .money(result.total),
                .percent(result.total == 0 ? nil : 100), .money(result.previousTotal), .money(delta, signed: true),
                .displayOnly(.percent(result.previousTotal == 0 ? nil : Double(delta) / Double(abs(result.previousTotal)) * 100,
                                      signed: true)),
                .text(""), .text(""), .text(""),
            ] + (unitCost(nil, cost: result.total, previous: result.previousTotal).map(UnitCostColumns.cells) ?? []),
            kind: .total))
        }
        return ReportTable(title: caption, columns: columns, rows: tableRows, notes: [])
    }

    private var caption: String {
        let spec = result.spec
        var caption = "showback · \(spec.groupBy) · \(spec.metric.rawValue) cost · \(result.currency ?? "all currencies") · \(spec.period)"
        if let comparison = spec.comparison { caption += " vs \(comparison)" }
        if let per { caption += " · per \(per.metric)" }
        if !spec.filters.isEmpty { caption += " · " + spec.filters.map(\.description).joined(separator: ", ") }
        return caption
    }

    public var document: ShowbackDocument {
        let spec = result.spec
        let outOf = Dictionary(result.rows.map { ($0.key, $0.allocation?.allocatedOut ?? 0) }, uniquingKeysWith: { $1 })
        return ShowbackDocument(
            by: spec.groupBy.description, from: spec.period.from.description, to: spec.period.to.description,
            compareFrom: spec.comparison?.from.description ?? "", compareTo: spec.comparison?.to.description ?? "",
            metric: spec.metric.rawValue, currency: Nullable(result.currency), filters: spec.filters.map(\.description),
            rules: Nullable(rulesFile), per: per?.metric, total: JSONDecimal(money: result.total),
            previousTotal: JSONDecimal(money: result.previousTotal),
            rows: rows.map { row in
                let flow = flow(row)
                return ShowbackDocument.Row(
                    value: row.key, direct: JSONDecimal(money: flow.direct), allocatedIn: JSONDecimal(money: flow.allocatedIn),
                    allocatedOut: JSONDecimal(money: flow.allocatedOut), unallocatable: JSONDecimal(money: flow.unallocatable),
                    total: JSONDecimal(money: row.cost), share: Nullable(share(row.cost).map(JSONDecimal.init)),
                    previous: JSONDecimal(money: row.previous), delta: JSONDecimal(money: row.cost - row.previous),
                    deltaPct: Nullable(deltaPercent(row).map(JSONDecimal.init)),
                    allocations: flow.received.map { share in
                        let out = outOf[share.source] ?? 0
                        return ShowbackDocument.Allocation(
                            source: share.source, AllocatedMethodId: share.method, amount: JSONDecimal(money: share.amount),
                            AllocatedRatio: out == 0 ? "0" : NumberText.sixDecimals(Double(share.amount) / Double(out)))
                    },
                    perUnit: unitCost(row.key, cost: row.cost, previous: row.previous).map(UnitCostColumns.fields))
            })
    }
}
