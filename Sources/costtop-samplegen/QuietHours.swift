/// When a sparse resource reports usage in a quiet bill (`--no-stories`).
///
/// In the default bill a resource with density 0.02 reports in random hours: some days it has
/// none, some days three, so its usage type's daily cost jumps several-fold from day to day and
/// every such jump looks like a spike to a detector. A quiet bill must hold no anomalies except
/// the planted ones, so there each sparse resource reports at the same evenly spaced hours every
/// running day (at least one), each line carrying the usage the random hours would have had on
/// average: the daily cost keeps its level and its weekly rhythm but loses the bursts.
struct QuietHours {
    /// Bit n set = the resource reports in hour n of the day (UTC).
    let mask: UInt32
    /// Factor on the usage of each reported hour, so that the expected daily usage equals that of
    /// `density` random hours.
    let amountScale: Double

    /// The hours for a resource of `density` on `schedule`; `phase` in [0, 1) shifts the hours so
    /// that resources do not all report at midnight.
    init(density: Double, schedule: Schedule, phase: Double) {
        // Business-hours resources can only report inside their window.
        let window = schedule == .businessHours ? 8..<20 : 0..<24
        let width = Double(window.count)
        let perDay = max(1, min(window.count, Int((width * density).rounded())))
        let step = width / Double(perDay)
        var bits: UInt32 = 0
        for index in 0..<perDay {
            // phase × step < step keeps the last hour inside the window (the min guards rounding).
            let hour = min(window.upperBound - 1, window.lowerBound + Int(phase * step + Double(index) * step))
            bits |= 1 << UInt32(hour)
        }
        mask = bits
        amountScale = width * density / Double(perDay)
    }
}
