import CostEngine
import CostModel
import Foundation

/// Anomalies in the explorer: detection in the background, the marks on table rows, and the
/// anomalies screen (`a`) with its verdict keys and Enter to go to an anomaly's node.
extension Explorer {
    // MARK: - Detection

    /// Starts detecting anomalies in the background for the current metric, and again whenever
    /// the metric changes from now on. The terminal session calls this when the explorer opens,
    /// then `pollAnomalies` between keys.
    public func startAnomalySearch() {
        if anomalySearch == nil { anomalySearch = AnomalySearch(cache: cache) }
        anomalySearch?.request(state.metric)
        anomalies = .searching(state.metric)
        data.anomalyDays = [:]
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
    func anomalyMarks() -> [String: [ClosedRange<Int>]] {
        findings?.index.marks(steps: state.steps, groupBy: state.level.groupBy, period: data.period) ?? [:]
    }

    private func refreshAnomalyMarks() {
        data.anomalyDays = anomalyMarks()
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

    // MARK: - The screen

    /// Opens the anomalies screen (starting detection if nothing started it).
    func openAnomalies() {
        if case .idle = anomalies { startAnomalySearch() }
        state.anomalyScroll = 0
        state.mode = .anomalies(0)
    }

    /// A key on the anomalies screen. Its own keys come first: `x` shows or hides the anomalies
    /// marked expected, `E` `P` `R` give a verdict (expected, planned, a real problem) and `0`
    /// clears it. Then the move keys, Enter (go to the anomaly), Esc, `a` or Left (back), `q`.
    func handleAnomalies(_ key: KeyEvent, _ index: Int) -> Effect {
        switch key {
        case .character("x"):
            state.showExpectedAnomalies.toggle()
            rejudge(keeping: index)
            state.message = state.showExpectedAnomalies ? "showing anomalies marked expected" : "hiding anomalies marked expected"
            return .redraw
        case .character("E"): judge(index, .expected); return .redraw
        case .character("P"): judge(index, .planned); return .redraw
        case .character("R"): judge(index, .problem); return .redraw
        case .character("0"): judge(index, nil); return .redraw
        default:
            return handleListKey(key, index, count: findings?.entries.count ?? 0, screen: InputMode.anomalies,
                                 opener: .anomalies, enter: goToAnomaly,
                                 hint: "Enter goes to an anomaly, E/P/R/0 verdict, x expected, Esc returns")
        }
    }

    /// Records a verdict on the selected anomaly in the feedback file (nil clears it).
    private func judge(_ index: Int, _ verdict: AnomalyFeedback.Verdict?) {
        guard let entries = findings?.entries, entries.indices.contains(index) else {
            state.message = "no anomaly selected"
            return
        }
        let file = (feedbackPath as NSString).lastPathComponent
        guard case .success(var feedback) = anomalyFeedback else {
            // Never overwrite a file that could not be read: it may hold someone's verdicts.
            state.message = "cannot record verdicts: \(file) could not be read; fix or remove it"
            return
        }
        do {
            try feedback.set(verdict, for: entries[index].anomaly)
        } catch {
            state.message = "could not write \(feedbackPath): \(error)"
            return
        }
        anomalyFeedback = .success(feedback)
        rejudge(keeping: index)
        state.message = verdict.map { "marked \($0.rawValue) (in \(file))" } ?? "verdict cleared (in \(file))"
    }

    /// Rebuilds the findings after a verdict or the expected toggle; the selection stays on the
    /// same place in the list (the next anomaly when the selected one is now hidden).
    private func rejudge(keeping index: Int) {
        guard let findings else { return }
        let updated = findings.rejudged(feedback: try? anomalyFeedback?.get(), showExpected: state.showExpectedAnomalies)
        anomalies = .found(updated)
        state.mode = .anomalies(max(0, min(index, updated.entries.count - 1)))
        refreshAnomalyMarks()
    }

    /// Goes to an anomaly's node: the table at its parent level with the node's row selected, so
    /// it is seen among its siblings and the detail pane shows the node itself with its root
    /// causes; Enter then drills below it. The period becomes 14 days before the anomaly to 7
    /// after (clipped to the data), so it is seen against its normal level.
    ///
    /// The drill steps follow the anomaly's path (account › service › usage type for the
    /// hierarchy; a region or tag anomaly is the top level regrouped by that dimension). `:where`
    /// filters and the `/` filter are cleared, since they could hide the node.
    private func goToAnomaly(_ index: Int) {
        guard let entries = findings?.entries, entries.indices.contains(index) else { return }
        let anomaly = entries[index].anomaly
        let dimensions = anomaly.path.compactMap { CostDimension($0.dimension) }
        guard !anomaly.path.isEmpty, dimensions.count == anomaly.path.count else {
            state.message = "cannot go to \(anomaly.path.map(\.dimension).joined(separator: " › "))"
            return
        }
        state.mode = .browse
        let path = defaultPath
        state.levels = []
        state.steps = []
        for (depth, step) in anomaly.path.enumerated() {
            let dimension = dimensions[depth]
            // A level off the default path is a regroup: drilling from it starts the default path at service.
            let regrouped = !(path.indices.contains(depth) && path[depth] == dimension)
            state.levels.append(DrillLevel(groupBy: dimension, regrouped: regrouped, selectedKey: step.key))
            if depth < anomaly.path.count - 1 {
                state.steps.append(DrillStep(dimension: dimension, key: step.key, name: displayName(dimension, step.key)))
            }
        }
        let available = cache.dayRange!
        state.period = .custom(DayRange(from: max(available.from, anomaly.start.adding(days: -14)),
                                        to: min(available.to, anomaly.end.adding(days: 7))))
        let clearedFilters = !state.filters.isEmpty
        state.filters = []
        state.rowFilter = ""
        state.selection = 0
        state.showDetail = true
        state.focusedAnomaly = anomaly
        recompute()
        if clearedFilters { state.message = ":where filters cleared to show the anomaly" }
    }

    /// The account name for an account step, as the table shows it (from the cache's labels).
    private func displayName(_ dimension: CostDimension, _ key: String) -> String? {
        guard case .fixed(let fixed) = dimension, let labels = cache.labels(fixed),
              let code = cache.dictionary(fixed).index(of: key), code < labels.count, !labels[code].isEmpty else { return nil }
        return labels[code]
    }

    /// Remembers the anomalies screen's scroll position (the renderer keeps the selection in view).
    func setAnomalyScroll(_ scroll: Int) { state.anomalyScroll = scroll }
}
