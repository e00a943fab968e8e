/// A rules file: cost categories that map charges to values (teams, products), splits that share
/// one value's cost among others, and monthly budgets. Applied at query time, so a changed rule never needs a re-ingest.
///
/// See docs/allocation.md for the file format and the exact meaning of every field.
public struct AllocationRules: Sendable, Equatable {
    /// The categories, queried as `category:NAME`.
    public var categories: [CostCategory]
    /// The shared-cost splits, in file order (they are applied in dependency order).
    public var splits: [CostSplit]
    /// The monthly budgets (docs/budgets.md), in file order.
    public var budgets: [Budget]
    /// The file the rules came from, for messages; nil when built in code.
    public var file: String?

    /// Rules with the given categories, splits and budgets.
    public init(categories: [CostCategory] = [], splits: [CostSplit] = [], budgets: [Budget] = [], file: String? = nil) {
        self.categories = categories
        self.splits = splits
        self.budgets = budgets
        self.file = file
    }

    /// No categories and no splits: what a missing default rules file means.
    public static let none = AllocationRules()

    /// The category called `name`, if the file defines one.
    public func category(named name: String) -> CostCategory? {
        categories.first { $0.name == name }
    }

    /// The splits of category `name`, in the order they must be applied.
    /// - Throws: `SplitCycle` when the splits depend on each other in a circle.
    public func orderedSplits(of name: String) throws -> [CostSplit] {
        try SplitOrder.resolve(splits.filter { $0.category == name })
    }

    /// The names of the categories, for messages.
    public var categoryNames: String {
        categories.isEmpty ? "none" : categories.map(\.name).joined(separator: ", ")
    }
}
