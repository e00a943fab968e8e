/// The daily unblended cost of every (account, service, usage type) series, simulated with the
/// generator's own formula before anything is written: what the anomaly planner chooses from.
///
/// Only plain on-demand resources are simulated. A resource under a Savings Plan or reservation
/// bills its usage through the commitment, so scaling it would move commitment to or from other
/// resources; such series are recorded (so new spend never reuses their usage type) but never
/// planted on.
struct SeriesTable {
    /// One series and what the planner needs to know about it.
    struct Series {
        let key: SeriesKey
        /// Indices into the plan's streams.
        var streams: [Int] = []
        /// Unblended cost per day (`Amount.raw`), without planted anomalies.
        var daily: [Int64]
        /// Every resource bills plain on-demand usage: its cost is amount × rate.
        var onDemand = true
        /// Some resource bills whole instance-hours, so only a stop can be planted on it.
        var hasInstances = false
        /// Part of a built-in story; left alone so the stories stay as documented.
        var inStory = false
        /// Earliest first day of a further anomaly: later than four clean weeks after the last
        /// one, never after a stop, a new series or anything that runs to the end.
        var freeFrom = 0

        /// The first day without cost (the day count when there is none).
        var firstEmptyDay: Int { daily.firstIndex { $0 <= 0 } ?? daily.count }
    }

    private(set) var series: [Series] = []
    private var index: [SeriesKey: Int] = [:]
    let model: UsageModel
    let days: Int
    /// Every hour of data, in order.
    private let hours: [HourContext]

    /// Simulates `streams` (billed where `placements` say) over `days` days from `firstHour`.
    init(streams: ContiguousArray<UsageStream>, placements: [Placement], model: UsageModel, firstHour: Int, days: Int) {
        self.model = model
        self.days = days
        hours = (0..<days * 24).map { HourContext(hour: firstHour + $0, firstHour: firstHour) }
        for (position, stream) in streams.enumerated() {
            add(stream, at: position, key: SeriesTable.key(placements[position]))
        }
    }

    /// The series key of a placement.
    static func key(_ placement: Placement) -> SeriesKey {
        SeriesKey(account: placement.account, service: placement.service, usageType: placement.usageType)
    }

    /// The position of the series `key`, if any resource bills it.
    func position(of key: SeriesKey) -> Int? { index[key] }

    /// Records a stream (stream index `position`) under its series and adds its cost.
    mutating func add(_ stream: UsageStream, at position: Int, key: SeriesKey) {
        let slot: Int
        if let existing = index[key] {
            slot = existing
        } else {
            slot = series.count
            index[key] = slot
            series.append(Series(key: key, daily: Array(repeating: 0, count: days)))
        }
        series[slot].streams.append(position)
        if stream.shape == .instance { series[slot].hasInstances = true }
        if stream.story != .none { series[slot].inStory = true }
        guard SeriesTable.isOnDemand(stream) else {
            series[slot].onDemand = false
            return
        }
        let cost = dailyCost(stream, days: 0..<days, factors: nil)
        for day in 0..<days { series[slot].daily[day] += cost[day] }
    }

    /// Marks the series at `slot` as taken until `freeFrom`.
    mutating func reserve(_ slot: Int, until freeFrom: Int) {
        series[slot].freeFrom = freeFrom
    }

    /// Whether the stream's unblended cost is simply its usage times its rate.
    static func isOnDemand(_ stream: UsageStream) -> Bool {
        stream.reservation < 0 && stream.savingsPlanDiscount == 0
    }

    /// The stream's unblended cost on each day of `days` (indexed from `days.lowerBound`), with
    /// `factors[day]` as the planted multiplier when given.
    func dailyCost(_ stream: UsageStream, days: Range<Int>, factors: [Double]?) -> [Int64] {
        var result = [Int64](repeating: 0, count: days.count)
        for hourIndex in days.lowerBound * 24..<days.upperBound * 24 {
            let time = hours[hourIndex]
            let factor = factors?[time.day] ?? 1
            guard let amount = model.amount(stream, at: time, variant: 0, factor: factor) else { continue }
            result[time.day - days.lowerBound] += amount.times(stream.rate).raw
        }
        return result
    }
}
