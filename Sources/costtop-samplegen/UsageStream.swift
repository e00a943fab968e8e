/// When a resource runs.
enum Schedule {
    /// Every hour.
    case always
    /// Monday to Friday, all day (UTC).
    case weekdays
    /// Monday to Friday, 08:00–19:59 UTC (scale-out capacity, dev machines).
    case businessHours

    /// Whether the resource runs at `hourOfDay` on `weekday` (0 = Monday).
    @inline(__always)
    func runs(weekday: Int, hourOfDay: Int) -> Bool {
        switch self {
        case .always: return true
        case .weekdays: return weekday < 5
        case .businessHours: return weekday < 5 && hourOfDay >= 8 && hourOfDay < 20
        }
    }
}

/// A planted story a stream takes part in.
enum StoryRole {
    case none
    /// Usage jumps to about 5× on the spike days.
    case spike
    /// Usage grows about 2% a day from the first day.
    case ramp
}

/// One resource's usage of one usage type: the source of its hourly line items.
struct UsageStream {
    /// Index into `BillPlan.profiles`.
    var profile: Int32
    /// Identity for the per-hour random draws.
    var id: UInt64
    var shape: UsageShape
    var schedule: Schedule
    /// Probability that the resource reports usage in a given running hour.
    var density: Double
    /// Usage amount of an average active hour, before rhythm, stories and noise.
    var baseAmount: Double
    /// The billed (unblended) rate and the public on-demand rate (equal except for Spot).
    var rate: Amount
    var publicRate: Amount
    /// Hours since the epoch during which the resource exists.
    var firstHour: Int
    var endHour: Int
    /// Compute Savings Plan discount for eligible usage (0 = not eligible).
    var savingsPlanDiscount: Double
    /// Index into `BillPlan.reservations` that can cover this usage, or -1.
    var reservation: Int32
    var story: StoryRole
    /// In a quiet bill (`--no-stories`), the hours of the day (bit n = hour n, UTC) in which a
    /// sparse resource reports usage, in place of the random per-hour draw; 0 = use `density`.
    var hourMask: UInt32 = 0
    /// Index into `UsageModel.dayFactors` when a planted anomaly scales this resource, or -1.
    var anomaly: Int32 = -1
}
