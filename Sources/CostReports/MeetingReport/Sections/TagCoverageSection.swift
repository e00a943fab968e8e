import CostEngine
import CostModel

/// Tag coverage for the main tag keys: for each of the most-used keys (by the cost carrying it),
/// the share of the period's cost that carries the key, against the comparison window. Untagged
/// spend is what showback and chargeback cannot place.
public struct TagCoverageSection: ReportSection {
    public let anchor = "tags"
    /// Keys listed.
    public var limit = 6

    public init() {}

    /// One key's figures.
    struct KeyCoverage {
        var key: String
        var tagged: Int128
        var total: Int128
        var previousTagged: Int128
        var previousTotal: Int128
        var values: Int
    }

    public func section(in context: ReportContext) throws -> DocumentSection? {
        let title = "Tag coverage"
        // Tag keys in the cache's own order, then sorted by tagged cost with the key breaking ties:
        // the same on every run.
        var keys: [KeyCoverage] = []
        for key in context.cache.tagKeys {
            let result = try context.query(by: .tag(key))
            let tagged = result.rows.filter { !$0.isMissing }
            keys.append(KeyCoverage(key: key, tagged: tagged.reduce(0) { $0 + $1.cost }, total: result.total,
                                    previousTagged: tagged.reduce(0) { $0 + $1.previous }, previousTotal: result.previousTotal,
                                    values: tagged.filter { $0.cost != 0 }.count))
        }
        keys = keys.filter { $0.tagged != 0 || $0.previousTagged != 0 }
        guard !keys.isEmpty else {
            return DocumentSection(anchor: anchor, title: title, blocks: [.paragraph("No cost in \(context.period) carries a tag.")])
        }
        keys.sort { ($0.tagged, $1.key) > ($1.tagged, $0.key) }
        func share(_ part: Int128, _ whole: Int128) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) * 100 }
        let rows = keys.prefix(limit).map { key in
            ReportRow([.text(key.key), .money(key.tagged), .money(key.total - key.tagged), .percent(share(key.tagged, key.total), missing: "—"),
                       .percent(share(key.previousTagged, key.previousTotal), missing: "—"), .integer(key.values)])
        }
        let table = ReportTable(title: "Share of cost carrying each tag key, most-used keys first", columns: [
            ReportColumn("TAG KEY", field: "key", alignment: .left),
            ReportColumn("TAGGED", field: "tagged"),
            ReportColumn("UNTAGGED", field: "untagged"),
            ReportColumn("COVERAGE", field: "coverage"),
            ReportColumn("BEFORE", field: "previous_coverage"),
            ReportColumn("VALUES", field: "values"),
        ], rows: Array(rows), notes: keys.count > limit ? ["\(keys.count - limit) more tag key\(keys.count - limit == 1 ? "" : "s") carry cost."] : [])
        let best = keys[0]
        let text = "The most-used key, \(best.key), is on "
            + (share(best.tagged, best.total).map { NumberText.oneDecimal($0) + "%" } ?? "none")
            + " of the period's cost. BEFORE is the same share in \(context.comparison); VALUES counts the key's values with cost."
        return DocumentSection(anchor: anchor, title: title, blocks: [.paragraph(text), .table(table)])
    }
}
