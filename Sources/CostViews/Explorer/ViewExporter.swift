import CostEngine
import CostModel
import CostReports
import Foundation

/// Writes the explorer's current view to a file through the same writer as `costtop query`: CSV
/// (formula-safe, the same columns and rounding), or a Markdown table when the name ends in `.md`.
enum ViewExporter {
    static func export(_ explorer: Explorer, to path: String) throws {
        let data = explorer.data
        let state = explorer.state
        let spec = QuerySpec(groupBy: state.level.groupBy, filters: state.activeFilters, period: data.period,
                             comparison: data.comparison, metric: state.metric, currency: data.currency)
        // The rows as shown: the explorer's order and `/` filter; the total is the whole level's.
        let result = QueryResult(spec: spec, currency: data.currency, otherCurrencies: data.otherCurrencies,
                                 total: data.total, previousTotal: data.previousTotal, rows: data.rows)
        var title = (["All"] + state.steps.map(\.key)).joined(separator: " › ")
        title += " · by \(spec.groupBy) · \(spec.metric.rawValue) cost · \(data.currency ?? "all currencies") · \(data.period)"
        if let comparison = data.comparison { title += " vs \(comparison)" }
        // No TOTAL row: under a `/` filter the rows shown are not all the total is made of.
        let output = QueryOutput(QueryReport(orderedResult: result), title: title, includesTotal: false)
        let format: ReportFormat = path.lowercased().hasSuffix(".md") ? .markdown : .csv
        try output.render(as: format, sanitize: false).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
