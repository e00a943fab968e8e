import CostModel

extension FixedDimension {
    /// Position of this dimension among the cache's dimension columns (its place in `allCases`).
    @inlinable
    public var columnIndex: Int {
        switch self {
        case .provider: return 0
        case .billingAccount: return 1
        case .account: return 2
        case .service: return 3
        case .usageType: return 4
        case .region: return 5
        case .resource: return 6
        case .chargeCategory: return 7
        case .pricingCategory: return 8
        case .commitment: return 9
        case .commitmentType: return 10
        case .commitmentStatus: return 11
        case .currency: return 12
        case .source: return 13
        }
    }
}

extension Measure {
    /// Position of this measure among the cache's measure columns (its place in `allCases`).
    @inlinable
    public var columnIndex: Int {
        switch self {
        case .billed: return 0
        case .effective: return 1
        case .list: return 2
        case .usageQuantity: return 3
        case .commitmentUsed: return 4
        case .commitmentTotal: return 5
        case .coveredOnDemand: return 6
        case .lineItems: return 7
        }
    }
}
