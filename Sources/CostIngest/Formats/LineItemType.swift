/// AWS `lineItem/LineItemType`, and how each maps to FOCUS charge and pricing categories.
enum LineItemType: Equatable {
    case usage, discountedUsage, savingsPlanCoveredUsage, savingsPlanNegation, savingsPlanRecurringFee
    case savingsPlanUpfrontFee, fee, riFee, tax, credit, refund, discount, other

    /// Parses the column's bytes; an absent column means Usage (the documented default).
    init(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty { self = .usage; return }
        // Most line items are plain usage: answer it without building a String.
        if bytes.count == 5 && bytes.elementsEqual("Usage".utf8) { self = .usage; return }
        switch String(decoding: bytes, as: UTF8.self) {
        case "Usage": self = .usage
        case "DiscountedUsage": self = .discountedUsage
        case "SavingsPlanCoveredUsage": self = .savingsPlanCoveredUsage
        case "SavingsPlanNegation": self = .savingsPlanNegation
        case "SavingsPlanRecurringFee": self = .savingsPlanRecurringFee
        case "SavingsPlanUpfrontFee": self = .savingsPlanUpfrontFee
        case "Fee": self = .fee
        case "RIFee": self = .riFee
        case "Tax": self = .tax
        case "Credit": self = .credit
        case "Refund": self = .refund
        case "Discount", "BundledDiscount", "EdpDiscount", "PrivateRateDiscount", "DistributorDiscount": self = .discount
        default: self = .other
        }
    }

    /// FOCUS ChargeCategory: usage is Usage, fees are Purchase, Tax, credits and refunds are Credit,
    /// discounts and Savings Plan negations are Adjustment.
    var chargeCategory: StaticString {
        switch self {
        case .usage, .discountedUsage, .savingsPlanCoveredUsage: return "Usage"
        case .fee, .riFee, .savingsPlanRecurringFee, .savingsPlanUpfrontFee: return "Purchase"
        case .tax: return "Tax"
        case .credit, .refund: return "Credit"
        case .discount, .savingsPlanNegation, .other: return "Adjustment"
        }
    }

    /// FOCUS PricingCategory for usage rows: Committed when a commitment covered it, Dynamic for Spot,
    /// Standard otherwise; nil for rows that are not usage.
    func pricingCategory(spot: Bool) -> StaticString? {
        switch self {
        case .discountedUsage, .savingsPlanCoveredUsage: return "Committed"
        case .usage: return spot ? "Dynamic" : "Standard"
        default: return nil
        }
    }
}
