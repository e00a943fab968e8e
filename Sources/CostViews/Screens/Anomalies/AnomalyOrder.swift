import CostEngine

/// The orders of the anomalies screen. On call the question is "what is happening now": anomalies
/// still going on come first, then the most recent; the other order is the largest impact first,
/// the question of a review ("what cost us most").
enum AnomalyOrder: Sendable {
    /// Ongoing first, then by last day, most recent first; ties by impact (the default).
    case onCall
    /// Largest impact (either way) first.
    case impact

    /// The other order (the `anomaly-order` command).
    var toggled: AnomalyOrder { self == .onCall ? .impact : .onCall }

    /// How the screen's summary line names the order.
    var title: String { self == .onCall ? "ongoing and most recent first" : "largest impact first" }

    /// `entries` (the findings' order: largest impact first) in this order; stable, so ties keep it.
    func sorted(_ entries: [AnomalyEntry]) -> [AnomalyEntry] {
        guard self == .onCall else { return entries }
        return entries.enumerated().sorted { left, right in
            let (a, b) = (left.element.anomaly, right.element.anomaly)
            if a.ongoing != b.ongoing { return a.ongoing }
            if a.end != b.end { return a.end > b.end }
            if a.start != b.start { return a.start > b.start }
            return left.offset < right.offset
        }.map(\.element)
    }
}
