/// A calendar date in the proleptic Gregorian calendar, UTC, without Foundation.
///
/// The generator works in whole hours since the Unix epoch; this type converts between those
/// and year/month/day, which keeps timestamp text deterministic and cheap to produce.
struct CivilDate: Equatable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    /// Parses `YYYY-MM-DD`; returns nil for anything else or an impossible date.
    init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(year: year, month: month)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// A date from its parts (not validated: callers pass real dates).
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Hours since the epoch at this date's midnight UTC.
    var hoursSinceEpoch: Int { daysSinceEpoch * 24 }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    var weekday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    /// The first day of this date's month.
    var firstOfMonth: CivilDate { CivilDate(year: year, month: month, day: 1) }

    /// The first day of the following month.
    var firstOfNextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }

    /// `YYYY-MM-DD`.
    var isoText: String { "\(CivilDate.pad(year, 4))-\(CivilDate.pad(month, 2))-\(CivilDate.pad(day, 2))" }

    /// `YYYYMMDD`, as in CUR billing-period folder names.
    var compactText: String { "\(CivilDate.pad(year, 4))\(CivilDate.pad(month, 2))\(CivilDate.pad(day, 2))" }

    /// Chronological order.
    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    /// Days in a month, leap years included.
    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Zero-padded decimal text of a non-negative number.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// `YYYY-MM-DDTHH:00:00Z` for an hour since the epoch, as CUR and FOCUS write timestamps.
func isoTimestamp(hour: Int) -> String {
    let date = CivilDate(daysSinceEpoch: hour >= 0 ? hour / 24 : (hour - 23) / 24)
    let hourOfDay = ((hour % 24) + 24) % 24
    return "\(date.isoText)T\(CivilDate.pad(hourOfDay, 2)):00:00Z"
}
