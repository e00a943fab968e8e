import CostEngine
import CostModel

/// Where the explorer's anomaly detection stands.
public enum AnomalyStatus: Sendable {
    /// Not started: the terminal session starts it; tests give results with `setAnomalies`.
    case idle
    /// Running in the background for this metric.
    case searching(Metric)
    /// Done.
    case found(AnomalyFindings)
    /// Detection failed; the text says why.
    case failed(String)
}

/// An anomaly as the screen lists it, with the verdict someone gave it.
public struct AnomalyEntry: Sendable, Equatable {
    public var anomaly: Anomaly
    /// From the feedback file beside the cache; nil when nobody judged it.
    public var verdict: AnomalyFeedback.Verdict?
}

/// The detection result as the explorer shows it: every anomaly, the ones shown (all but those
/// marked expected, unless asked for) with their verdicts, and the index that marks table rows.
public struct AnomalyFindings: Sendable {
    /// The metric detection ran on.
    public let metric: Metric
    /// Every anomaly found, largest impact (either way) first.
    public let all: [Anomaly]
    /// The anomalies shown on the screen and marked in the table, in the order of `all`.
    public let entries: [AnomalyEntry]
    /// How many anomalies marked expected are left out of `entries`.
    public let hiddenExpected: Int
    /// The shown anomalies by drill context.
    let index: AnomalyIndex

    /// - Parameters:
    ///   - anomalies: the detector's result, in any order.
    ///   - feedback: verdicts, when the feedback file could be read.
    ///   - showExpected: whether anomalies marked expected are shown too.
    init(metric: Metric, anomalies: [Anomaly], feedback: AnomalyFeedback?, showExpected: Bool) {
        self.metric = metric
        // A stopped spend is a negative impact; it can matter as much as a spike of the same size.
        // The sort is stable, so equal impacts keep the detector's order.
        all = anomalies.enumerated().sorted { left, right in
            abs(left.element.impact) != abs(right.element.impact)
                ? abs(left.element.impact) > abs(right.element.impact) : left.offset < right.offset
        }.map(\.element)
        let judged = all.map { AnomalyEntry(anomaly: $0, verdict: feedback?.verdict(for: $0)) }
        entries = showExpected ? judged : judged.filter { $0.verdict != .expected }
        hiddenExpected = judged.count - entries.count
        index = AnomalyIndex(entries.map(\.anomaly))
    }

    /// The same anomalies with other verdicts or another choice of what is shown.
    func rejudged(feedback: AnomalyFeedback?, showExpected: Bool) -> AnomalyFindings {
        AnomalyFindings(metric: metric, anomalies: all, feedback: feedback, showExpected: showExpected)
    }
}
