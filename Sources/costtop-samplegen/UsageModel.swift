/// The clock values an hour's usage depends on, worked out once per hour rather than per resource.
struct HourContext {
    /// Hours since the epoch.
    let hour: Int
    /// Day index from the first day of data.
    let day: Int
    let hourOfDay: Int
    /// 0 = Monday … 6 = Sunday.
    let weekday: Int
    /// The daily curve times the weekly one (see `Rhythm`).
    let traffic: Double

    /// The context of `hour` in a bill whose data starts at `firstHour`.
    init(hour: Int, firstHour: Int) {
        self.hour = hour
        day = (hour - firstHour) / 24
        hourOfDay = hour % 24
        weekday = CivilDate(daysSinceEpoch: hour / 24).weekday
        traffic = Rhythm.hourly[hourOfDay] * Rhythm.weekly[weekday]
    }
}

/// How much a resource uses in a given hour: the single formula behind every usage line.
///
/// The generator writes lines with it and the anomaly planner predicts with it, so the planner
/// can check a planted anomaly's impact against the very numbers the files will hold.
struct UsageModel {
    let seed: UInt64
    let stories: StoryCalendar
    /// 1.02^day for the ramp story, indexed by day from the start.
    let rampTable: [Double]
    /// Traffic-driven usage is scaled by `noiseLow + noiseSpan × u`, u uniform in [0, 1).
    /// The default bill uses ±25%; the quiet bill (`--no-stories`) a narrower band.
    let noiseLow: Double
    let noiseSpan: Double
    /// Per-day multipliers of the resources planted anomalies touch (`UsageStream.anomaly`).
    var dayFactors: [[Double]] = []

    /// Noise band of the default bill.
    static let defaultNoise = (low: 0.75, span: 0.5)
    /// Noise band of the quiet bill: ±10% per line keeps each usage type's day well inside ±25%
    /// of its weekly pattern, so only planted anomalies look like anomalies.
    static let quietNoise = (low: 0.9, span: 0.2)

    /// The usage of `stream` in the hour `time`, or nil when it reports none; `variant` 0 is the
    /// current bill, other values restate it with different noise.
    @inline(__always)
    func amount(_ stream: UsageStream, at time: HourContext, variant: UInt64) -> Amount? {
        let factor = stream.anomaly < 0 ? 1 : dayFactors[Int(stream.anomaly)][time.day]
        return amount(stream, at: time, variant: variant, factor: factor)
    }

    /// The usage with an explicit planted-anomaly multiplier for the day (1 = none, 0 = stopped).
    @inline(__always)
    func amount(_ stream: UsageStream, at time: HourContext, variant: UInt64, factor: Double) -> Amount? {
        guard time.hour >= stream.firstHour, time.hour < stream.endHour,
              stream.schedule.runs(weekday: time.weekday, hourOfDay: time.hourOfDay) else { return nil }
        if stream.hourMask != 0 {
            if (stream.hourMask >> UInt32(time.hourOfDay)) & 1 == 0 { return nil }
        } else if stream.density < 1 {
            // Emission depends on seed, resource and hour only, so restatements keep the same lines.
            let draw = SplitMix64.unit(SplitMix64.hash(seed, stream.id, UInt64(time.hour), 0xD))
            if draw >= stream.density { return nil }
        }
        // A stopped resource writes no line at all, as a deleted one would.
        guard factor > 0 else { return nil }
        let noise = SplitMix64.unit(SplitMix64.hash(seed, stream.id, UInt64(time.hour), 0xA0 &+ variant))
        let amount = value(stream, day: time.day, traffic: time.traffic, noise: noise, factor: factor)
        return amount.raw > 0 ? amount : nil
    }

    /// Instances run whole hours; everything else follows its base amount, the daily/weekly
    /// rhythm (traffic), the stories, the planted anomalies and some noise.
    @inline(__always)
    private func value(_ stream: UsageStream, day: Int, traffic: Double, noise: Double, factor: Double) -> Amount {
        var value = stream.baseAmount
        switch stream.shape {
        case .instance:
            // Only a stop (factor 0, handled above) is planted on instances: a resource-hour
            // line cannot hold more than one hour.
            return Amount(whole: 1)
        case .storage:
            value *= 0.985 + 0.03 * noise
        case .traffic:
            value *= traffic * (noiseLow + noiseSpan * noise)
        case .requests:
            // Requests are whole: scale before rounding.
            var requests = value * traffic * (noiseLow + noiseSpan * noise)
            if factor != 1 { requests *= factor }
            value = requests.rounded()
        }
        switch stream.story {
        case .none: break
        case .spike: if stories.isSpike(day: day) { value *= StoryCalendar.spikeFactor }
        case .ramp: value *= rampTable[min(day, rampTable.count - 1)]
        }
        // Skipped when 1 so that resources without anomalies keep their exact numbers.
        if factor != 1 && stream.shape != .requests { value *= factor }
        return Amount(value)
    }
}
