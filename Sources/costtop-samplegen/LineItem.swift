/// The lineItem/LineItemType values the generator writes.
enum LineItemType: UInt8 {
    case usage
    case savingsPlanCoveredUsage
    case savingsPlanNegation
    case savingsPlanRecurringFee
    case discountedUsage
    case riFee
    case tax
    case credit

    /// The CUR spelling.
    var curName: String {
        switch self {
        case .usage: return "Usage"
        case .savingsPlanCoveredUsage: return "SavingsPlanCoveredUsage"
        case .savingsPlanNegation: return "SavingsPlanNegation"
        case .savingsPlanRecurringFee: return "SavingsPlanRecurringFee"
        case .discountedUsage: return "DiscountedUsage"
        case .riFee: return "RIFee"
        case .tax: return "Tax"
        case .credit: return "Credit"
        }
    }

    /// Every type, in raw-value order (the writers index name tables by raw value).
    static let allCases: [LineItemType] = [
        .usage, .savingsPlanCoveredUsage, .savingsPlanNegation, .savingsPlanRecurringFee,
        .discountedUsage, .riFee, .tax, .credit,
    ]
}

/// One line of the bill, as both writers see it.
///
/// Text columns live in the line's `LineProfile` (shared by every hour of one resource);
/// this struct carries only the numbers that change from line to line, so building one costs
/// no allocation.
struct LineItem {
    var type: LineItemType
    /// Index into `BillPlan.profiles`.
    var profile: Int32
    /// Index into `BillPlan.commitments` for commitment-related lines, else -1.
    var commitment: Int32 = -1
    /// Hours since the epoch: usage lines span one hour, monthly lines the billing period.
    var startHour: Int
    var endHour: Int
    var usageAmount = Amount.zero
    /// lineItem/UnblendedRate; absent (empty) for tax and credits.
    var rate = Amount.zero
    var hasRate = true
    var unblended = Amount.zero
    /// pricing/publicOnDemandCost: the list price of the usage.
    var publicCost = Amount.zero
    /// savingsPlan/SavingsPlanEffectiveCost (covered usage) or reservation/EffectiveCost (discounted usage).
    var commitmentEffective = Amount.zero
    /// savingsPlan/TotalCommitmentToDate and UsedCommitment (recurring fee lines).
    var totalCommitment = Amount.zero
    var usedCommitment = Amount.zero
    /// The reservation/* figures of an RIFee line.
    var amortizedUpfront = Amount.zero
    var unusedAmortizedUpfront = Amount.zero
    var unusedRecurring = Amount.zero
    var totalReservedUnits = Amount.zero
    var unusedQuantity = Amount.zero

    /// The amortized (effective) cost, by the rule every reader of the sample must apply:
    /// covered usage costs its Savings Plan rate, a recurring fee only its unused part,
    /// negations and upfront fees nothing, discounted usage its reservation rate, an RI fee
    /// its unused upfront and recurring parts, and everything else its unblended cost.
    var amortized: Amount {
        switch type {
        case .savingsPlanCoveredUsage: return commitmentEffective
        case .savingsPlanRecurringFee: return totalCommitment - usedCommitment
        case .savingsPlanNegation: return .zero
        case .discountedUsage: return commitmentEffective
        case .riFee: return unusedAmortizedUpfront + unusedRecurring
        case .usage, .tax, .credit: return unblended
        }
    }
}

/// The text columns shared by all lines of one resource (or one fee, tax or credit kind).
/// Every member is a `TextRef` into the plan's arena, already CSV-encoded.
struct LineProfile {
    /// Index into `AccountCatalog.all`.
    var account: Int32
    /// Index into `ServiceCatalog.all`, or `ServiceCatalog.all.count` for Savings Plans fees.
    var service: Int32
    var accountId = TextRef.empty
    var accountName = TextRef.empty
    var productCode = TextRef.empty
    var productName = TextRef.empty
    var serviceCategory = TextRef.empty
    var usageType = TextRef.empty
    var operation = TextRef.empty
    var availabilityZone = TextRef.empty
    var resourceId = TextRef.empty
    /// The description of usage lines (and of fee, tax and credit lines).
    var description = TextRef.empty
    /// The description of the negation of covered usage, or of discounted usage.
    var alternateDescription = TextRef.empty
    var regionCode = TextRef.empty
    var regionName = TextRef.empty
    var team = TextRef.empty
    var env = TextRef.empty
    var app = TextRef.empty
    /// FOCUS Tags: a JSON object, CSV-quoted.
    var tagsJSON = TextRef.empty
    var skuId = TextRef.empty
    var unit = TextRef.empty
    /// Spot usage is priced "Dynamic" in FOCUS.
    var isSpot = false

    /// A profile with every text column empty.
    init(account: Int32, service: Int32) {
        self.account = account
        self.service = service
    }
}

/// A Savings Plan or reservation, as its lines name it.
struct CommitmentInfo {
    var arn: TextRef
    var name: TextRef
    var isSavingsPlan: Bool
}
