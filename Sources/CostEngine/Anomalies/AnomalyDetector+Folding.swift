// MARK: - One anomaly per cause across views

extension AnomalyDetector {
    /// Share of a view's impact a hierarchy anomaly must explain for the view to be folded into it:
    /// more than half ("most of it").
    static let foldedShare = 0.5

    /// Folds each region or tag-value anomaly into the hierarchy anomaly that explains most of its
    /// impact (or, when several causes show in it at once, into the largest of the hierarchy
    /// anomalies that together explain `explainedShare` of it), named there as "also seen as"; views nothing in the hierarchy explains (spend spread
    /// thin over many usage types, each under its own band) stay anomalies of their own, one per
    /// cause among themselves.
    ///
    /// What a hierarchy anomaly explains of a view is valued like root causes: the view's cost is
    /// split by account/service/usage type; each of those leaves carries its actual cost over the
    /// view's days minus the view's expected cost times the leaf's share of the view in the four
    /// weeks before (so the leaves add up exactly to the view's impact), and a hierarchy anomaly on
    /// overlapping days explains the sum of the leaves under its node.
    ///
    /// - Parameters:
    ///   - views: region and tag-value anomalies.
    ///   - hierarchy: account, service and usage-type anomalies already reduced to one per cause.
    ///   - nodes: the series the anomalies were found on.
    ///   - explainedShare: how close two views' impacts must be to be the same cause (both ways).
    /// - Returns: the hierarchy anomalies (with `alsoSeenAs` filled in) and the views that stay.
    static func folded(_ views: [Candidate], into hierarchy: [Candidate], nodes: NodeSeries, explainedShare: Double) -> [Candidate] {
        var result = hierarchy
        var seenAs: [Int: [(step: PathStep, impact: Double)]] = [:]
        var unexplained: [Candidate] = []
        let sums = nodes.leafSums(views.map { (node: $0.node, days: $0.days) }, lookback: SeriesDetector.lookback)
        for (position, view) in views.enumerated() {
            // Leaves in code order: these sums are floating point, and a dictionary's order changes
            // from process to process, so a fold decided at a threshold must not depend on it.
            let leaves = sums[position].sorted { $0.key < $1.key }
            let before = leaves.reduce(0) { $0 + $1.value.before }
            let evenShare = 1 / Double(max(1, leaves.count))
            let parts = leaves.map { leaf in
                (key: leaf.key, value: leaf.value.actual - view.anomaly.expected * (before > 0 ? leaf.value.before / before : evenShare))
            }
            let rising = view.anomaly.impact > 0
            var best: (index: Int, explained: Double)?
            let explaining = result.indices.filter { index in
                result[index].anomaly.overlaps(view.anomaly) && (result[index].anomaly.impact > 0) == rising
            }
            for index in explaining {
                // Signed so that "more of the view's direction" is larger.
                let explained = parts.reduce(0.0) { nodes.isWithin($1.key, result[index].node) ? $0 + $1.value : $0 } * (rising ? 1 : -1)
                if explained > (best?.explained ?? 0) { best = (index, explained) }
            }
            // A view can show two causes at once (two accounts' events in env=dev): together they
            // explain it, and it is named at the larger.
            let together = parts.reduce(0.0) { sum, part in
                explaining.contains { nodes.isWithin(part.key, result[$0].node) } ? sum + part.value : sum
            } * (rising ? 1 : -1)
            if let best, best.explained > foldedShare * abs(view.anomaly.impact) || together >= explainedShare * abs(view.anomaly.impact) {
                seenAs[best.index, default: []].append((view.anomaly.path[0], abs(view.anomaly.impact)))
            } else {
                unexplained.append(view)
            }
        }
        // Views no hierarchy anomaly explains: the same cause shows in several of them (the untagged
        // part of every tag key moves together), so the largest stands for the others.
        var kept: [Candidate] = []
        for view in unexplained.sorted(by: { abs($0.anomaly.impact) > abs($1.anomaly.impact) }) {
            let impact = view.anomaly.impact
            if let same = kept.indices.first(where: { index in
                let other = kept[index].anomaly
                return other.overlaps(view.anomaly) && (other.impact > 0) == (impact > 0)
                    && abs(impact) >= explainedShare * abs(other.impact) && abs(other.impact) >= explainedShare * abs(impact)
            }) {
                kept[same].anomaly.alsoSeenAs.append(view.anomaly.path[0])
            } else {
                kept.append(view)
            }
        }
        for (index, views) in seenAs {
            result[index].anomaly.alsoSeenAs = views.sorted { $0.impact > $1.impact }.map(\.step)
        }
        return result + kept
    }
}
