import CostEngine
import CostModel
import Foundation

/// Writes the explorer's current view to a file: CSV (formula-safe, like `costtop query`), or a
/// Markdown table when the name ends in `.md`.
enum ViewExporter {
    static func export(_ explorer: Explorer, to path: String) throws {
        let data = explorer.data
        let state = explorer.state
        let dimension = state.level.groupBy.description
        var lines: [String] = []
        let markdown = path.lowercased().hasSuffix(".md")
        if markdown {
            let path = (["All"] + state.steps.map { $0.key }).joined(separator: " › ")
            lines.append("**\(path)** — \(state.metric.rawValue) cost, \(data.period)"
                         + (data.comparison.map { " vs \($0)" } ?? "") + (data.currency.map { ", \($0)" } ?? ""))
            lines.append("")
            lines.append("| \(dimension) | cost | previous | delta | delta % | share % |")
            lines.append("|---|---:|---:|---:|---:|---:|")
        } else {
            lines.append("key,name,cost,previous,delta,delta_pct,share")
        }
        for row in data.rows {
            let pct = row.previous == 0 ? "" : String(format: "%.2f", Double(row.delta) / Double(abs(row.previous)) * 100)
            let share = data.total == 0 ? "" : String(format: "%.2f", Double(row.cost) / Double(data.total) * 100)
            if markdown {
                let key = row.key.replacingOccurrences(of: "|", with: "\\|")
                lines.append("| \(key) | \(Money.plainString(row.cost)) | \(Money.plainString(row.previous)) | "
                             + "\(Money.plainString(row.delta)) | \(pct) | \(share) |")
            } else {
                lines.append([ReportRenderer.csvCell(row.key, sanitize: false), ReportRenderer.csvCell(row.name ?? "", sanitize: false),
                              Money.plainString(row.cost), Money.plainString(row.previous), Money.plainString(row.delta),
                              pct, share].joined(separator: ","))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
