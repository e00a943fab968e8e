import CostModel

/// One node's daily cost over the history window: all charges and scheduled charges alone.
struct NodeSeriesPair {
    var key: String
    var name: String?
    /// Cost per day, all charges and scheduled charges only, in currency units (the model's
    /// arithmetic is in `Double`; the actual to date stays exact in `exact`).
    var all: [Double]
    var fees: [Double]
    /// The month's cost up to the as-of day, nano-units, summed exactly.
    var exact: Int128

    /// Adds another node's days (folding nodes into `(other N)`, or into the total).
    mutating func add(_ other: NodeSeriesPair) {
        for index in all.indices {
            all[index] += other.all[index]
            fees[index] += other.fees[index]
        }
        exact += other.exact
    }
}

/// What the method makes of one node, before intervals: the parts of both forecasts and the
/// backtests their intervals come from. Parts of several nodes add up to the parts of their sum.
struct NodeParts {
    var actual: Int128
    var feesToDate: Double
    var usageRemaining: Double
    var feesRemaining: Double
    var usageNext: Double
    var currentBacktest: ForecastErrors.Backtest
    var nextBacktest: ForecastErrors.Backtest
    var shiftSince: Day?

    static let zero = NodeParts(actual: 0, feesToDate: 0, usageRemaining: 0, feesRemaining: 0, usageNext: 0,
                                currentBacktest: .empty, nextBacktest: .empty, shiftSince: nil)

    /// The scheduled charges of the next month: this month's, as posted and still expected.
    var feesNext: Double { feesToDate + feesRemaining }

    func adding(_ other: NodeParts) -> NodeParts {
        NodeParts(actual: actual + other.actual, feesToDate: feesToDate + other.feesToDate,
                  usageRemaining: usageRemaining + other.usageRemaining, feesRemaining: feesRemaining + other.feesRemaining,
                  usageNext: usageNext + other.usageNext, currentBacktest: currentBacktest.adding(other.currentBacktest),
                  nextBacktest: nextBacktest.adding(other.nextBacktest), shiftSince: nil)
    }

    /// Whether the interval of the month asked for (or, once it is complete, of the next) comes
    /// from enough past cuts.
    var empirical: Bool {
        let backtest = currentBacktest.predicted.isEmpty ? nextBacktest : currentBacktest
        return backtest.predicted.count >= ForecastErrors.minimumSamples
    }
}

/// The days one forecast is about, and how a node's series becomes its parts and its row.
struct NodeContext {
    let window: DayRange
    let month: Day
    let asOf: Day
    let level: Int
    let correctBias: Bool

    var monthEnd: Day { month.lastOfMonth }
    var nextMonth: Day { monthEnd.adding(days: 1) }
    /// The month's days after the as-of day (empty once the month is complete).
    var remaining: DayRange { DayRange(from: max(month, asOf.adding(days: 1)), to: monthEnd) }
    var nextDays: DayRange { DayRange(from: nextMonth, to: nextMonth.lastOfMonth) }

    /// The first day of a level shift under way in `node`'s usage, when the method finds one.
    func shiftSince(of node: NodeSeriesPair) -> Day? {
        let usage = zip(node.all, node.fees).map { $0 - $1 }
        let fit = SeriesForecaster.fit(usage, end: window.dayCount, firstDayIndex: Int(window.from.index))
        return fit.shiftDaysAgo.map { asOf.adding(days: 1 - $0) }
    }

    /// Fits the method to `node` and forecasts both months' parts.
    func parts(of node: NodeSeriesPair) -> NodeParts {
        let known = window.dayCount
        let usage = zip(node.all, node.fees).map { $0 - $1 }
        let first = Int(window.from.index)
        let fit = SeriesForecaster.fit(usage, end: known, firstDayIndex: first)
        func predicted(_ days: DayRange) -> Double {
            guard days.dayCount > 0 else { return 0 }
            return (0..<days.dayCount).reduce(0.0) { $0 + fit.predict(dayIndex: Int(days.from.index) + $1) }
        }
        let monthOffset = max(0, Int(month.index - window.from.index))
        let feesToDate = monthOffset < known ? node.fees[monthOffset...].reduce(0, +) : 0
        let horizon = Int(monthEnd.index - asOf.index)
        let nextHorizon = Int(nextDays.to.index - asOf.index)
        return NodeParts(
            actual: node.exact, feesToDate: feesToDate, usageRemaining: predicted(remaining),
            feesRemaining: ScheduledCharges.expected(fees: node.fees, firstDay: window.from, known: known, on: remaining),
            usageNext: predicted(nextDays),
            currentBacktest: ForecastErrors.backtest(usage, end: known, firstDayIndex: first, horizon: horizon),
            nextBacktest: ForecastErrors.backtest(usage, end: known, firstDayIndex: first, horizon: nextHorizon),
            shiftSince: fit.shiftDaysAgo.map { asOf.adding(days: 1 - $0) })
    }

    /// The row of a node: both months with their intervals. The forecasts are corrected by the
    /// median past error (when `correctBias` and the errors are empirical), which always lies
    /// inside the interval.
    func row(node: NodeSeriesPair, parts: NodeParts) -> ForecastRow {
        let history = window.dayCount
        let bounds = ForecastErrors.relativeBounds(parts.currentBacktest, level: level, historyDays: history,
                                                   widening: ForecastErrors.widening.current)
        let nextBounds = ForecastErrors.relativeBounds(parts.nextBacktest, level: level, historyDays: history,
                                                       widening: ForecastErrors.widening.next)
        let knownPart = Self.nanos(parts.feesRemaining)
        let usage = parts.usageRemaining
        let correction = correctBias ? bounds.median : 0
        let nextCorrection = correctBias ? nextBounds.median : 0
        let current = MonthForecast(
            month: month, actualToDate: parts.actual,
            forecast: parts.actual + knownPart + Self.nanos(usage + correction * abs(usage)),
            lower: parts.actual + knownPart + Self.nanos(usage + bounds.lower * abs(usage)),
            upper: parts.actual + knownPart + Self.nanos(usage + bounds.upper * abs(usage)),
            scheduledRemaining: knownPart)
        let nextUsage = parts.usageNext
        let nextFees = Self.nanos(parts.feesNext)
        let next = MonthForecast(
            month: nextMonth, actualToDate: 0, forecast: nextFees + Self.nanos(nextUsage + nextCorrection * abs(nextUsage)),
            lower: nextFees + Self.nanos(nextUsage + nextBounds.lower * abs(nextUsage)),
            upper: nextFees + Self.nanos(nextUsage + nextBounds.upper * abs(nextUsage)),
            scheduledRemaining: nextFees)
        return ForecastRow(key: node.key, name: node.name, current: current, next: next, shiftSince: parts.shiftSince)
    }

    /// Currency units to nano-units, rounded.
    static func nanos(_ units: Double) -> Int128 {
        Int128((units * Double(Money.scale)).rounded())
    }
}
