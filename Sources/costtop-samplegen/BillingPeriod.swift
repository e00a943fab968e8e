/// One monthly billing period and the hours of it that hold generated usage.
struct BillingPeriod {
    /// Position among the generated periods, from 0.
    let index: Int
    /// The first day of the month.
    let start: CivilDate
    /// The first day of the next month (CUR's exclusive period end).
    let end: CivilDate
    /// Hours (since the epoch) with usage: the part of the month inside `--start`…`--days`.
    let hours: Range<Int>

    /// `YYYYMMDD-YYYYMMDD`, the CUR folder name of the period.
    var folderName: String { "\(start.compactText)-\(end.compactText)" }

    /// `YYYY-MM`, used in FOCUS file names.
    var monthText: String { "\(CivilDate.pad(start.year, 4))-\(CivilDate.pad(start.month, 2))" }

    var startHour: Int { start.hoursSinceEpoch }
    var endHour: Int { end.hoursSinceEpoch }

    /// The calendar months covered by `days` days from `first`.
    static func periods(from first: CivilDate, days: Int) -> [BillingPeriod] {
        let dataStart = first.hoursSinceEpoch
        let dataEnd = dataStart + days * 24
        var periods: [BillingPeriod] = []
        var month = first.firstOfMonth
        while month.hoursSinceEpoch < dataEnd {
            let next = month.firstOfNextMonth
            let hours = max(dataStart, month.hoursSinceEpoch)..<min(dataEnd, next.hoursSinceEpoch)
            periods.append(BillingPeriod(index: periods.count, start: month, end: next, hours: hours))
            month = next
        }
        return periods
    }
}
