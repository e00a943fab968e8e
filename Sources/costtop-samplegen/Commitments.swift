/// The organisation's Compute Savings Plan: a fixed dollar amount per hour, applied to eligible
/// compute usage in the order the usage is generated, its unused part billed all the same.
struct SavingsPlan {
    /// Index into `BillPlan.commitments`.
    var commitment: Int32
    /// The profile of the hourly SavingsPlanRecurringFee line.
    var feeProfile: Int32
    /// savingsPlan/TotalCommitmentToDate of each hour (No Upfront: the hourly fee).
    var hourlyCommitment: Amount
}

/// A partial-upfront reserved instance (or node) purchase covering `units` instances of one
/// usage type in one region.
struct Reservation {
    /// Index into `BillPlan.commitments`.
    var commitment: Int32
    /// The profile of the monthly RIFee line.
    var feeProfile: Int32
    var service: Int
    var template: Int
    var region: Int
    /// Instances covered each hour.
    var units: Int
    /// The upfront payment spread over the term's hours.
    var upfrontHourly: Amount
    /// The recurring hourly fee per unit.
    var recurringHourly: Amount

    /// reservation/EffectiveCost of one covered instance-hour.
    var effectiveHourly: Amount { upfrontHourly + recurringHourly }
}

/// A monthly credit the organisation receives.
struct CreditRule {
    var profile: Int32
    /// Slot in the monthly spend table (`account * BillPlan.serviceSlots + service`).
    var slot: Int
    /// The billing period it applies to, or nil for every period.
    var period: Int?
    /// Share of the month's spend on the slot that is credited…
    var share: Double
    /// …but never more than this.
    var cap: Amount
}
