import CostModel

/// Renders coverage and commitment utilization as a table, CSV or JSON (money rounded to the cent,
/// percentages 0-100 rounded to 0.01, null where a figure does not exist).
public enum CommitmentRenderer {
    // MARK: - Coverage

    /// `costtop coverage` output.
    /// - Parameter savingsRate: the effective savings rate of the same selection, percent.
    public static func coverage(_ result: CoverageResult, by dimension: CostDimension, format: ReportRenderer.Format,
                                sanitize: Bool, savingsRate: Double? = nil) -> String {
        switch format {
        case .json:
            func object(_ row: CoverageRow, isTotal: Bool = false) -> String {
                var text = "{"
                if !isTotal { text += "\"key\":\(ReportRenderer.quote(row.key)),\(row.name.map { "\"name\":\(ReportRenderer.quote($0))," } ?? "")" }
                text += "\"coveredCost\":\(Money.plainString(row.coveredCost)),\"eligibleCost\":\(Money.plainString(row.eligibleCost)),"
                text += "\"coverage\":\(row.coverage.map(ReportRenderer.format2) ?? "null"),"
                text += "\"onDemandCost\":\(Money.plainString(row.onDemandCost)),"
                text += "\"coveredHours\":\(ReportRenderer.format2(row.coveredHours)),\"eligibleHours\":\(ReportRenderer.format2(row.eligibleHours)),"
                text += "\"hoursCoverage\":\(row.hoursCoverage.map(ReportRenderer.format2) ?? "null")}"
                return text
            }
            return "{\"by\":\(ReportRenderer.quote(dimension.description)),\"from\":\"\(result.period.from)\",\"to\":\"\(result.period.to)\","
                + "\"currency\":\(result.currency.map(ReportRenderer.quote) ?? "null"),\"total\":\(object(result.total, isTotal: true)),"
                + "\"effectiveSavingsRate\":\(savingsRate.map(ReportRenderer.format2) ?? "null"),"
                + "\"rows\":[\(result.rows.map { object($0) }.joined(separator: ","))]}\n"
        case .csv:
            var lines = ["key,name,covered_cost,eligible_cost,coverage,on_demand_cost,covered_hours,eligible_hours,hours_coverage"]
            for row in result.rows + [result.total] {
                lines.append([ReportRenderer.csvCell(row.key, sanitize: sanitize), ReportRenderer.csvCell(row.name ?? "", sanitize: sanitize),
                              Money.plainString(row.coveredCost), Money.plainString(row.eligibleCost),
                              row.coverage.map(ReportRenderer.format2) ?? "", Money.plainString(row.onDemandCost),
                              ReportRenderer.format2(row.coveredHours), ReportRenderer.format2(row.eligibleHours),
                              row.hoursCoverage.map(ReportRenderer.format2) ?? ""].joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        case .table:
            var caption = "coverage by \(dimension) · \(result.currency ?? "no eligible usage") · \(result.period) · on-demand-equivalent cost"
            if let savingsRate { caption += " · effective savings rate \(ReportRenderer.format1(savingsRate))%" }
            let header = [dimension.description.uppercased(), "COVERED", "ELIGIBLE", "COVERAGE", "ON DEMAND", "HOURS COV"]
            let rows = (result.rows + [result.total]).map { row in
                [TerminalSanitizer.sanitize(row.name.map { "\(row.key) (\($0))" } ?? row.key),
                 Money.groupedString(row.coveredCost), Money.groupedString(row.eligibleCost),
                 row.coverage.map { ReportRenderer.format1($0) + "%" } ?? "—", Money.groupedString(row.onDemandCost),
                 row.hoursCoverage.map { ReportRenderer.format1($0) + "%" } ?? "—"]
            }
            return TextTable.render(caption: caption, header: header, rows: rows, totalLast: true)
        }
    }

    // MARK: - Commitments

    /// `costtop commitments` output.
    public static func commitments(_ rows: [CommitmentRow], period: DayRange, currency: String?,
                                   format: ReportRenderer.Format, sanitize: Bool) -> String {
        let total = rows.reduce(Int128(0)) { $0 + $1.totalCommitment }
        let used = rows.reduce(Int128(0)) { $0 + $1.used }
        let utilization = total == 0 ? nil : Double(used) / Double(total) * 100
        // Per type (Savings Plan, Reservation, ...): utilization of all commitments of that type.
        let types = Dictionary(grouping: rows, by: \.type).map { type, group in
            (type: type, total: group.reduce(Int128(0)) { $0 + $1.totalCommitment }, used: group.reduce(Int128(0)) { $0 + $1.used })
        }.sorted { $0.type < $1.type }
        func percent(_ used: Int128, _ total: Int128) -> Double? { total == 0 ? nil : Double(used) / Double(total) * 100 }
        switch format {
        case .json:
            let items = rows.map { row in
                "{\"id\":\(ReportRenderer.quote(row.id)),\"type\":\(ReportRenderer.quote(row.type)),"
                    + "\"totalCommitment\":\(Money.plainString(row.totalCommitment)),\"used\":\(Money.plainString(row.used)),"
                    + "\"unused\":\(Money.plainString(row.unused)),\"utilization\":\(row.utilization.map(ReportRenderer.format2) ?? "null"),"
                    + "\"accountsCovered\":\(row.accountsCovered)}"
            }
            return "{\"from\":\"\(period.from)\",\"to\":\"\(period.to)\",\"currency\":\(currency.map(ReportRenderer.quote) ?? "null"),"
                + "\"total\":{\"totalCommitment\":\(Money.plainString(total)),\"used\":\(Money.plainString(used)),"
                + "\"unused\":\(Money.plainString(total - used)),\"utilization\":\(utilization.map(ReportRenderer.format2) ?? "null")},"
                + "\"byType\":[" + types.map { entry in
                    "{\"type\":\(ReportRenderer.quote(entry.type)),\"totalCommitment\":\(Money.plainString(entry.total)),"
                        + "\"used\":\(Money.plainString(entry.used)),\"unused\":\(Money.plainString(entry.total - entry.used)),"
                        + "\"utilization\":\(percent(entry.used, entry.total).map(ReportRenderer.format2) ?? "null")}"
                }.joined(separator: ",") + "],"
                + "\"rows\":[\(items.joined(separator: ","))]}\n"
        case .csv:
            var lines = ["id,type,total_commitment,used,unused,utilization,accounts_covered"]
            for row in rows {
                lines.append([ReportRenderer.csvCell(row.id, sanitize: sanitize), ReportRenderer.csvCell(row.type, sanitize: sanitize),
                              Money.plainString(row.totalCommitment), Money.plainString(row.used), Money.plainString(row.unused),
                              row.utilization.map(ReportRenderer.format2) ?? "", String(row.accountsCovered)].joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        case .table:
            let caption = "commitments · \(currency ?? "none") · \(period) · utilization = used ÷ total commitment"
            let header = ["COMMITMENT", "TYPE", "SCOPE", "TOTAL", "USED", "UNUSED", "UTILIZATION"]
            var lines = rows.map { row in
                [TerminalSanitizer.sanitize(row.id), TerminalSanitizer.sanitize(row.type),
                 "\(row.accountsCovered) account\(row.accountsCovered == 1 ? "" : "s")",
                 Money.groupedString(row.totalCommitment), Money.groupedString(row.used), Money.groupedString(row.unused),
                 row.utilization.map { ReportRenderer.format1($0) + "%" } ?? "—"]
            }
            for entry in types where types.count > 1 {
                lines.append(["all of type", TerminalSanitizer.sanitize(entry.type), "", Money.groupedString(entry.total),
                              Money.groupedString(entry.used), Money.groupedString(entry.total - entry.used),
                              percent(entry.used, entry.total).map { ReportRenderer.format1($0) + "%" } ?? "—"])
            }
            lines.append(["TOTAL", "", "", Money.groupedString(total), Money.groupedString(used), Money.groupedString(total - used),
                          utilization.map { ReportRenderer.format1($0) + "%" } ?? "—"])
            return TextTable.render(caption: caption, header: header, rows: lines, totalLast: true, textColumns: 3)
        }
    }
}

/// A plain text table: first columns left-aligned text, the rest right-aligned numbers.
enum TextTable {
    static func render(caption: String, header: [String], rows: [[String]], totalLast: Bool, textColumns: Int = 1) -> String {
        var widths = header.map(\.count)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        func format(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index < textColumns ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        var lines = [caption, format(header)]
        for (index, row) in rows.enumerated() {
            if totalLast && index == rows.count - 1 {
                lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            }
            lines.append(format(row))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
