import CostModel

/// Renders anomalies as a table, CSV or JSON (fields `start`, `end`, `ongoing`, `path`, `kind`,
/// `expected`, `actual`, `impact`, `impactPct`, `score`, `rootCauses`).
public enum AnomalyRenderer {
    public static func render(_ anomalies: [Anomaly], format: ReportRenderer.Format, sanitize: Bool) -> String {
        func money(_ value: Double) -> String { String(format: "%.2f", value) }
        switch format {
        case .json:
            let items = anomalies.map { anomaly in
                let path = anomaly.path.map { "{\"dimension\":\(ReportRenderer.quote($0.dimension)),\"key\":\(ReportRenderer.quote($0.key))}" }
                let causes = anomaly.rootCauses.map {
                    "{\"dimension\":\(ReportRenderer.quote($0.dimension)),\"key\":\(ReportRenderer.quote($0.key)),\"impact\":\(money($0.impact))}"
                }
                return "{\"start\":\"\(anomaly.start)\",\"end\":\"\(anomaly.end)\",\"ongoing\":\(anomaly.ongoing),"
                    + "\"path\":[\(path.joined(separator: ","))],\"kind\":\"\(anomaly.kind.rawValue)\","
                    + "\"expected\":\(money(anomaly.expected)),\"actual\":\(money(anomaly.actual)),\"impact\":\(money(anomaly.impact)),"
                    + "\"impactPct\":\(anomaly.impactPercent.map { String(format: "%.2f", $0) } ?? "null"),"
                    + "\"score\":\(String(format: "%.2f", anomaly.score)),\"rootCauses\":[\(causes.joined(separator: ","))]}"
            }
            return "[" + items.joined(separator: ",") + "]\n"
        case .csv:
            var lines = ["start,end,ongoing,path,kind,expected,actual,impact,impact_pct,score,root_causes"]
            for anomaly in anomalies {
                let path = anomaly.path.map { "\($0.dimension)=\($0.key)" }.joined(separator: " > ")
                let causes = anomaly.rootCauses.map { "\($0.dimension)=\($0.key):\(money($0.impact))" }.joined(separator: "; ")
                lines.append(["\(anomaly.start)", "\(anomaly.end)", "\(anomaly.ongoing)", ReportRenderer.csvCell(path, sanitize: sanitize),
                              anomaly.kind.rawValue, money(anomaly.expected), money(anomaly.actual), money(anomaly.impact),
                              anomaly.impactPercent.map { String(format: "%.2f", $0) } ?? "", String(format: "%.2f", anomaly.score),
                              ReportRenderer.csvCell(causes, sanitize: sanitize)].joined(separator: ","))
            }
            return lines.joined(separator: "\n") + "\n"
        case .table:
            let header = ["START", "END", "KIND", "PATH", "EXPECTED", "ACTUAL", "IMPACT", "IMPACT %", "TOP CAUSE"]
            let rows = anomalies.map { anomaly in
                [anomaly.start.description, anomaly.ongoing ? "ongoing" : anomaly.end.description, anomaly.kind.rawValue,
                 TerminalSanitizer.sanitize(anomaly.path.map(\.key).joined(separator: " › ")),
                 Money.groupedString(Int128(anomaly.expected * 1e9)), Money.groupedString(Int128(anomaly.actual * 1e9)),
                 (anomaly.impact > 0 ? "+" : "") + Money.groupedString(Int128(anomaly.impact * 1e9)),
                 anomaly.impactPercent.map { ReportRenderer.format1($0) + "%" } ?? "new",
                 TerminalSanitizer.sanitize(anomaly.rootCauses.first.map { "\($0.key) \($0.impact > 0 ? "+" : "")\(money($0.impact))" } ?? "")]
            }
            let caption = "\(anomalies.count) anomal\(anomalies.count == 1 ? "y" : "ies"), largest impact first"
            return TextTable.render(caption: caption, header: header, rows: rows, totalLast: false, textColumns: 4)
        }
    }
}
