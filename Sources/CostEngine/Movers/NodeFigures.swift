/// What one node cost in one window, split the way the drivers need it (docs/movers.md).
///
/// Money in nano-units (`Int128` sums of the cache's `Int64` values, so nothing is lost);
/// quantities in thousandths of each usage type's unit.
struct WindowFigures: Equatable {
    /// Per usage type: cost without commitments (uncovered usage at its cost, covered usage at its
    /// on-demand equivalent) and quantity.
    var usage: [UInt32: UsageFigures] = [:]
    /// What commitments changed: covered usage's cost less its on-demand equivalent, plus
    /// commitment fees, negations and unused commitment.
    var commitment: Int128 = 0
    var credits: Int128 = 0
    var refunds: Int128 = 0
    var tax: Int128 = 0
    var fees: Int128 = 0
    /// What shared-cost splits gave the node less what they took from it (a category value's
    /// received minus allocated-out cost); zero below the category step.
    var allocated: Int128 = 0

    /// The node's own charges in the window, without what splits moved.
    var charged: Int128 {
        usage.values.reduce(0) { $0 + $1.cost } + commitment + credits + refunds + tax + fees
    }

    /// The whole cost of the node in the window.
    var total: Int128 { charged + allocated }

    /// Adds another window's figures (a child's into its parent's).
    mutating func add(_ other: WindowFigures) {
        for (type, figures) in other.usage { usage[type, default: UsageFigures()].add(figures) }
        commitment += other.commitment
        credits += other.credits
        refunds += other.refunds
        tax += other.tax
        fees += other.fees
        allocated += other.allocated
    }

    /// Daily averages: every part divided by `days` (to the nearest nano-unit, so the parts still
    /// add up to the total, which is defined as their sum).
    func perDay(_ days: Int) -> WindowFigures {
        guard days > 1 else { return self }
        let divisor = Int128(days)
        func average(_ value: Int128) -> Int128 {
            value >= 0 ? (value + divisor / 2) / divisor : -((-value + divisor / 2) / divisor)
        }
        var result = WindowFigures()
        for (type, figures) in usage {
            result.usage[type] = UsageFigures(cost: average(figures.cost), quantity: figures.quantity / Double(days))
        }
        result.commitment = average(commitment)
        result.credits = average(credits)
        result.refunds = average(refunds)
        result.tax = average(tax)
        result.fees = average(fees)
        result.allocated = average(allocated)
        return result
    }
}

/// Cost and quantity of one usage type in one window.
struct UsageFigures: Equatable {
    var cost: Int128 = 0
    var quantity: Double = 0

    mutating func add(_ other: UsageFigures) {
        cost += other.cost
        quantity += other.quantity
    }

    /// Nothing at all: no cost and no quantity.
    var isEmpty: Bool { cost == 0 && quantity == 0 }
}
