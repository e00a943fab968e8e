/// Everything fixed before the first line is written: catalog text, resources (streams),
/// commitments, credits and story placement. Built once per run from the arguments.
final class BillPlan {
    /// Services plus the Savings Plans fee pseudo-service: the width of the spend table.
    static let serviceSlots = ServiceCatalog.all.count + 1

    let seed: UInt64
    let text: FrozenText
    let profiles: ContiguousArray<LineProfile>
    let streams: ContiguousArray<UsageStream>
    let commitments: [CommitmentInfo]
    let savingsPlan: SavingsPlan
    let reservations: [Reservation]
    /// The Tax line profile of each spend-table slot.
    let taxProfiles: [Int32]
    let credits: [CreditRule]
    let periods: [BillingPeriod]
    /// The usage formula, with the stories' calendar and the planted anomalies' multipliers.
    let usage: UsageModel
    /// The anomalies planted with `--anomalies`, in label order.
    let anomalies: [PlantedAnomaly]
    let payerId: TextRef
    let payerName: TextRef
    let firstHour: Int

    /// Stores the parts `PlanBuilder` made.
    init(seed: UInt64, text: FrozenText, profiles: ContiguousArray<LineProfile>, streams: ContiguousArray<UsageStream>,
         commitments: [CommitmentInfo], savingsPlan: SavingsPlan, reservations: [Reservation], taxProfiles: [Int32],
         credits: [CreditRule], periods: [BillingPeriod], usage: UsageModel, anomalies: [PlantedAnomaly],
         payerId: TextRef, payerName: TextRef, firstHour: Int) {
        self.seed = seed
        self.text = text
        self.profiles = profiles
        self.streams = streams
        self.commitments = commitments
        self.savingsPlan = savingsPlan
        self.reservations = reservations
        self.taxProfiles = taxProfiles
        self.credits = credits
        self.periods = periods
        self.usage = usage
        self.anomalies = anomalies
        self.payerId = payerId
        self.payerName = payerName
        self.firstHour = firstHour
    }

    /// The spend-table slot of a profile.
    @inline(__always)
    func slot(of profile: Int32) -> Int {
        let line = profiles[Int(profile)]
        return Int(line.account) * BillPlan.serviceSlots + Int(line.service)
    }
}
