import CostModel

/// What a movers period is compared with: `previous` (the period of the same length just before,
/// or the previous calendar month for `last-month` and `mtd`, as `query` does), `last-month` (the
/// same days one calendar month earlier, clipped to that month's length) or explicit days.
public enum MoversComparison: Equatable, Sendable {
    case previous, lastMonth
    case custom(DayRange)

    /// Parses `previous`, `last-month` or `YYYY-MM-DD..YYYY-MM-DD`.
    public init?(_ text: String) {
        switch text {
        case "previous": self = .previous
        case "last-month": self = .lastMonth
        default:
            guard case .custom(let range)? = PeriodSpec(text) else { return nil }
            self = .custom(range)
        }
    }

    /// The comparison window of `period` (named by `spec`).
    public func resolve(period: DayRange, spec: PeriodSpec) -> DayRange {
        switch self {
        case .previous: return spec.previous(of: period)
        case .lastMonth: return DayRange(from: Self.monthBefore(period.from), to: Self.monthBefore(period.to))
        case .custom(let range): return range
        }
    }

    /// The same day of the month before, or that month's last day when it is shorter.
    static func monthBefore(_ day: Day) -> Day {
        let (_, _, dayOfMonth) = day.components
        let start = day.firstOfMonth.adding(days: -1).firstOfMonth
        let (year, month, _) = start.components
        return start.adding(days: min(dayOfMonth, Day.daysInMonth(year: year, month: month)) - 1)
    }

    /// The text a view string or `--compare` uses.
    public var text: String {
        switch self {
        case .previous: return "previous"
        case .lastMonth: return "last-month"
        case .custom(let range): return range.description
        }
    }
}
