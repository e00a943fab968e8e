import CostModel

/// Renders a `QueryReport` as an aligned table, CSV or JSON. Pure functions: the caller decides
/// where the text goes.
public enum ReportRenderer {
    /// The output formats of `costtop query`.
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, json
    }

    /// Renders `report`.
    /// - Parameters:
    ///   - sanitize: escape control characters in data strings (on when the output is a terminal;
    ///     tables always are sanitized).
    public static func render(_ report: QueryReport, as format: Format, sanitize: Bool) -> String {
        switch format {
        case .table: return table(report)
        case .csv: return csv(report, sanitize: sanitize)
        case .json: return json(report)
        }
    }

    // MARK: - Table

    static func table(_ report: QueryReport) -> String {
        let result = report.result
        let spec = result.spec
        var caption = "\(spec.groupBy) · \(spec.metric.rawValue) cost · \(result.currency ?? "all currencies") · \(spec.period)"
        if let comparison = spec.comparison { caption += " vs \(comparison)" }
        if !spec.filters.isEmpty { caption += " · " + spec.filters.map(\.description).joined(separator: ", ") }
        let hasNames = report.lines.contains { $0.name != nil }
        let hasComparison = spec.comparison != nil
        var header = [spec.groupBy.description.uppercased()]
        if hasNames { header.append("NAME") }
        header.append("COST")
        if hasComparison { header += ["PREVIOUS", "DELTA", "DELTA %"] }
        header.append("SHARE")
        var rows: [[String]] = []
        for line in report.lines {
            var row = [TerminalSanitizer.sanitize(clip(line.key, 60))]
            if hasNames { row.append(TerminalSanitizer.sanitize(clip(line.name ?? "", 30))) }
            row.append(Money.groupedString(line.cost))
            if hasComparison {
                row += [Money.groupedString(line.previous), signed(line.delta), percentText(line)]
            }
            row.append(line.share.map { String(format1($0)) + "%" } ?? "")
            rows.append(row)
        }
        if result.currency != nil {
            var total = ["TOTAL"]
            if hasNames { total.append("") }
            total.append(Money.groupedString(result.total))
            if hasComparison {
                let delta = result.total - result.previousTotal
                let pct = result.previousTotal == 0 ? "" : signedPercent(Double(delta) / Double(abs(result.previousTotal)) * 100)
                total += [Money.groupedString(result.previousTotal), signed(delta), pct]
            }
            total.append(result.total == 0 ? "" : "100.0%")
            rows.append(total)
        }
        var text = TextTable.render(caption: caption, header: header, rows: rows, totalLast: result.currency != nil,
                                    textColumns: hasNames ? 2 : 1)
        if !result.otherCurrencies.isEmpty {
            text += "note: also present in other currencies, not added: \(result.otherCurrencies.joined(separator: ", ")) "
                + "(use --currency or --by currency)\n"
        }
        return text
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private static func signed(_ value: Int128) -> String {
        value > 0 ? "+" + Money.groupedString(value) : Money.groupedString(value)
    }

    private static func percentText(_ line: QueryReport.Line) -> String {
        if let pct = line.deltaPercent { return signedPercent(pct) }
        return line.cost == 0 ? "" : "new"
    }

    private static func signedPercent(_ value: Double) -> String {
        (value > 0 ? "+" : "") + format1(value) + "%"
    }

    public static func format1(_ value: Double) -> String {
        let scaled = (value * 10).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        return (negative ? "-" : "") + "\(magnitude / 10).\(magnitude % 10)"
    }

    public static func format2(_ value: Double) -> String {
        let scaled = (value * 100).rounded()
        let negative = scaled < 0
        let magnitude = Int64(abs(scaled))
        let fraction = magnitude % 100
        return (negative ? "-" : "") + "\(magnitude / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }

    // MARK: - CSV

    static func csv(_ report: QueryReport, sanitize: Bool) -> String {
        var lines = ["key,name,cost,previous,delta,delta_pct,share"]
        for line in report.lines {
            let cells = [
                csvCell(line.key, sanitize: sanitize), csvCell(line.name ?? "", sanitize: sanitize),
                Money.plainString(line.cost), Money.plainString(line.previous), Money.plainString(line.delta),
                line.deltaPercent.map(format2) ?? "", line.share.map(format2) ?? "",
            ]
            lines.append(cells.joined(separator: ","))
        }
        if report.result.currency != nil {
            let result = report.result
            lines.append(["TOTAL", "", Money.plainString(result.total), Money.plainString(result.previousTotal),
                          Money.plainString(result.total - result.previousTotal), "", result.total == 0 ? "" : "100.00"]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quotes a text cell and neutralizes spreadsheet formulas: a cell starting with `=`, `+`, `-`
    /// or `@` gets a leading apostrophe so a spreadsheet shows it as text instead of evaluating it.
    public static func csvCell(_ text: String, sanitize: Bool) -> String {
        var value = sanitize ? TerminalSanitizer.sanitize(text) : text
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
