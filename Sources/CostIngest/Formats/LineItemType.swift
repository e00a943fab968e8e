#if canImport(Glibc)
import Glibc
#endif

/// AWS `lineItem/LineItemType`, and how each maps to FOCUS charge and pricing categories.
enum LineItemType: Equatable {
    case usage, discountedUsage, savingsPlanCoveredUsage, savingsPlanNegation, savingsPlanRecurringFee
    case savingsPlanUpfrontFee, fee, riFee, tax, credit, refund, discount, other

    /// Parses the column's bytes; an absent column means Usage (the documented default).
    /// Compares bytes against the known names, so no String is built per line item.
    init(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty { self = .usage; return }
        for (name, type) in LineItemType.names where name.utf8CodeUnitCount == bytes.count
            && memcmp(name.utf8Start, bytes.baseAddress!, bytes.count) == 0 {
            self = type
            return
        }
        self = .other
    }

    /// Known `lineItem/LineItemType` values, most frequent first.
    private static let names: [(StaticString, LineItemType)] = [
        ("Usage", .usage), ("SavingsPlanCoveredUsage", .savingsPlanCoveredUsage), ("SavingsPlanNegation", .savingsPlanNegation),
        ("DiscountedUsage", .discountedUsage), ("SavingsPlanRecurringFee", .savingsPlanRecurringFee), ("Tax", .tax),
        ("Credit", .credit), ("RIFee", .riFee), ("Fee", .fee), ("Refund", .refund), ("SavingsPlanUpfrontFee", .savingsPlanUpfrontFee),
        ("Discount", .discount), ("BundledDiscount", .discount), ("EdpDiscount", .discount),
        ("PrivateRateDiscount", .discount), ("DistributorDiscount", .discount),
    ]

    /// FOCUS ChargeCategory: usage is Usage, fees are Purchase, Tax, credits are Credit, discounts and
    /// Savings Plan negations are Adjustment. Refunds are `Refund`, not FOCUS's Credit: a credit is a
    /// promotion or an SLA credit, a refund gives back what was billed, and movers tell them apart.
    var chargeCategory: StaticString {
        switch self {
        case .usage, .discountedUsage, .savingsPlanCoveredUsage: return "Usage"
        case .fee, .riFee, .savingsPlanRecurringFee, .savingsPlanUpfrontFee: return "Purchase"
        case .tax: return "Tax"
        case .credit: return "Credit"
        case .refund: return "Refund"
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
