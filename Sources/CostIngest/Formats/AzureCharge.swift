/// An Azure row's `ChargeType` and `PricingModel`, and what they mean in FOCUS terms and for the
/// commitments measures (docs/formats/azure.md).
struct AzureCharge {
    enum ChargeType { case usage, purchase, unusedReservation, unusedSavingsPlan, refund, tax, adjustment, other }
    enum PricingModel { case onDemand, spot, reservation, savingsPlan, other }

    let chargeType: ChargeType
    let pricingModel: PricingModel

    init(chargeType: UnsafeRawBufferPointer, pricingModel: UnsafeRawBufferPointer) {
        self.chargeType = Self.match(chargeType, [
            ("Usage", .usage), ("Purchase", .purchase), ("UnusedReservation", .unusedReservation),
            ("UnusedSavingsPlan", .unusedSavingsPlan), ("Refund", .refund), ("Tax", .tax),
            ("RoundingAdjustment", .adjustment), ("Adjustment", .adjustment),
        ], empty: .usage, unknown: .other)
        self.pricingModel = Self.match(pricingModel, [
            ("OnDemand", .onDemand), ("On Demand", .onDemand), ("Spot", .spot), ("Reservation", .reservation),
            ("SavingsPlan", .savingsPlan), ("Savings Plan", .savingsPlan),
        ], empty: .onDemand, unknown: .other)
    }

    private static func match<T>(_ bytes: UnsafeRawBufferPointer, _ names: [(StaticString, T)], empty: T, unknown: T) -> T {
        if bytes.isEmpty { return empty }
        for (name, value) in names where name.utf8CodeUnitCount == bytes.count {
            let constant = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
            // Exports differ in case (`UsageBased`, `usage`): compare ASCII case-insensitively.
            if zip(constant, bytes).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) { return value }
        }
        return unknown
    }

    private var isCommitmentPricing: Bool { pricingModel == .reservation || pricingModel == .savingsPlan }

    /// Usage a reservation or savings plan covered.
    var isCommittedUsage: Bool { chargeType == .usage && isCommitmentPricing }
    /// The unused part of a commitment (amortized exports only).
    var isUnusedCommitment: Bool { chargeType == .unusedReservation || chargeType == .unusedSavingsPlan }
    /// Buying a reservation or savings plan (up front or a monthly payment).
    var isCommitmentPurchase: Bool { chargeType == .purchase && isCommitmentPricing }

    /// FOCUS ChargeCategory: unused commitment is Usage (with status Unused), as FOCUS defines it.
    var chargeCategory: StaticString {
        switch chargeType {
        case .usage, .unusedReservation, .unusedSavingsPlan: return "Usage"
        case .purchase: return "Purchase"
        case .refund: return "Credit"
        case .tax: return "Tax"
        case .adjustment, .other: return "Adjustment"
        }
    }

    /// FOCUS PricingCategory, for usage rows only.
    var pricingCategory: StaticString? {
        guard chargeType == .usage else { return nil }
        switch pricingModel {
        case .onDemand, .other: return "Standard"
        case .spot: return "Dynamic"
        case .reservation, .savingsPlan: return "Committed"
        }
    }

    /// The commitment kind a row belongs to, when it has one.
    var commitmentType: StaticString? {
        if chargeType == .unusedReservation { return "Reservation" }
        if chargeType == .unusedSavingsPlan { return "Savings plan" }
        switch pricingModel {
        case .reservation: return "Reservation"
        case .savingsPlan: return "Savings plan"
        default: return nil
        }
    }

    /// FOCUS CommitmentDiscountStatus: Used for covered usage, Unused for the unused part.
    var commitmentStatus: StaticString? {
        if isCommittedUsage { return "Used" }
        if isUnusedCommitment { return "Unused" }
        return nil
    }
}
