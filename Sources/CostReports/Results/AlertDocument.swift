/// `costtop alert --format json`: the anomalies not reported by an earlier run, each with the same
/// fields as `costtop anomalies --format json` (docs/alerting.md). An object rather than a bare
/// array, so fields about the run can be added without breaking a webhook's template.
public struct AlertDocument: Codable, Sendable {
    public var anomalies: [AnomalyDocument]
}
