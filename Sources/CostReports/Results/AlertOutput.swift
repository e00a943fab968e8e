import CostEngine

/// `costtop alert`: the anomalies new since the last run, as the anomalies report lays them out
/// (same columns and JSON fields), under a title that says they are new.
public struct AlertOutput: Report {
    public var anomalies: [Anomaly]

    /// The alert for `anomalies` (already reduced to the new ones), in the order given.
    public init(_ anomalies: [Anomaly]) {
        self.anomalies = anomalies
    }

    private var anomaliesOutput: AnomaliesOutput {
        AnomaliesOutput(anomalies, title: "\(anomalies.count) new anomal\(anomalies.count == 1 ? "y" : "ies"), largest impact first")
    }

    public var table: ReportTable { anomaliesOutput.table }

    public var document: AlertDocument { AlertDocument(anomalies: anomaliesOutput.document) }
}
