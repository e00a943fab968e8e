/// Finds anomalous episodes in one daily cost series.
///
/// Baseline: the median of the same weekday over the previous four weeks, which follows weekly
/// seasonality and ignores a single odd week; the band is the larger of `deviations` robust standard
/// deviations (1.4826 × the median absolute deviation of the trailing 28 days around their median)
/// and `relativeThreshold` of the expected value. With less history the detector judges what the
/// days there are allow (docs/anomalies.md, *Short history*): from `fullBaselineFrom` days the same
/// baseline over the weeks available, before that only new spend and jumps that dwarf every day
/// before them.
struct SeriesDetector {
    /// An anomalous stretch of days (indexes into the series).
    struct Episode: Equatable {
        var first: Int
        var last: Int
        var kind: AnomalyKind
        var expected: Double
        var actual: Double
        var score: Double
        var ongoing: Bool
        /// Days of history (with data, at most `lookback`) the baseline of the first day stood on.
        var history: Int = SeriesDetector.lookback
    }

    let settings: AnomalySettings
    /// Days to look back for the baseline.
    static let lookback = 28
    /// Days of history from which the same-weekday baseline and its band are used (one week: every
    /// weekday seen once).
    static let weekBaselineFrom = 7
    /// Days of history before a series' first cost can be called new spend: a weekend is two days,
    /// so a weekday-only series seen from a Saturday is not new on Monday.
    static let newSpendFrom = 3
    /// With under a week of history, a day is judged only when it is this many times the largest
    /// day before it: the jump that dwarfs everything before must never go unreported.
    static let dwarfFactor = 10.0
    /// With under four weeks of history, how far a spike must go beyond the highest earlier day (bursty
    /// series) or the highest same weekday (others).
    static let shortHistoryMargin = 1.5

    /// - Parameters:
    ///   - series: daily cost, oldest first.
    ///   - missing: days with no data at all in the bill (a late export): never anomalous, not in baselines.
    ///   - partialLast: the last day looks incomplete (fewer hours than usual): no drops are reported on it.
    ///   - from: first index that may start an anomaly.
    func episodes(_ series: [Double], missing: [Bool], partialLast: Bool, from: Int) -> [Episode] {
        var baselines = DayBaselines()
        return series.withUnsafeBufferPointer { series in
            missing.withUnsafeBufferPointer { missing in
                episodes(series, missing: missing, partialLast: partialLast, from: from, baselines: &baselines)
            }
        }
    }

    /// The episodes of one series, its baselines filled into `baselines` (whose buffers a scan over
    /// many series reuses).
    /// - Parameter everyDay: compute every day's baseline in full (`DayBaselines`): the same episodes.
    func episodes(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, partialLast: Bool, from: Int,
                  baselines: inout DayBaselines, everyDay: Bool = false) -> [Episode] {
        let count = series.count
        guard count > 1 else { return [] }
        baselines.fill(series, missing: missing, from: from, settings: settings, everyDay: everyDay)
        return scan(series, missing: missing, partialLast: partialLast, from: from, baselines: baselines)
    }

    /// Walks the days from `from`, against their baselines: runs above the band, new and stopped
    /// spend, growth.
    private func scan(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, partialLast: Bool, from: Int,
                      baselines: DayBaselines) -> [Episode] {
        let count = series.count
        let expected = baselines.expected, band = baselines.band, scale = baselines.scale, history = baselines.history

        var result: [Episode] = []
        var day = max(from, 1)
        let lastDay = count - 1
        while day < count {
            // New spend: nothing in the four weeks before, then cost on three days or more in a row.
            // Checked before the band, whose daily floor would hide a new series that starts small.
            if !missing[day], series[day] > 0, history[day] >= SeriesDetector.newSpendFrom,
               (max(0, day - SeriesDetector.lookback)..<day).allSatisfy({ missing[$0] || series[$0] == 0 }) {
                var end = day
                var probe = day + 1
                while probe < count, missing[probe] || series[probe] > 0 {
                    if !missing[probe] { end = probe }
                    probe += 1
                }
                let span = (day...end).filter { !missing[$0] }
                if span.count >= 3 || end == lastDay {
                    let actualSum = span.reduce(0) { $0 + series[$1] }
                    result.append(Episode(first: day, last: end, kind: .newSpend, expected: 0, actual: actualSum,
                                          score: 99, ongoing: end == lastDay, history: history[day]))
                    day = end + 1
                    continue
                }
            }
            guard !missing[day], series[day] - expected[day] > band[day] else {
                // Stopped spend: a series that had a level and drops to zero for two days or more.
                // The total impact decides whether it is worth reporting, not the daily level.
                if !missing[day], series[day] == 0, expected[day] > 0,
                   let stop = stoppedRun(series, missing: missing, from: day, partialLast: partialLast) {
                    // Expected: the level before the stop, for every stopped day (the rolling baseline
                    // would learn the zeros after four weeks and understate the impact).
                    let expectedSum = (day...stop).filter { !missing[$0] }.reduce(0) { $0 + before($1, start: day, series, missing) }
                    result.append(Episode(first: day, last: stop, kind: .stoppedSpend, expected: expectedSum, actual: 0,
                                          score: scale[day] > 0 ? expected[day] / scale[day] : 99, ongoing: stop == lastDay,
                                          history: history[day]))
                    day = stop + 1
                    while day < count, series[day] == 0 { day += 1 }
                    continue
                }
                day += 1
                continue
            }
            // A run of days above the band (missing days do not break it).
            var last = day
            var next = day + 1
            while next < count, missing[next] || series[next] - expected[next] > band[next] {
                if !missing[next] { last = next }
                next += 1
            }
            let days = (day...last).filter { !missing[$0] }
            let priorSpend = (max(0, day - SeriesDetector.lookback)..<day).reduce(0) { $0 + series[$1] }
            var kind: AnomalyKind
            if priorSpend < settings.minimumDailyImpact && history[day] >= SeriesDetector.newSpendFrom {
                kind = .newSpend
            } else if days.count >= 5 || (last == lastDay && days.count >= 3) {
                kind = .levelShift
            } else {
                kind = .spike
            }
            // A new level keeps going after the band catches up: count the days it stays above the
            // level before it started (same weekday, the four weeks before the start).
            var end = last
            if kind == .levelShift || kind == .newSpend {
                var probe = last + 1
                while probe < count, missing[probe] || series[probe] - before(probe, start: day, series, missing) > band[day] {
                    if !missing[probe] { end = probe }
                    probe += 1
                }
            }
            let span = (day...end).filter { !missing[$0] }
            let expectedSum = span.reduce(0) { $0 + (kind == .spike ? expected[$1] : before($1, start: day, series, missing)) }
            let actualSum = span.reduce(0) { $0 + series[$1] }
            // A spike must go beyond anything the series did in the four weeks before: bursty series
            // (query scans, data transfer) move by multiples every week, and that is their normal.
            if kind == .spike {
                let recent = (max(0, day - SeriesDetector.lookback)..<day).filter { !missing[$0] }.map { series[$0] }
                let recentMax = recent.max() ?? 0
                var floor = recentMax
                if history[day] < SeriesDetector.lookback {
                    // Under four weeks seen, the range is not known yet. A bursty series (its highest
                    // day over twice its median) must clear its highest day by half again; any other
                    // must clear the same weekdays' highest by half again (a weekend spike need not
                    // reach the weekdays' level times 1.5, nor a weekday one ride on noise).
                    let margin = SeriesDetector.shortHistoryMargin
                    let weekdayMax = stride(from: day - 7, through: max(0, day - SeriesDetector.lookback), by: -7)
                        .filter { $0 >= 0 && !missing[$0] }.map { series[$0] }.max() ?? 0
                    floor = recentMax > 2 * median(recent) ? margin * recentMax : max(recentMax, margin * weekdayMax)
                }
                let peak = (day...end).map { series[$0] }.max() ?? 0
                if peak <= floor {
                    day = end + 1
                    continue
                }
            }
            // A shift that builds up day by day is growth: its first day carries a small part of the final excess.
            if kind == .levelShift, span.count >= 5,
               series[day] - expected[day] < (series[end] - before(end, start: day, series, missing)) / 3 {
                kind = .gradualGrowth
            }
            let score = days.map { scale[$0] > 0 ? (series[$0] - expected[$0]) / scale[$0] : 99 }.max() ?? 0
            result.append(Episode(first: day, last: end, kind: kind, expected: expectedSum, actual: actualSum,
                                  score: min(score, 99), ongoing: end == lastDay, history: history[day]))
            day = end + 1
        }
        if let growth = gradualGrowth(series, missing: missing, from: from),
           !result.contains(where: { $0.last >= growth.first }) {
            result.append(growth)
        }
        return result
    }

    /// The expected value of `day` from before an anomaly that began at `start`: the median of the
    /// same weekday over the four weeks before `start`.
    private func before(_ day: Int, start: Int, _ series: UnsafeBufferPointer<Double>, _ missing: UnsafeBufferPointer<Bool>) -> Double {
        var first = start - 1
        while first >= 0, (day - first) % 7 != 0 { first -= 1 }
        let values = first < 0 ? [] : stride(from: first, through: max(0, first - 21), by: -7).filter { $0 >= 0 && !missing[$0] }.map { series[$0] }
        // Under a week of history this weekday may not have been seen yet: the level of the days there are.
        if values.isEmpty { return median((max(0, start - SeriesDetector.lookback)..<start).filter { !missing[$0] }.map { series[$0] }) }
        return median(values)
    }

    private func stoppedRun(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, from start: Int, partialLast: Bool) -> Int? {
        // Only a steady series can stop: one with cost on (nearly) every day of the two weeks before.
        // Sparse series (occasional requests) have zero days as their normal.
        let recent = (max(0, start - 14)..<start).filter { !missing[$0] }
        guard recent.count >= 7, recent.filter({ series[$0] > 0 }).count >= recent.count - 1 else { return nil }
        var end = start
        var zeros = 0
        var day = start
        while day < series.count, missing[day] || series[day] == 0 {
            if !missing[day] {
                if !(partialLast && day == series.count - 1) { zeros += 1 }
                end = day
            }
            day += 1
        }
        return zeros >= 3 ? end : nil
    }
}

func median(_ values: [Double]) -> Double {
    medianOfSorted(values.sorted())
}

/// The median of values already in ascending order (0 for none).
func medianOfSorted(_ sorted: [Double]) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
