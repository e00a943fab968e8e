/// A shared-cost split: each day, the cost of one category value (`source`) is divided among other
/// values of the same category (`targets`).
public struct CostSplit: Sendable, Equatable {
    /// The category whose values are split.
    public var category: String
    /// The value whose cost is shared.
    public var source: String
    /// The values that receive it.
    public var targets: [String]
    /// How the cost is divided.
    public var method: SplitMethod

    /// A split of `source`'s cost among `targets` by `method`.
    public init(category: String, source: String, targets: [String], method: SplitMethod) {
        self.category = category
        self.source = source
        self.targets = targets
        self.method = method
    }
}

/// How a split divides each day's cost.
public enum SplitMethod: Sendable, Equatable {
    /// In proportion to each target's own cost that day (same metric); a day on which the targets'
    /// positive costs add to zero keeps the cost in the source, as unallocatable.
    case proportional
    /// Equally among the targets.
    case even
    /// By fixed weights, one per target (any positive whole numbers; they need not add to 100).
    case fixed([String: Int])

    /// The method's name in the rules file and in FOCUS-style `AllocatedMethodId` columns.
    public var id: String {
        switch self {
        case .proportional: return "proportional"
        case .even: return "even"
        case .fixed: return "fixed"
        }
    }
}
