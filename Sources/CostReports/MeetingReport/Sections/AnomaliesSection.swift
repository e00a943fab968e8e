import CostEngine
import CostModel

/// The period's anomalies: every anomaly the detector finds that overlaps the period (spikes,
/// level shifts, new and stopped spend), largest impact first, with its root causes.
public struct AnomaliesSection: ReportSection {
    public let anchor = "anomalies"
    /// Anomalies listed; the rest are counted.
    public var limit = 10
    /// Root causes shown per anomaly.
    public var causeLimit = 3

    public init() {}

    public func section(in context: ReportContext) throws -> DocumentSection? {
        let found = try AnomalyDetector(cache: context.cache).detect(metric: context.metric, since: context.period.from)
            .filter { $0.start <= context.period.to && context.anomalyFeedback?.verdict(for: $0) != .expected }
        guard !found.isEmpty else {
            return DocumentSection(anchor: anchor, title: "Anomalies", blocks: [.paragraph("No anomalies in \(context.period).")])
        }
        let impact = found.reduce(0.0) { $0 + $1.impact }
        var text = "\(found.count) anomal\(found.count == 1 ? "y" : "ies") started in \(context.period), with a net impact of "
            + "\((impact > 0 ? "+" : "") + Money.groupedString(NumberText.nanos(impact))) against the expected spend"
        text += found.count > limit ? "; the \(limit) largest are listed." : "."
        let rows = found.prefix(limit).map { anomaly -> ReportRow in
            let causes = anomaly.rootCauses.prefix(causeLimit).map { cause in
                "\(cause.dimension) \(cause.key) \(cause.impact > 0 ? "+" : "")\(Money.groupedString(NumberText.nanos(cause.impact)))"
            }
            return ReportRow([
                .text(anomaly.start.description), .text(anomaly.ongoing ? "ongoing" : anomaly.end.description),
                .text(anomaly.kind.rawValue), .text(Self.place(anomaly.path)),
                .money(NumberText.nanos(anomaly.impact), signed: true), .text(causes.joined(separator: "; ")),
            ])
        }
        let table = ReportTable(title: "Anomalies, largest impact first", columns: [
            ReportColumn("START", field: "start", alignment: .left),
            ReportColumn("END", field: "end", alignment: .left),
            ReportColumn("KIND", field: "kind", alignment: .left),
            ReportColumn("WHERE", field: "path", alignment: .left),
            ReportColumn("IMPACT", field: "impact"),
            ReportColumn("ROOT CAUSES", field: "root_causes", alignment: .left),
        ], rows: Array(rows))
        return DocumentSection(anchor: anchor, title: "Anomalies", blocks: [.paragraph(text), .table(table)])
    }

    /// Where an anomaly is: the keys of its account › service › usage type path, or, for a region
    /// or tag value (which cut across accounts), the dimension and the key (`region us-east-1`).
    static func place(_ path: [PathStep]) -> String {
        let hierarchy: Set<String> = ["account", "service", "usage-type"]
        return path.map { hierarchy.contains($0.dimension) ? $0.key : "\($0.dimension) \($0.key)" }.joined(separator: " › ")
    }
}
