import CostModel

/// The kinds of anomaly the detector reports.
public enum AnomalyKind: String, Sendable, CaseIterable {
    /// One or a few days well above the expected level, then back.
    case spike
    /// A new, sustained level: reported once, at its start.
    case levelShift = "level-shift"
    /// A series that appears from nothing.
    case newSpend = "new-spend"
    /// A series that drops to zero and stays there.
    case stoppedSpend = "stopped-spend"
    /// A sustained trend beyond the band over weeks.
    case gradualGrowth = "gradual-growth"
}

/// One step of an anomaly's path down the hierarchy.
public struct PathStep: Sendable, Equatable {
    public var dimension: String
    public var key: String

    public init(dimension: String, key: String) {
        self.dimension = dimension
        self.key = key
    }
}

/// What explains an anomaly: a child (or tag value, region) and the part of the impact it carries.
public struct RootCause: Sendable, Equatable {
    public var dimension: String
    public var key: String
    /// Actual − expected over the anomaly's days, in currency units.
    public var impact: Double

    public init(dimension: String, key: String, impact: Double) {
        self.dimension = dimension
        self.key = key
        self.impact = impact
    }
}

/// A detected anomaly.
public struct Anomaly: Sendable, Equatable {
    public var start: Day
    public var end: Day
    /// Still anomalous on the last day of data.
    public var ongoing: Bool
    public var path: [PathStep]
    public var kind: AnomalyKind
    /// Sums over the anomaly's days, in currency units.
    public var expected: Double
    public var actual: Double
    public var impact: Double { actual - expected }
    /// Impact relative to expected, percent (nil when nothing was expected).
    public var impactPercent: Double? { expected > 0 ? impact / expected * 100 : nil }
    /// How far outside the band, in robust standard deviations (largest day).
    public var score: Double
    public var rootCauses: [RootCause]
    /// Days of history (with data, up to 28) the baseline stood on: under 7, only new spend and
    /// jumps that dwarf every earlier day are judged (docs/anomalies.md, *Short history*).
    public var history: Int
    /// The region and tag-value views that showed the same cause and were folded into this anomaly
    /// (`env=prod`, `team=(untagged)`), largest first.
    public var alsoSeenAs: [PathStep]

    public init(start: Day, end: Day, ongoing: Bool, path: [PathStep], kind: AnomalyKind, expected: Double, actual: Double,
                score: Double, rootCauses: [RootCause], history: Int = 28, alsoSeenAs: [PathStep] = []) {
        self.start = start
        self.end = end
        self.ongoing = ongoing
        self.path = path
        self.kind = kind
        self.expected = expected
        self.actual = actual
        self.score = score
        self.rootCauses = rootCauses
        self.history = history
        self.alsoSeenAs = alsoSeenAs
    }
}

/// Detection settings. Defaults suit small and large bills: a day counts only when it is both
/// `relativeThreshold` above the expected level and `minimumDailyImpact` above it in money, and an
/// anomaly is reported only when its total impact (in absolute value: stopped spend is negative)
/// is at least `minimumImpact`.
public struct AnomalySettings: Sendable {
    /// Relative excess over the expected value for a day to count (0.3 = 30%).
    public var relativeThreshold = 0.3
    /// Robust standard deviations above the expected value for a day to count.
    public var deviations = 3.0
    /// Money a day must exceed its expected value by (small: the total impact is the real filter).
    public var minimumDailyImpact = 1.0
    /// Money an anomaly must add up to, to be reported.
    public var minimumImpact = 20.0
    /// Raise `minimumImpact` to 0.5% of the bill's median day (so large bills are not flooded).
    public var scaleToBill = true
    /// Share of a parent's impact one child must explain for the anomaly to be reported at the child
    /// only; above 1, every level is reported (parents, and children that are parts of them).
    public var explainedShare = 0.8

    public init() {}
}
