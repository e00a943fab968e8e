/// A fixed-width numeric column of the cache.
///
/// All measures are `Int64`: money in nano-units (see `Money`), `usageQuantity` in thousandths of the
/// line item's unit, `lineItems` as a plain count of the raw line items folded into a row.
public enum Measure: String, CaseIterable, Sendable {
    /// Billed cost: AWS `lineItem/UnblendedCost`, FOCUS `BilledCost`.
    case billed
    /// Amortized cost: AWS per line item type (docs/formats.md), FOCUS `EffectiveCost`.
    case effective
    /// On-demand list cost: AWS `pricing/publicOnDemandCost`, FOCUS `ListCost`.
    case list
    /// Usage quantity in thousandths of the line item's own unit.
    case usageQuantity = "usage-quantity"
    /// Commitment used (money): Savings Plan `UsedCommitment`, RI amortized fee less its unused part.
    case commitmentUsed = "commitment-used"
    /// Commitment available (money): Savings Plan `TotalCommitmentToDate`, RI amortized fee.
    case commitmentTotal = "commitment-total"
    /// On-demand equivalent (list) cost of usage covered by a commitment.
    case coveredOnDemand = "covered-on-demand"
    /// Number of raw line items rolled into the row.
    case lineItems = "line-items"

    /// Whether the column holds nano-unit money.
    public var isMoney: Bool { self != .usageQuantity && self != .lineItems }
}

/// The cost measure a query reports.
public enum Metric: String, CaseIterable, Sendable {
    case billed, effective, list

    /// The cache column holding this metric.
    public var measure: Measure {
        switch self {
        case .billed: return .billed
        case .effective: return .effective
        case .list: return .list
        }
    }
}
