import CostEngine
import CostModel

/// `costtop anomalies`: detected anomalies, largest impact first (docs/anomalies.md).
///
/// The table shows a path of keys and the top cause; CSV shows the path and every root cause as
/// `dimension=key` text, and whether the anomaly is ongoing in its own field.
public struct AnomaliesOutput: Report {
    public var anomalies: [Anomaly]
    /// The table's title line (default: the count, largest impact first).
    public var title: String?

    /// The output of `anomalies`, in the order given (the detector's: largest impact first).
    public init(_ anomalies: [Anomaly], title: String? = nil) {
        self.anomalies = anomalies
        self.title = title
    }

    public var table: ReportTable {
        let columns = [
            ReportColumn("START", field: "start", alignment: .left),
            ReportColumn.display("END", alignment: .left),
            ReportColumn.data("end"),
            ReportColumn.data("ongoing"),
            ReportColumn.data("path"),
            ReportColumn("KIND", field: "kind", alignment: .left),
            ReportColumn.display("PATH", alignment: .left),
            ReportColumn("EXPECTED", field: "expected"),
            ReportColumn("ACTUAL", field: "actual"),
            ReportColumn("IMPACT", field: "impact"),
            ReportColumn("IMPACT %", field: "impact_pct"),
            ReportColumn.data("score"),
            ReportColumn.display("TOP CAUSE", alignment: .left),
            ReportColumn.data("root_causes"),
            ReportColumn.data("history"),
            ReportColumn.data("also_seen_as"),
        ]
        let rows = anomalies.map { anomaly in
            let topCause = anomaly.rootCauses.first.map { cause in
                "\(cause.key) \(cause.impact > 0 ? "+" : "")\(Money.plainString(NumberText.nanos(cause.impact)))"
            }
            let causes = anomaly.rootCauses.map { "\($0.dimension)=\($0.key):\(Money.plainString(NumberText.nanos($0.impact)))" }
            return ReportRow([
                .text(anomaly.start.description), .text(anomaly.ongoing ? "ongoing" : anomaly.end.description),
                .text(anomaly.end.description), .boolean(anomaly.ongoing),
                .text(anomaly.path.map { "\($0.dimension)=\($0.key)" }.joined(separator: " > ")),
                .text(anomaly.kind.rawValue), .text(anomaly.path.map(\.key).joined(separator: " › ")),
                .money(NumberText.nanos(anomaly.expected)), .money(NumberText.nanos(anomaly.actual)),
                .money(NumberText.nanos(anomaly.impact), signed: true), .percent(anomaly.impactPercent, missing: "new"),
                .decimal(anomaly.score), .text(topCause ?? ""), .text(causes.joined(separator: "; ")),
                .integer(anomaly.history), .text(anomaly.alsoSeenAs.map { "\($0.dimension)=\($0.key)" }.joined(separator: "; ")),
            ])
        }
        return ReportTable(title: title ?? "\(anomalies.count) anomal\(anomalies.count == 1 ? "y" : "ies"), largest impact first",
                           columns: columns, rows: rows)
    }

    public var document: [AnomalyDocument] {
        anomalies.map { anomaly in
            AnomalyDocument(
                start: anomaly.start.description, end: anomaly.end.description, ongoing: anomaly.ongoing,
                path: anomaly.path.map { AnomalyDocument.Step(dimension: $0.dimension, key: $0.key) },
                kind: anomaly.kind.rawValue, expected: JSONDecimal(money: NumberText.nanos(anomaly.expected)),
                actual: JSONDecimal(money: NumberText.nanos(anomaly.actual)),
                impact: JSONDecimal(money: NumberText.nanos(anomaly.impact)),
                impactPct: Nullable(anomaly.impactPercent.map(JSONDecimal.init)), score: JSONDecimal(anomaly.score),
                rootCauses: anomaly.rootCauses.map {
                    AnomalyDocument.Cause(dimension: $0.dimension, key: $0.key, impact: JSONDecimal(money: NumberText.nanos($0.impact)))
                },
                history: anomaly.history,
                alsoSeenAs: anomaly.alsoSeenAs.map { AnomalyDocument.Step(dimension: $0.dimension, key: $0.key) })
        }
    }
}
