/// A column of the roll-up interchange: FOCUS 1.2 columns at daily grain, and costtop's own
/// measures that FOCUS lacks as `x_` columns (docs/rollup.md lists them with their meaning).
///
/// The order of the cases is the order of the columns the printed SQL writes.
public enum RollupColumn: String, CaseIterable, Sendable {
    case chargePeriodStart = "ChargePeriodStart"
    case chargePeriodEnd = "ChargePeriodEnd"
    case billingCurrency = "BillingCurrency"
    case serviceProviderName = "ServiceProviderName"
    case billingAccountId = "BillingAccountId"
    case billingAccountName = "BillingAccountName"
    case subAccountId = "SubAccountId"
    case subAccountName = "SubAccountName"
    case serviceName = "ServiceName"
    case usageType = "x_UsageType"
    case regionId = "RegionId"
    case resourceId = "ResourceId"
    case chargeCategory = "ChargeCategory"
    case pricingCategory = "PricingCategory"
    case commitmentDiscountId = "CommitmentDiscountId"
    case commitmentDiscountType = "CommitmentDiscountType"
    case commitmentDiscountStatus = "CommitmentDiscountStatus"
    case commitmentDiscountName = "CommitmentDiscountName"
    case tags = "Tags"
    case billedCost = "BilledCost"
    case effectiveCost = "EffectiveCost"
    case listCost = "ListCost"
    case consumedQuantity = "ConsumedQuantity"
    case commitmentUsed = "x_CommitmentUsed"
    case commitmentTotal = "x_CommitmentTotal"
    case coveredOnDemandCost = "x_CoveredOnDemandCost"
    case lineItems = "x_LineItems"

    /// The column's name in the roll-up file.
    public var name: String { rawValue }

    /// Whether the column is summed (a measure) rather than grouped by (a dimension).
    public var isMeasure: Bool {
        switch self {
        case .billedCost, .effectiveCost, .listCost, .consumedQuantity, .commitmentUsed, .commitmentTotal,
             .coveredOnDemandCost, .lineItems:
            return true
        default:
            return false
        }
    }

    /// Whether the column is money (nine decimals), as opposed to a quantity, a count or text.
    public var isMoney: Bool { isMeasure && self != .consumedQuantity && self != .lineItems }

    /// The columns computed per line item in the inner SELECT (ChargePeriodEnd is derived after grouping).
    static var lineItemColumns: [RollupColumn] { allCases.filter { $0 != .chargePeriodEnd } }
}
