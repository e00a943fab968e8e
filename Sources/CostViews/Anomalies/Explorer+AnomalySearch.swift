import CostEngine
import CostModel
import Foundation

/// Anomalies in the explorer session: detection in the background, the marks on table rows, and
/// verdicts (shared by the table's marks and the anomalies screen, `Screens/Anomalies/`).
extension Explorer {
    // MARK: - Detection

    /// Starts detecting anomalies in the background for the current metric, and again whenever
    /// the metric changes from now on. The terminal session calls this when the explorer opens,
    /// then `pollAnomalies` between keys.
    public func startAnomalySearch() {
        if anomalySearch == nil { anomalySearch = AnomalySearch(cache: cache, rules: queries.rules) }
        anomalySearch?.request(state.metric)
        anomalies = .searching(state.metric)
        data.anomalyDays = [:]
        data.anomalySeverity = [:]
    }

    /// Takes the detection result when it has arrived. Cheap (a lock and a few fields), so the
    /// terminal loop calls it on every turn of its key wait.
    /// - Returns: whether something changed on the screen (redraw).
    public func pollAnomalies() -> Bool {
        guard let outcome = anomalySearch?.take(), outcome.metric == state.metric else { return false }
        switch outcome.result {
        case .success(let found):
            setAnomalies(found, metric: outcome.metric)
        case .failure(let error):
            anomalies = .failed("\(error)")
        }
        return true
    }

    /// Shows a detection result: marks rows, fills the anomalies screen, reads verdicts from the
    /// feedback file beside the cache. Tests give results this way, synchronously.
    /// - Parameter metric: the metric detection ran on (the current one when nil).
    public func setAnomalies(_ found: [Anomaly], metric: Metric? = nil) {
        if anomalyFeedback == nil {
            anomalyFeedback = Result { try AnomalyFeedback(path: feedbackPath) }
            if case .failure(let error) = anomalyFeedback { state.message = "anomaly feedback: \(error)" }
        }
        anomalies = .found(AnomalyFindings(metric: metric ?? state.metric, anomalies: found,
                                           feedback: try? anomalyFeedback?.get(), showExpected: state.showExpectedAnomalies))
        refreshAnomalyMarks()
    }

    /// The current findings, when detection is done.
    var findings: AnomalyFindings? {
        if case .found(let findings) = anomalies { return findings }
        return nil
    }

    /// The feedback file: `<cache>.feedback.csv`, where `costtop anomalies` reads it too.
    var feedbackPath: String { AnomalyFeedback.path(forCache: cache.path) }

    /// Detection ran for another metric: run it for this one (only once the session started it).
    func followMetricWithAnomalySearch() {
        guard anomalySearch != nil else { return }
        switch anomalies {
        case .searching(let metric) where metric == state.metric: return
        case .found(let findings) where findings.metric == state.metric: return
        default: startAnomalySearch()
        }
    }

    /// The marks of the current level, from the index (one lookup, whatever the number of anomalies).
    /// The rows of this level to mark: those with an anomaly in their subtree that is material for
    /// the row (`anomalyMarkRule`), with the anomalous days and the mark's severity.
    func anomalyMarks() -> (days: [String: [ClosedRange<Int>]], severity: [String: AnomalySeverity]) {
        guard let index = findings?.index else { return ([:], [:]) }
        let period = data.period
        let costs = Dictionary(data.rows.map { ($0.key, Double($0.cost) / 1e9) }, uniquingKeysWith: +)
        var days: [String: [ClosedRange<Int>]] = [:]
        var severity: [String: AnomalySeverity] = [:]
        for (key, found) in index.subtreeAnomalies(steps: state.steps, groupBy: state.level.groupBy, period: period) {
            // Each anomaly counts for the days it shares with the period: a long shift mostly
            // outside the period is not a large part of this period's cost.
            let impacts = found.map { entry in
                abs(entry.anomaly.impact) * Double(entry.days.count) / Double(max(1, Int(entry.anomaly.end.index - entry.anomaly.start.index) + 1))
            }
            guard let level = anomalyMarkRule.severity(impacts: impacts, rowCost: costs[key] ?? 0) else { continue }
            days[key] = found.map(\.days)
            severity[key] = level
        }
        return (days, severity)
    }

    private func refreshAnomalyMarks() {
        (data.anomalyDays, data.anomalySeverity) = anomalyMarks()
        updateDetail()
    }

    /// The anomaly whose node `row` is: the focused one, else the largest one there overlapping the period.
    func anomalyAtNode(_ row: QueryRow) -> Anomaly? {
        let (steps, groupBy) = (state.steps, state.level.groupBy)
        if let focused = state.focusedAnomaly, AnomalyIndex.isNode(focused, steps: steps, groupBy: groupBy, key: row.key) {
            return focused
        }
        return findings?.index.anomalies(at: steps, groupBy: groupBy, key: row.key)
            .first { AnomalyIndex.days(of: $0, in: data.period) != nil }
    }

    // MARK: - Verdicts

    /// Records a verdict on `anomaly` in the feedback file beside the cache (nil clears it), and
    /// rebuilds the findings so the list and the table's marks follow.
    /// - Returns: what to say in the status line.
    func recordVerdict(_ verdict: AnomalyFeedback.Verdict?, for anomaly: Anomaly) -> String {
        let file = (feedbackPath as NSString).lastPathComponent
        guard case .success(var feedback) = anomalyFeedback else {
            // Never overwrite a file that could not be read: it may hold someone's verdicts.
            return "cannot record verdicts: \(file) could not be read; fix or remove it"
        }
        do {
            try feedback.set(verdict, for: anomaly)
        } catch {
            return "could not write \(feedbackPath): \(error)"
        }
        anomalyFeedback = .success(feedback)
        rejudgeAnomalies()
        return verdict.map { "marked \($0.rawValue) (in \(file))" } ?? "verdict cleared (in \(file))"
    }

    /// Shows or hides the anomalies marked expected, in the list and the table's marks.
    func toggleExpectedAnomalies() -> String {
        state.showExpectedAnomalies.toggle()
        rejudgeAnomalies()
        return state.showExpectedAnomalies ? "showing anomalies marked expected" : "hiding anomalies marked expected"
    }

    /// Rebuilds the findings after a verdict or the expected toggle.
    private func rejudgeAnomalies() {
        guard let findings else { return }
        anomalies = .found(findings.rejudged(feedback: try? anomalyFeedback?.get(), showExpected: state.showExpectedAnomalies))
        refreshAnomalyMarks()
    }
}
