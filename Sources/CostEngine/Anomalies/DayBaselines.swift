/// Each day's baseline in one series: the expected value, the band above it, the robust scale
/// (1.4826 × the median absolute deviation of the trailing 28 days) and the days of history it
/// stood on. `SeriesDetector` reads these; one value serves every series of a scan, so its
/// buffers are allocated once, not per series.
///
/// Two ways to fill them, with the same answers wherever the detector reads them:
/// - **every day** (`everyDay: true`): every day from the second, the band from the scale — the
///   straightforward computation, kept for tests that compare the two;
/// - **as needed** (the default): only days from `from` (the first day that may start an
///   anomaly; no earlier day's baseline is read), and the scale only for a day that could be
///   above its band or could start stopped spend. The band is the largest of the scale's
///   multiple, `relativeThreshold` × expected and `minimumDailyImpact`; a day whose excess does not
///   clear the last two cannot clear the band, whatever the scale, so its band is left at their
///   larger and its scale unread (the detector compares that day with its band and nothing else).
///   The scale was most of detection time (a 28-value walk per day of every series).
struct DayBaselines {
    private(set) var expected: [Double] = []
    private(set) var band: [Double] = []
    private(set) var scale: [Double] = []
    private(set) var history: [Int] = []
    private var window = SortedWindow(capacity: SeriesDetector.lookback)

    /// Fills the baselines of `series`.
    /// - Parameters:
    ///   - missing: days with no data at all (never in a baseline).
    ///   - from: the first day whose baseline is read (ignored with `everyDay`).
    ///   - everyDay: compute every day's baseline and scale, as the detector did before.
    mutating func fill(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, from: Int,
                       settings: AnomalySettings, everyDay: Bool) {
        reset(series.count)
        if everyDay {
            fillEveryDay(series, missing: missing, settings: settings)
        } else {
            fillAsNeeded(series, missing: missing, from: from, settings: settings)
        }
    }

    /// Every day from the second, the trailing 28 days kept sorted as the window slides one day at
    /// a time (the centre and the median absolute deviation come out of it without sorting).
    /// Before day 28 it holds every day there is, which is also the history a day is judged on.
    private mutating func fillEveryDay(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>,
                                       settings: AnomalySettings) {
        window.removeAll()
        for day in 1..<max(1, series.count) {
            let leaving = day - 1 - SeriesDetector.lookback
            if leaving >= 0, !missing[leaving] { window.remove(series[leaving]) }
            if !missing[day - 1] { window.insert(series[day - 1]) }
            history[day] = window.values.count
            guard !missing[day], history[day] > 0 else { continue }
            if history[day] < SeriesDetector.weekBaselineFrom {
                shortHistory(day, settings: settings)
                continue
            }
            guard let weekday = Self.sameWeekdayMedian(series, missing: missing, day: day) else { continue }
            expected[day] = weekday
            scale[day] = 1.4826 * window.medianAbsoluteDeviation()
            band[day] = max(settings.deviations * scale[day], settings.relativeThreshold * weekday, settings.minimumDailyImpact)
        }
    }

    /// Days from `from` only; the trailing days gathered (and sorted) only for a day that needs
    /// them: under a week of history, or a scale that can matter. Otherwise a day costs its
    /// same-weekday median and two comparisons.
    private mutating func fillAsNeeded(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, from: Int,
                                       settings: AnomalySettings) {
        let lookback = SeriesDetector.lookback
        let first = max(1, from)
        // Days with data among the trailing 28 (what the sliding window would hold).
        var seen = 0
        for day in max(0, first - 1 - lookback)..<min(first - 1, series.count) where !missing[day] { seen += 1 }
        for day in first..<max(first, series.count) {
            let leaving = day - 1 - lookback
            if leaving >= 0, !missing[leaving] { seen -= 1 }
            if !missing[day - 1] { seen += 1 }
            history[day] = seen
            guard !missing[day], seen > 0 else { continue }
            if seen < SeriesDetector.weekBaselineFrom {
                gatherWindow(series, missing: missing, day: day)
                shortHistory(day, settings: settings)
                continue
            }
            guard let weekday = Self.sameWeekdayMedian(series, missing: missing, day: day) else { continue }
            expected[day] = weekday
            let floor = max(settings.relativeThreshold * weekday, settings.minimumDailyImpact)
            // The scale can only matter when the day clears the floor, or when it may start stopped
            // spend (its score divides by the scale).
            if series[day] - weekday > floor || (series[day] == 0 && weekday > 0) {
                gatherWindow(series, missing: missing, day: day)
                scale[day] = 1.4826 * window.medianAbsoluteDeviation()
                band[day] = max(settings.deviations * scale[day], settings.relativeThreshold * weekday, settings.minimumDailyImpact)
            } else {
                band[day] = floor
            }
        }
    }

    /// Under a week of history: no weekday pattern to compare with. Only a day that dwarfs every day
    /// before it counts (expected: their median). A series with nothing before cannot dwarf
    /// anything: that waits for new spend's rule (which needs `newSpendFrom` days).
    private mutating func shortHistory(_ day: Int, settings: AnomalySettings) {
        let largest = window.values.last ?? 0
        guard largest > 0 else { return }
        expected[day] = medianOfSorted(window.values)
        band[day] = max(SeriesDetector.dwarfFactor * largest - expected[day], settings.minimumDailyImpact)
        scale[day] = max(largest - (window.values.first ?? 0), 0)
    }

    /// The window of the trailing 28 days before `day` (those with data), sorted: the same values
    /// the sliding window holds on that day.
    private mutating func gatherWindow(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, day: Int) {
        window.removeAll()
        for back in max(0, day - SeriesDetector.lookback)..<day where !missing[back] { window.insert(series[back]) }
    }

    /// The median of the same weekday over the four weeks before `day` (the days with data), or
    /// nil when none has data. At most four values, so the middle ones come from comparisons, not a
    /// sort: the same values a sort puts in the middle, added in either order (the same sum).
    static func sameWeekdayMedian(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, day: Int) -> Double? {
        var a = 0.0, b = 0.0, c = 0.0, d = 0.0
        var found = 0
        for back in stride(from: day - 7, through: day - 28, by: -7) where back >= 0 && !missing[back] {
            switch found {
            case 0: a = series[back]
            case 1: b = series[back]
            case 2: c = series[back]
            default: d = series[back]
            }
            found += 1
        }
        switch found {
        case 0: return nil
        case 1: return a
        case 2: return (a + b) / 2
        case 3: return max(min(a, b), min(max(a, b), c))
        default: return (max(min(a, b), min(c, d)) + min(max(a, b), max(c, d))) / 2
        }
    }

    private mutating func reset(_ count: Int) {
        func zeroed<T>(_ array: inout [T], _ value: T) {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: count))
        }
        zeroed(&expected, 0)
        zeroed(&band, .infinity)
        zeroed(&scale, 0)
        zeroed(&history, 0)
    }
}
