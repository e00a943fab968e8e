import CostCache
import CostModel
import CosttopTestSupport
import Foundation

/// A hand-made daily CUR bill for forecast and budget tests: usage lines per day from a function,
/// and one-day postings (RI fees, tax) on chosen days, in plain decimal amounts.
struct ForecastBill {
    struct Line {
        var day: Day
        var account: String
        var service: String
        var type: String
        var cost: Double
    }

    var lines: [Line] = []

    /// A usage line per day of `days` for `account`/`service`, costing `cost(day)`.
    mutating func usage(_ days: DayRange, account: String = "111111111111", service: String = "AmazonEC2",
                        cost: (Day) -> Double) {
        var day = days.from
        while day <= days.to {
            lines.append(Line(day: day, account: account, service: service, type: "Usage", cost: cost(day)))
            day = day.adding(days: 1)
        }
    }

    /// A one-day posting (`RIFee`, `Tax`, `Credit`) on `day`.
    mutating func posting(_ type: String, on day: Day, cost: Double, account: String = "111111111111",
                          service: String = "AmazonEC2") {
        lines.append(Line(day: day, account: account, service: service, type: type, cost: cost))
    }

    /// The exact cost of the lines on `days` (amounts have at most two decimals: cents add exactly).
    func total(_ days: DayRange, account: String? = nil) -> Int128 {
        lines.filter { days.contains($0.day) && (account == nil || $0.account == account) }
            .reduce(Int128(0)) { $0 + Int128(($1.cost * 100).rounded()) * 10_000_000 }
    }

    /// The bill as a CUR file, ingested into a fresh cache.
    func cache() throws -> CacheFile {
        var text = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,"
            + "lineItem/LineItemType,lineItem/UnblendedCost\n"
        for line in lines {
            let amount = String(format: "%.2f", line.cost)
            text += "\(line.day)T00:00:00Z,\(line.account),\(line.service),\(line.type)-use,\(line.type),\(amount)\n"
        }
        let path = Support.write(text, to: Support.temporaryFolder(), "bill.csv")
        return try Support.ingest([path]).1
    }

    /// Weekdays cost `weekday`, Saturdays and Sundays `weekend` (1970-01-01 was a Thursday).
    static func weekly(_ day: Day, weekday: Double = 100, weekend: Double = 40) -> Double {
        let weekdayIndex = (Int(day.index) + 4) % 7  // 0 Sunday ... 6 Saturday
        return weekdayIndex == 0 || weekdayIndex == 6 ? weekend : weekday
    }
}

extension Day {
    /// `YYYY-MM-DD` in tests, where a bad literal is a bug in the test.
    static func on(_ text: String) -> Day { Day(text)! }
}
