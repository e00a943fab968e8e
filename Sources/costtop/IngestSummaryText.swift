import CostIngest
import CostModel

/// The summary `costtop ingest` prints at the end.
enum IngestSummaryText {
    static func render(_ summary: IngestSummary) -> String {
        var lines: [String] = []
        var files = "\(summary.filesRead) file\(summary.filesRead == 1 ? "" : "s") read"
        if summary.filesUnchanged > 0 { files += ", \(summary.filesUnchanged) unchanged" }
        if summary.filesSuperseded > 0 { files += ", \(summary.filesSuperseded) superseded by a later assembly" }
        if !summary.leftoversRemoved.isEmpty {
            files += ", \(summary.leftoversRemoved.count) temporary file(s) of a killed ingest removed"
        }
        if summary.rollupMonthsReplaced > 0 {
            files += ", \(summary.rollupMonthsReplaced) roll-up month(s) replaced by a later export"
        }
        if summary.sourcesRemoved > 0 { files += ", \(summary.sourcesRemoved) removed" }
        lines.append("files         \(files)")
        if !summary.formats.isEmpty {
            lines.append("formats       " + summary.formats.map { "\($0.format) (\($0.files) file\($0.files == 1 ? "" : "s"))" }
                .joined(separator: ", "))
        }
        for kind in summary.azureKinds {
            lines.append("cost kind     \(kind.format) \(kind.how)"
                         + (kind.files > 1 ? " and \(kind.files - 1) more file\(kind.files == 2 ? "" : "s") told the same way" : ""))
        }
        var items = "\(grouped(summary.lineItems)) line items, \(grouped(summary.rejected)) rejected"
        if let rejects = summary.rejectsPath { items += " (see \(rejects))" }
        lines.append("line items    \(items)")
        var rows = "\(grouped(Int64(summary.cacheRows))) rows"
        if let days = summary.days { rows += ", \(days.from) to \(days.to) (\(days.dayCount) days)" }
        lines.append("cache         \(rows) in \(summary.cachePath)")
        for total in summary.totals {
            lines.append("total \(total.currency.padding(toLength: 7, withPad: " ", startingAt: 0)) "
                         + "billed \(Money.groupedString(total.billed)), effective \(Money.groupedString(total.effective))")
        }
        for column in summary.defaultedColumns {
            lines.append("default used  \(column.column) — missing in \(column.files) file\(column.files == 1 ? "" : "s")")
        }
        for warning in summary.warnings { lines.append("warning       \(warning)") }
        let seconds = max(summary.seconds, 0.000_001)
        let rate = Double(summary.lineItems) / seconds
        let megabytes = Double(summary.bytesRead) / 1_048_576 / seconds
        lines.append("time          \(String(format: "%.2f", summary.seconds)) s "
                     + "(\(grouped(Int64(rate))) line items/s, \(String(format: "%.1f", megabytes)) MiB/s)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Where the time went, one line per phase (`--timings`).
    static func renderPhases(_ summary: IngestSummary) -> String {
        summary.phases.map { "phase         \($0.name.padding(toLength: 18, withPad: " ", startingAt: 0)) "
            + String(format: "%7.3f s", $0.seconds) + "\n" }.joined()
    }

    static func grouped(_ value: Int64) -> String {
        let digits = Array(String(abs(value)))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }
}

import Foundation
