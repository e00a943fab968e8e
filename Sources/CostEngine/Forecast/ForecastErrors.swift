import Foundation

/// Prediction intervals from the method's own past errors on this bill.
///
/// For a horizon of h days the method is re-run at every earlier cut day that leaves h known days
/// after it (at most `maximumCuts`, each with at least 28 days of history), and its h-day sum is
/// compared with what the bill really did. The interval of a new forecast is the forecast moved by
/// the (1−L)/2 and (1+L)/2 quantiles of those relative errors. With fewer than `minimumSamples` cuts
/// the interval is the documented fallback, ±(15% + 60%/√history days) at 80%, scaled to the level
/// like a normal interval, and doubled when there are fewer than 28 days of history.
public struct ForecastErrors: Sendable {
    /// Fewest past cuts an empirical interval is built from.
    public static let minimumSamples = 20
    /// Most past cuts looked at (the most recent ones).
    public static let maximumCuts = 120
    /// How much wider than the raw quantiles an empirical interval is drawn, for the month asked
    /// for and for the month after. The past errors come from overlapping windows of the same bill
    /// and leave out the scheduled charges, so their spread understates the real one; these factors
    /// were calibrated on the backtest (docs/forecast.md), where the raw quantiles covered 76-78%
    /// of 80% intervals with 8 weeks of history and 62% for the next month.
    public static let widening = (current: 1.2, next: 1.5)
    /// Days of history each past cut needs, as the level does.
    public static let minimumHistory = SeriesForecaster.levelWindow

    /// The past forecasts and outcomes of one series for one horizon, cut by cut (oldest cut first),
    /// so the cuts of several series line up and can be summed.
    public struct Backtest: Sendable {
        public var predicted: [Double]
        public var actual: [Double]

        /// No cuts.
        public static let empty = Backtest(predicted: [], actual: [])

        /// The element-wise sum of two backtests over the same cuts.
        public func adding(_ other: Backtest) -> Backtest {
            if predicted.isEmpty { return other }
            if other.predicted.isEmpty { return self }
            return Backtest(predicted: zip(predicted, other.predicted).map(+), actual: zip(actual, other.actual).map(+))
        }
    }

    /// The cut positions (element counts known) used for `horizon` days with `end` days known.
    public static func cuts(end: Int, horizon: Int) -> [Int] {
        guard horizon > 0 else { return [] }
        let last = end - horizon
        let first = max(minimumHistory, last - maximumCuts + 1)
        return first <= last ? Array(first...last) : []
    }

    /// Re-runs the method at every cut of `cuts(end:horizon:)` on `series`.
    public static func backtest(_ series: [Double], end: Int, firstDayIndex: Int, horizon: Int) -> Backtest {
        var result = Backtest.empty
        for cut in cuts(end: end, horizon: horizon) {
            let fit = SeriesForecaster.fit(series, end: cut, firstDayIndex: firstDayIndex)
            result.predicted.append(fit.predictSum(after: firstDayIndex + cut - 1, count: horizon))
            result.actual.append(series[cut..<(cut + horizon)].reduce(0, +))
        }
        return result
    }

    /// The lower, median and upper relative error at `level` percent (e.g. −0.08, +0.01, +0.11),
    /// and whether they came from the backtest (`empirical`) or the fallback (median 0).
    /// - Parameters:
    ///   - backtest: past forecasts and outcomes for the horizon.
    ///   - level: the interval's coverage, 50–99.
    ///   - historyDays: days of data before the cut, for the fallback's width.
    ///   - widening: how much wider than the raw quantiles (`widening`).
    public static func relativeBounds(_ backtest: Backtest, level: Int, historyDays: Int, widening: Double = 1)
        -> (lower: Double, median: Double, upper: Double, empirical: Bool) {
        var errors: [Double] = []
        for (predicted, actual) in zip(backtest.predicted, backtest.actual) where abs(predicted) > 1e-6 {
            errors.append((actual - predicted) / abs(predicted))
        }
        let tail = (1 - Double(level) / 100) / 2
        if errors.count >= minimumSamples {
            errors.sort()
            let median = quantile(errors, 0.5)
            // Widened around the median, where the corrected forecast lies.
            return (median + (quantile(errors, tail) - median) * widening, median,
                    median + (quantile(errors, 1 - tail) - median) * widening, true)
        }
        var width = (0.15 + 0.6 / Double(max(historyDays, 1)).squareRoot()) * normalQuantile(1 - tail) / normalQuantile(0.9)
        if historyDays < minimumHistory { width *= 2 }
        return (-width, 0, width, false)
    }

    /// The `p` quantile of sorted `values`, interpolated linearly between order statistics.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }

    /// The standard normal quantile of `p` (0.5 < p < 1), by bisection on `erf`.
    static func normalQuantile(_ p: Double) -> Double {
        var low = 0.0
        var high = 10.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if 0.5 * (1 + erf(middle / 2.0.squareRoot())) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
