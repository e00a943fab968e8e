import CostEngine
import CostModel

/// Anomalies indexed by the drill contexts they lie under, built once when the detection result
/// arrives (or the list of shown anomalies changes), so marking a level's rows is one dictionary
/// lookup per level rather than a scan of every anomaly per key or per frame.
///
/// A row stands for the line items matching the drill steps plus `groupBy = key`. Its subtree holds
/// an anomaly when every one of those conditions is a step of the anomaly's path: at the top level
/// by account, the account an anomaly's path starts with; inside it, the service next on the path;
/// regrouped by service at the top, that service; by region or a tag key, the region or tag value
/// of a region or tag anomaly. Conditions are compared as sets, so the order of the drill does not
/// matter.
struct AnomalyIndex: Sendable {
    /// One condition of a path or a drill context: `dimension = key`.
    struct Condition: Hashable, Sendable {
        var dimension: String
        var key: String
    }

    let anomalies: [Anomaly]
    /// For every subset of an anomaly's path (its possible drill contexts), and each further step
    /// of the path by dimension and key: the anomalies below a row of that key.
    private var below: [Set<Condition>: [String: [String: [Int]]]] = [:]
    /// For every subset of an anomaly's path: the anomalies inside that context (for day levels).
    private var within: [Set<Condition>: [Int]] = [:]
    /// Anomalies by their whole path: the anomalies whose node a row is.
    private var nodes: [Set<Condition>: [Int]] = [:]

    init(_ anomalies: [Anomaly]) {
        self.anomalies = anomalies
        for (position, anomaly) in anomalies.enumerated() {
            let path = anomaly.path.map(Self.condition)
            // Paths are at most account › service › usage type: at most 8 subsets.
            guard path.count <= 8 else { continue }
            nodes[Set(path), default: []].append(position)
            for mask in 0..<(1 << path.count) {
                let context = Set(path.indices.filter { mask & (1 << $0) != 0 }.map { path[$0] })
                within[context, default: []].append(position)
                for (index, step) in path.enumerated() where mask & (1 << index) == 0 {
                    below[context, default: [:]][step.dimension, default: [:]][step.key, default: []].append(position)
                }
            }
        }
    }

    static func condition(_ step: PathStep) -> Condition { Condition(dimension: step.dimension, key: step.key) }

    static func context(_ steps: [DrillStep]) -> Set<Condition> {
        Set(steps.map { Condition(dimension: $0.dimension.description, key: $0.key) })
    }

    /// The rows of a level with an anomaly in their subtree overlapping `period`, by key, with the
    /// anomalous days as offsets into `period`. A day level marks the anomalous days themselves.
    func marks(steps: [DrillStep], groupBy: CostDimension, period: DayRange) -> [String: [ClosedRange<Int>]] {
        subtreeAnomalies(steps: steps, groupBy: groupBy, period: period).mapValues { $0.map(\.days) }
    }

    /// The anomalies in each row's subtree overlapping `period`, by key, with their days in the
    /// period as offsets into it. On a day level, a day's row holds the anomalies on that day.
    func subtreeAnomalies(steps: [DrillStep], groupBy: CostDimension, period: DayRange)
        -> [String: [(days: ClosedRange<Int>, anomaly: Anomaly)]] {
        let context = Self.context(steps)
        var found: [String: [(days: ClosedRange<Int>, anomaly: Anomaly)]] = [:]
        if groupBy == .day {
            for position in within[context] ?? [] {
                guard let days = Self.days(of: anomalies[position], in: period) else { continue }
                for offset in days {
                    found[period.from.adding(days: offset).description, default: []].append((offset...offset, anomalies[position]))
                }
            }
            return found
        }
        for (key, positions) in below[context]?[groupBy.description] ?? [:] {
            let overlapping = positions.compactMap { position in
                Self.days(of: anomalies[position], in: period).map { (days: $0, anomaly: anomalies[position]) }
            }
            if !overlapping.isEmpty { found[key] = overlapping }
        }
        return found
    }

    /// The anomalies whose node is exactly the row `key` of a level grouped by `groupBy` under
    /// `steps`, largest impact first (the order they were given in).
    func anomalies(at steps: [DrillStep], groupBy: CostDimension, key: String) -> [Anomaly] {
        var context = Self.context(steps)
        context.insert(Condition(dimension: groupBy.description, key: key))
        return (nodes[context] ?? []).map { anomalies[$0] }
    }

    /// Whether `anomaly`'s node is the row `key` of a level grouped by `groupBy` under `steps`.
    static func isNode(_ anomaly: Anomaly, steps: [DrillStep], groupBy: CostDimension, key: String) -> Bool {
        var context = context(steps)
        context.insert(Condition(dimension: groupBy.description, key: key))
        return Set(anomaly.path.map(condition)) == context && context.count == anomaly.path.count
    }

    /// The anomaly's days within `period`, as offsets into it; nil when they do not overlap.
    static func days(of anomaly: Anomaly, in period: DayRange) -> ClosedRange<Int>? {
        let first = max(anomaly.start, period.from)
        let last = min(anomaly.end, period.to)
        guard first <= last else { return nil }
        return Int(first.index - period.from.index)...Int(last.index - period.from.index)
    }
}
