import CostModel

/// Charges that post on their own schedule rather than with usage: RI and Savings Plan fees,
/// tax, support fees, credits, refunds (every charge category but Usage and Adjustment, which move
/// with usage). They are carried as known amounts, never extrapolated from the days so far: a fee
/// posted on the 1st would otherwise be multiplied by the days of the month.
enum ScheduledCharges {
    /// The filters that keep only scheduled charges (added to the selection's own).
    static let filters: [Filter] = ["Usage", "Adjustment", "(none)"].map {
        Filter(dimension: .fixed(.chargeCategory), value: $0, exclude: true)
    }

    /// The scheduled charges expected on `days`, from `fees` (element `i` is day `firstDay + i`,
    /// known up to element `known - 1`).
    ///
    /// Each day expects what posted on the same day of the month before (the last day of a month
    /// stands for the last day of the next, where tax and monthly fees often land). When that day
    /// is not in the history, it expects the mean of the last 28 days' scheduled charges that were
    /// not on a 1st of a month (daily recurring fees such as Savings Plans), so one-day postings are
    /// never spread over a month.
    static func expected(fees: [Double], firstDay: Day, known: Int, on days: DayRange) -> Double {
        guard days.dayCount > 0 else { return 0 }
        let recent = max(0, known - 28)..<known
        let daily = recent.filter { firstDay.adding(days: $0).components.day != 1 }
        let dailyMean = daily.isEmpty ? 0 : daily.map { fees[$0] }.reduce(0, +) / Double(daily.count)
        var sum = 0.0
        var day = days.from
        while day <= days.to {
            let (year, month, dayOfMonth) = day.components
            let previousFirst = Day.firstDay(ofMonthIndex: day.monthIndex - 1)
            let previousLength = Day.daysInMonth(year: previousFirst.components.year, month: previousFirst.components.month)
            let isLast = dayOfMonth == Day.daysInMonth(year: year, month: month)
            let mapped = previousFirst.adding(days: (isLast ? previousLength : min(dayOfMonth, previousLength)) - 1)
            let offset = Int(mapped.index - firstDay.index)
            sum += (0..<known).contains(offset) ? fees[offset] : dailyMean
            day = day.adding(days: 1)
        }
        return sum
    }
}
