import Foundation

/// The forecasting method on one daily series: a level times day-of-week factors.
///
/// Deterministic and small enough to explain in a sentence each (docs/forecast.md):
/// - **Weekly pattern**: a factor per day of the week, the median of that weekday over the last
///   eight weeks divided by the mean of the seven medians (medians, so one spike does not move a
///   weekday). Without four whole weeks of history every factor is 1.
/// - **Level**: the last 28 days divided by their weekday factors, capped at five robust deviations
///   from their median (a one- or two-day spike is an anomaly, not a new level), then averaged with
///   weights that halve every 7 days, so recent days count most.
/// - **Level shift**: when the mean of the last k days (3 ≤ k ≤ 21) differs from the mean of the
///   days before by more than 5 standard errors and 5%, the change is under way: the level is the
///   mean of those k days alone.
/// - **Short history**: under 28 days, the level is the plain mean of the days there are.
/// The forecast of a future day is the level times its weekday's factor. No trend is extrapolated.
public struct SeriesForecaster: Sendable {
    /// Days the level and the change-point search look back over.
    public static let levelWindow = 28
    /// Days the weekday factors look back over (eight weeks).
    public static let weekdayWindow = 56
    /// Half-life of the level's weights, in days.
    public static let halfLife = 7.0

    /// What the method found at a cut day.
    public struct Fit: Sendable, Equatable {
        /// Cost per day with the weekly pattern taken out.
        public var level: Double
        /// Factor of each weekday class (`dayIndex mod 7`).
        public var weekdayFactors: [Double]
        /// Days before the end of the history at which a level shift starts, when one was found.
        public var shiftDaysAgo: Int?

        /// The forecast of the day with index `dayIndex` (days since 1970-01-01).
        public func predict(dayIndex: Int) -> Double {
            level * weekdayFactors[((dayIndex % 7) + 7) % 7]
        }

        /// The forecast of the `count` days after `lastDayIndex`, summed.
        public func predictSum(after lastDayIndex: Int, count: Int) -> Double {
            guard count > 0 else { return 0 }
            var sum = 0.0
            for offset in 1...count { sum += predict(dayIndex: lastDayIndex + offset) }
            return sum
        }
    }

    /// Fits the method to `series[..<end]`, whose element `i` is the cost of day `firstDayIndex + i`.
    /// - Parameters:
    ///   - series: daily costs, oldest first.
    ///   - end: how many leading elements are known (the cut); later ones are ignored.
    ///   - firstDayIndex: the day index of `series[0]`, for the weekday classes.
    public static func fit(_ series: [Double], end: Int, firstDayIndex: Int) -> Fit {
        let factors = weekdayFactors(series, end: end, firstDayIndex: firstDayIndex)
        let start = max(0, end - levelWindow)
        guard end > start else { return Fit(level: 0, weekdayFactors: factors, shiftDaysAgo: nil) }
        var adjusted: [Double] = []
        adjusted.reserveCapacity(end - start)
        for index in start..<end {
            adjusted.append(series[index] / factors[(((firstDayIndex + index) % 7) + 7) % 7])
        }
        if end < levelWindow {
            // Under four weeks there is too little to tell a spike from the level: every day counts.
            return Fit(level: adjusted.reduce(0, +) / Double(adjusted.count), weekdayFactors: factors, shiftDaysAgo: nil)
        }
        if let shift = changePoint(adjusted) {
            let recent = capped(Array(adjusted.suffix(shift)))
            return Fit(level: recent.reduce(0, +) / Double(recent.count), weekdayFactors: factors, shiftDaysAgo: shift)
        }
        let values = capped(adjusted)
        var weighted = 0.0
        var weights = 0.0
        for (offset, value) in values.reversed().enumerated() {
            let weight = pow(2, -Double(offset) / halfLife)
            weighted += weight * value
            weights += weight
        }
        return Fit(level: weighted / weights, weekdayFactors: factors, shiftDaysAgo: nil)
    }

    // MARK: - The parts

    /// Weekday factors from the medians of each weekday over the last whole weeks (at most eight,
    /// at least four); all 1 with less history or no positive cost.
    static func weekdayFactors(_ series: [Double], end: Int, firstDayIndex: Int) -> [Double] {
        let ones = [Double](repeating: 1, count: 7)
        let span = min(weekdayWindow, end / 7 * 7)
        guard span >= 28 else { return ones }
        var byWeekday = [[Double]](repeating: [], count: 7)
        for index in (end - span)..<end {
            byWeekday[(((firstDayIndex + index) % 7) + 7) % 7].append(series[index])
        }
        let medians = byWeekday.map(median)
        let mean = medians.reduce(0, +) / 7
        guard mean > 0, medians.allSatisfy({ $0 >= 0 }) else { return ones }
        // Clamped: a weekday that is nearly free must not turn a small level into a huge one.
        return medians.map { min(3, max(0.2, $0 / mean)) }
    }

    /// The number of most recent days after a level shift, when the shift is clear; else nil.
    static func changePoint(_ values: [Double]) -> Int? {
        let count = values.count
        guard count >= 10 else { return nil }
        var best: (statistic: Double, days: Int)?
        for days in 3...min(21, count - 7) {
            let after = values.suffix(days)
            let before = values.prefix(count - days)
            let meanAfter = after.reduce(0, +) / Double(days)
            let meanBefore = before.reduce(0, +) / Double(before.count)
            let squares = after.reduce(0) { $0 + ($1 - meanAfter) * ($1 - meanAfter) }
                + before.reduce(0) { $0 + ($1 - meanBefore) * ($1 - meanBefore) }
            let deviation = (squares / Double(count - 2)).squareRoot()
            let difference = abs(meanAfter - meanBefore)
            guard difference > 0.05 * max(abs(meanBefore), abs(meanAfter)) else { continue }
            let error = max(deviation, 1e-9 * max(abs(meanBefore), 1)) * (1 / Double(days) + 1 / Double(before.count)).squareRoot()
            let statistic = difference / error
            if statistic > 5, statistic > (best?.statistic ?? 0) { best = (statistic, days) }
        }
        return best?.days
    }

    /// `values` with each one kept within five robust deviations (1.4826 × MAD, at least 2% of the
    /// median) of their median.
    static func capped(_ values: [Double]) -> [Double] {
        let middle = median(values)
        let spread = max(1.4826 * median(values.map { abs($0 - middle) }), 0.02 * abs(middle))
        return values.map { min(middle + 5 * spread, max(middle - 5 * spread, $0)) }
    }

    /// The median of `values` (0 when empty).
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
