// MARK: - Gradual growth

extension SeriesDetector {
    /// Sustained growth over the last four or eight weeks: a least-squares slope whose rise over the
    /// window is at least `relativeThreshold` of the level before it, with small residuals and no
    /// single day beyond the band (that would be a spike or a shift). The longer window catches slow
    /// growth on small series, whose daily excess stays under the band for weeks.
    func gradualGrowth(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, from: Int) -> Episode? {
        for window in stride(from: 28, through: 56, by: 28) {
            if let growth = growth(series, missing: missing, window: window, from: from) { return growth }
        }
        return nil
    }

    /// Growth over the last `window` days. The fit's sums run as plain loops over the days with
    /// data, oldest first (the order the sums were always taken in, so the same figures to the bit):
    /// every series is fitted, and most stop at a flat or falling slope, so that part allocates
    /// nothing.
    private func growth(_ series: UnsafeBufferPointer<Double>, missing: UnsafeBufferPointer<Bool>, window: Int, from: Int) -> Episode? {
        let count = series.count
        guard count >= window + SeriesDetector.lookback else { return nil }
        let first = count - window
        guard first >= from else { return nil }
        var dayCount = 0
        var sumX = 0.0, sumY = 0.0
        for day in first..<count where !missing[day] {
            dayCount += 1
            sumX += Double(day)
            sumY += series[day]
        }
        guard dayCount >= window / 2 else { return nil }
        let meanX = sumX / Double(dayCount)
        let meanY = sumY / Double(dayCount)
        var covariance = 0.0, variance = 0.0
        for day in first..<count where !missing[day] {
            covariance += (Double(day) - meanX) * (series[day] - meanY)
        }
        for day in first..<count where !missing[day] {
            variance += (Double(day) - meanX) * (Double(day) - meanX)
        }
        guard variance > 0 else { return nil }
        let slope = covariance / variance
        let rise = slope * Double(window)
        // Growth needs a rise over a positive level: a flat or falling series stops here, before
        // any median is taken (most series).
        guard rise > 0 else { return nil }
        let before = (first - SeriesDetector.lookback..<first).filter { !missing[$0] }.map { series[$0] }
        let level = median(before)
        guard level > 0, rise > settings.relativeThreshold * level else { return nil }
        // The fit must explain the movement: residuals small next to the rise.
        let days = (first..<count).filter { !missing[$0] }
        let residual = median(days.map { abs(series[$0] - (meanY + slope * (Double($0) - meanX))) })
        guard residual < rise / 4 else { return nil }
        let expectedSum = Double(dayCount) * level
        let actualSum = sumY
        guard actualSum - expectedSum >= settings.minimumImpact else { return nil }
        return Episode(first: first, last: count - 1, kind: .gradualGrowth, expected: expectedSum, actual: actualSum,
                       score: min(99, rise / max(residual, 1e-9)), ongoing: true)
    }
}
