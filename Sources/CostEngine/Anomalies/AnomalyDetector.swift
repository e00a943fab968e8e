import CostCache
import CostModel

/// Finds spend anomalies for every node of the hierarchy — account, account/service,
/// account/service/usage type — and for every region, tag value and cost-category value, explains
/// each with the children that carry its impact, and reports each cause once, at the deepest node
/// that explains it.
public struct AnomalyDetector {
    public let cache: CacheFile
    public var settings: AnomalySettings
    /// The rules file's categories (views of their own, after splits) and `category:NAME` filters.
    public let engine: QueryEngine
    /// The selection examined (`--where`); every node's series is within it.
    public var filters: [Filter]
    /// Examine every series, with every day's band in full: the straightforward computation that
    /// tests compare the default with (`EpisodeScan`; the same anomalies).
    var exhaustive = false

    /// A detector over `cache`; `rules` add each category's values as views.
    public init(cache: CacheFile, settings: AnomalySettings = AnomalySettings(), rules: AllocationRules = .none,
                filters: [Filter] = []) {
        self.init(engine: QueryEngine(cache: cache, rules: rules), settings: settings, filters: filters)
    }

    /// A detector sharing `engine`'s category columns.
    public init(engine: QueryEngine, settings: AnomalySettings = AnomalySettings(), filters: [Filter] = []) {
        self.cache = engine.cache
        self.engine = engine
        self.settings = settings
        self.filters = filters
    }

    /// Anomalies that start on or after `since` (default: the last 90 days of data), largest impact first.
    public func detect(metric: Metric = .billed, since: Day? = nil) throws -> [Anomaly] {
        guard let data = cache.dayRange else { return [] }
        let start = since ?? data.to.adding(days: -89)
        let range = DayRange(from: max(data.from, start.adding(days: -SeriesDetector.lookback)), to: data.to)
        let nodes = try NodeSeries(cache: cache, range: range, metric: metric, filters: filters, engine: engine)
        var settings = self.settings
        if settings.scaleToBill {
            // Large bills: an anomaly worth reporting is at least 0.5% of a typical day's bill.
            settings.minimumImpact = max(settings.minimumImpact, 0.005 * nodes.medianDailyTotal)
        }
        let fromIndex = max(0, Int(start.index - range.from.index))
        let scan = EpisodeScan(settings: settings, exhaustive: exhaustive)
        var found: [Candidate] = []
        for (node, episodes) in scan.run(nodes, from: fromIndex).found {
            for episode in episodes where abs(episode.actual - episode.expected) >= settings.minimumImpact {
                found.append(Candidate(node: node, days: episode.first...episode.last, anomaly: Anomaly(
                    start: range.from.adding(days: episode.first), end: range.from.adding(days: episode.last),
                    ongoing: episode.ongoing, path: nodes.path(node), kind: episode.kind,
                    expected: episode.expected, actual: episode.actual, score: episode.score,
                    rootCauses: rootCauses(of: node, days: episode.first...episode.last, nodes: nodes, expected: episode.expected),
                    history: episode.history)))
            }
        }
        let hierarchy = Self.deduplicated(found.filter { !nodes.isCrossCutting($0.node) }, explainedShare: settings.explainedShare)
        let folded = Self.folded(found.filter { nodes.isCrossCutting($0.node) }, into: hierarchy, nodes: nodes,
                                 explainedShare: settings.explainedShare)
        var reported = folded.map(\.anomaly).sorted { abs($0.impact) > abs($1.impact) }
        // Beyond the children: the regions, tag values and resources that carry the impact, for the
        // largest anomalies (a query each, cheap: the anomaly's days and the four weeks before).
        for index in reported.indices.prefix(Self.explainedAnomalies) where reported[index].path.first?.dimension == "account" {
            reported[index].rootCauses = try crossCauses(of: reported[index], metric: metric, data: data)
        }
        return reported
    }

    /// How many of the largest anomalies get regions, tag values and resources as root causes.
    static let explainedAnomalies = 50

    /// The anomaly's children causes merged with the regions, tag values and resources that moved
    /// most in its direction, each valued like the children: actual − expected × the value's share of
    /// the node over the four weeks before. Sorted by size; at most eight.
    private func crossCauses(of anomaly: Anomaly, metric: Metric, data: DayRange) throws -> [RootCause] {
        let filters = anomaly.path.compactMap { step in
            CostDimension(step.dimension).map { Filter(dimension: $0, value: step.key, exclude: false) }
        } + self.filters
        let baselineStart = max(data.from, anomaly.start.adding(days: -SeriesDetector.lookback))
        guard baselineStart < anomaly.start else { return anomaly.rootCauses }
        let baseline = DayRange(from: baselineStart, to: anomaly.start.adding(days: -1))
        var dimensions: [CostDimension] = [.fixed(.region)] + cache.tagKeys.map { .tag($0) }
        if cache.footer.settings.keepResources { dimensions.append(.fixed(.resource)) }
        let rising = anomaly.impact > 0
        var causes = anomaly.rootCauses
        for dimension in dimensions {
            let result = try engine.run(QuerySpec(groupBy: dimension, filters: filters,
                                                  period: DayRange(from: anomaly.start, to: anomaly.end),
                                                  comparison: baseline, metric: metric))
            guard result.previousTotal != 0 else { continue }
            let candidates = result.rows.map { row -> RootCause in
                let share = Double(row.previous) / Double(result.previousTotal)
                return RootCause(dimension: dimension.description, key: row.key,
                                 impact: Double(row.cost) / 1e9 - anomaly.expected * share)
            }
            if let best = candidates.filter({ rising ? $0.impact > 0 : $0.impact < 0 }).max(by: { abs($0.impact) < abs($1.impact) }),
               abs(best.impact) >= 0.5 * abs(anomaly.impact) {
                causes.append(best)
            }
        }
        return Array(causes.sorted { abs($0.impact) > abs($1.impact) }.prefix(8))
    }

    /// The children of `node` ranked by their part of the impact over `days`. Each child's expected
    /// cost is the anomaly's expected cost times the child's share of the node in the four weeks
    /// before the anomaly, so the children's impacts add up exactly to the node's impact (the
    /// children partition the node); the five largest moves in the anomaly's direction are listed.
    private func rootCauses(of node: Int, days: ClosedRange<Int>, nodes: NodeSeries, expected: Double) -> [RootCause] {
        let parent = nodes.series(node)
        let baseline = max(0, days.lowerBound - SeriesDetector.lookback)..<days.lowerBound
        let parentBase = baseline.reduce(0) { $0 + (nodes.missing[$1] ? 0 : parent[$1]) }
        let children = nodes.children(of: node)
        let causes = children.map { child -> RootCause in
            let series = nodes.series(child)
            let childBase = baseline.reduce(0) { $0 + (nodes.missing[$1] ? 0 : series[$1]) }
            let share = parentBase > 0 ? childBase / parentBase : 1 / Double(max(1, children.count))
            let actual = days.reduce(0) { $0 + (nodes.missing[$1] ? 0 : series[$1]) }
            let step = nodes.path(child).last!
            return RootCause(dimension: step.dimension, key: step.key, impact: actual - expected * share)
        }
        // The causes move the same way as the anomaly: increases for a rise, decreases for stopped spend.
        let rising = expected <= days.reduce(0) { $0 + (nodes.missing[$1] ? 0 : parent[$1]) }
        let relevant = causes.filter { rising ? $0.impact > 0 : $0.impact < 0 }
        return Array(relevant.sorted { abs($0.impact) > abs($1.impact) }.prefix(5))
    }

    /// One anomaly per cause in the hierarchy, in two steps. An anomaly is dropped when a deeper one
    /// on overlapping days explains at least `explainedShare` of its impact (the report names the
    /// deepest node). Of the anomalies left, one that starts on the same day as a remaining
    /// ancestor's anomaly, ends within it, moves the same way and is no larger is a part of that
    /// cause (a whole account doubled): it is listed among the ancestor's root causes, not again on
    /// its own. (A part starting on another day is another cause, and stays.)
    static func deduplicated(_ anomalies: [Candidate], explainedShare: Double) -> [Candidate] {
        func isDescendant(_ child: Anomaly, of parent: Anomaly) -> Bool {
            child.path.count > parent.path.count && Array(child.path.prefix(parent.path.count)) == parent.path
        }
        let deepest = anomalies.filter { candidate in
            let anomaly = candidate.anomaly
            return !anomalies.contains { other in
                isDescendant(other.anomaly, of: anomaly) && other.anomaly.overlaps(anomaly)
                    && other.anomaly.impact >= explainedShare * anomaly.impact
            }
        }
        // A share above 1 asks for every level (the explorer's tests and tools that want them all).
        guard explainedShare <= 1 else { return deepest }
        return deepest.filter { candidate in
            let part = candidate.anomaly
            return !deepest.contains { whole in
                isDescendant(part, of: whole.anomaly) && whole.anomaly.start == part.start && part.end <= whole.anomaly.end
                    && (whole.anomaly.impact > 0) == (part.impact > 0) && abs(part.impact) <= abs(whole.anomaly.impact)
            }
        }
    }
}

/// An anomaly with the node and day indexes it was found on, while the detector folds and ranks.
struct Candidate {
    var node: Int
    var days: ClosedRange<Int>
    var anomaly: Anomaly
}

extension Anomaly {
    /// Whether the two anomalies share at least one day.
    func overlaps(_ other: Anomaly) -> Bool { start <= other.end && other.start <= end }
}
