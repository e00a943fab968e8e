import CostModel

/// A movers question: which nodes of a drill path changed most between two windows, and why.
public struct MoversSpec: Sendable {
    /// The window reported and the window it is compared with.
    public var period: DayRange
    public var comparison: DayRange
    /// The drill path, outermost first (default account → service → usage type); at most four.
    public var path: [CostDimension]
    /// Filters, all of which must hold.
    public var filters: [Filter]
    public var metric: Metric
    /// Most movers reported (largest absolute change first).
    public var limit: Int
    /// Compare daily averages instead of totals, so windows of different length compare fairly.
    public var perDay: Bool
    /// Smallest absolute change (nano-units, after `perDay`) a node needs to be looked at.
    public var minimumChange: Int128
    /// Share of a node's change one child must carry for the mover to be reported at the child.
    public var explainedShare: Double

    /// The default drill path.
    public static let defaultPath: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType)]

    public init(period: DayRange, comparison: DayRange, path: [CostDimension] = MoversSpec.defaultPath,
                filters: [Filter] = [], metric: Metric = .billed, limit: Int = 10, perDay: Bool = false,
                minimumChange: Int128 = 1_000_000_000, explainedShare: Double = 0.8) {
        self.period = period
        self.comparison = comparison
        self.path = path
        self.filters = filters
        self.metric = metric
        self.limit = limit
        self.perDay = perDay
        self.minimumChange = minimumChange
        self.explainedShare = explainedShare
    }
}

/// One mover: a node of the drill path, its cost in both windows and the drivers of the change.
public struct Mover: Sendable, Equatable {
    /// The node, outermost step first.
    public var path: [PathStep]
    /// Cost now and before, in nano-units (daily averages with `perDay`).
    public var cost: Int128
    public var previous: Int128
    public var delta: Int128 { cost - previous }
    /// Drivers that add up exactly to `delta`, none zero.
    public var drivers: [MoverDriver]

    public init(path: [PathStep], cost: Int128, previous: Int128, drivers: [MoverDriver]) {
        self.path = path
        self.cost = cost
        self.previous = previous
        self.drivers = drivers
    }

    /// Change relative to the previous cost, percent; nil when there was none.
    public var deltaPercent: Double? { previous == 0 ? nil : Double(delta) / Double(abs(previous)) * 100 }

    /// A stable text naming the node (`account=1 > service=S`), for notes and views.
    public var pathText: String { path.map { "\($0.dimension)=\($0.key)" }.joined(separator: " > ") }
}

/// The answer to a `MoversSpec`.
public struct MoversResult: Sendable {
    public var spec: MoversSpec
    /// The currency reported (the largest present), nil for an empty selection.
    public var currency: String?
    /// Movers, largest absolute change first.
    public var movers: [Mover]
    /// Totals of the selection in both windows (daily averages with `perDay`).
    public var total: Int128
    public var previousTotal: Int128

    public init(spec: MoversSpec, currency: String?, movers: [Mover], total: Int128, previousTotal: Int128) {
        self.spec = spec
        self.currency = currency
        self.movers = movers
        self.total = total
        self.previousTotal = previousTotal
    }
}
