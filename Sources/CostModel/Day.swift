/// A calendar day in UTC, stored as the number of days since 1970-01-01.
///
/// Billing data is rolled up to daily grain, so a day is the unit of time everywhere after ingest.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var index: Int32

    public init(index: Int32) { self.index = index }

    /// The day with the given proleptic Gregorian date, or nil when the date does not exist
    /// (`2024-02-30` is rejected, never rolled over into March).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month)
        else { return nil }
        index = Int32(Day.daysFromCivil(year: year, month: month, day: day))
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.index < rhs.index }

    /// The (year, month, day) of this date.
    public var components: (year: Int, month: Int, day: Int) { Day.civilFromDays(Int(index)) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// `YYYY-MM`, the month this day falls in.
    public var monthDescription: String {
        let (y, m, _) = components
        return "\(pad(y, 4))-\(pad(m, 2))"
    }

    /// The day `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day { Day(index: index + Int32(count)) }

    /// The first day of this day's month.
    public var firstOfMonth: Day {
        let (y, m, _) = components
        return Day(year: y, month: m, day: 1)!
    }

    /// A month index (`year * 12 + month - 1`) used to group days by calendar month.
    public var monthIndex: Int {
        let (y, m, _) = components
        return y * 12 + m - 1
    }

    /// The first day of the month with the given month index.
    public static func firstDay(ofMonthIndex monthIndex: Int) -> Day {
        Day(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 1)!
    }

    /// Number of days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days-from-civil algorithm: exact for the proleptic Gregorian calendar,
    // with no table and no Foundation calendar (which would allocate on every call).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
