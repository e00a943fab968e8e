import CostModel

/// A period as a user names it, resolved against the last day present in the cache (not today's
/// date: exports arrive late, and "last 7 days" means the last 7 days of data).
public enum PeriodSpec: Equatable, Sendable {
    case last7Days, last30Days, monthToDate, lastMonth, all
    case custom(DayRange)

    /// Parses `last-7d`, `last-30d`, `mtd`, `last-month`, `all`, or `YYYY-MM-DD..YYYY-MM-DD`.
    public init?(_ text: String) {
        switch text {
        case "last-7d": self = .last7Days
        case "last-30d": self = .last30Days
        case "mtd": self = .monthToDate
        case "last-month": self = .lastMonth
        case "all": self = .all
        default:
            let parts = text.components(separatedBy: "..")
            guard parts.count == 2, let from = Day(parts[0]), let to = Day(parts[1]), from <= to else { return nil }
            self = .custom(DayRange(from: from, to: to))
        }
    }

    /// The period's days, given the cache's first and last day.
    public func resolve(in data: DayRange) -> DayRange {
        let last = data.to
        switch self {
        case .last7Days: return DayRange(from: last.adding(days: -6), to: last)
        case .last30Days: return DayRange(from: last.adding(days: -29), to: last)
        case .monthToDate: return DayRange(from: last.firstOfMonth, to: last)
        case .lastMonth:
            let end = last.firstOfMonth.adding(days: -1)
            return DayRange(from: end.firstOfMonth, to: end)
        case .all: return data
        case .custom(let range): return range
        }
    }

    /// The comparison period for `compare previous`: the period of the same length just before.
    /// Calendar periods compare like for like instead: last month with the month before it, month to
    /// date with the same days of the previous month (clipped to its length).
    public func previous(of period: DayRange) -> DayRange {
        switch self {
        case .lastMonth:
            let end = period.from.adding(days: -1)
            return DayRange(from: end.firstOfMonth, to: end)
        case .monthToDate:
            let start = period.from.adding(days: -1).firstOfMonth
            let (year, month, _) = start.components
            let length = min(period.dayCount, Day.daysInMonth(year: year, month: month))
            return DayRange(from: start, to: start.adding(days: length - 1))
        default:
            let length = period.dayCount
            return DayRange(from: period.from.adding(days: -length), to: period.from.adding(days: -1))
        }
    }
}

/// What a period is compared with.
public enum CompareMode: String, Sendable, CaseIterable {
    case previous, none
}
