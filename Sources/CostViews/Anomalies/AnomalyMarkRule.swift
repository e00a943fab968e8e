import CostEngine

/// When a table row carries an anomaly mark, and how loud: the config file's `anomaly_marks:`
/// mapping (decoded in `AnomalyMarkRule+Decodable.swift`; docs/anomalies.md, *Marks*).
///
/// A mark must say "look here". Every account of a real bill has some anomaly in its subtree over a
/// few months (a usage type worth cents that doubled), so marking every row with one in its subtree
/// marked 11 of 12 accounts of the sample bill. An anomaly is *material* for a row when its impact
/// on the days it shares with the period shown is at least `notablePercent` of the row's cost in
/// the period, and *severe* at `severePercent`: the same $300 spike is severe on an account of
/// $1,000 a month and unremarkable on one of $150,000.
public struct AnomalyMarkRule: Sendable, Equatable {
    /// Impact as a share of the row's cost in the period, percent, from which a row is marked.
    public var notablePercent = 10.0
    /// Impact as a share of the row's cost in the period, percent, from which the mark is severe.
    public var severePercent = 25.0

    /// The defaults: marked from 10% of the row's cost in the period, severe from 25%.
    public init() {}

    /// The severity of the row's mark: from the largest impact of the anomalies in its subtree
    /// against the row's cost in the period, nil when none is material.
    /// - Parameters:
    ///   - impacts: the impacts (absolute, currency units) of the anomalies in the row's subtree
    ///     overlapping the period, each counted for the days it shares with the period.
    ///   - rowCost: the row's cost in the period, currency units.
    public func severity(impacts: [Double], rowCost: Double) -> AnomalySeverity? {
        guard let largest = impacts.max(), largest > 0 else { return nil }
        // A row that cost nothing (or a credit) with an anomaly under it: the anomaly is all of it.
        let share = rowCost > 0 ? largest / rowCost * 100 : .infinity
        if share >= severePercent { return .severe }
        if share >= notablePercent { return .notable }
        return nil
    }
}

/// How loud a row's anomaly mark is. Each has its own theme role and its own mark, so it reads
/// without colour.
public enum AnomalySeverity: Int, Sendable, Comparable {
    /// Worth a look: `*` in the `anomaly` role.
    case notable
    /// A large part of the row's cost: `!` in the `anomaly_severe` role.
    case severe

    public static func < (lhs: AnomalySeverity, rhs: AnomalySeverity) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The theme role of the mark and the marked sparkline days.
    public var role: StyleRole { self == .severe ? .anomalySevere : .anomaly }

    /// The gutter mark (ASCII in both glyph sets: see `Glyphs.anomalyMark`).
    public var mark: String { self == .severe ? "!" : "*" }
}
