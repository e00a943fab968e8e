import CostModel
import Foundation

/// A small hand-made CUR bill for anomaly tests: daily line items per (account, service, usage
/// type, tags) series with a weekly pattern, and extra cost planted on chosen days.
struct AnomalyBill {
    /// One steady series of the bill.
    struct Series {
        var account: String
        var service: String
        var usageType: String
        var env: String
        var team: String
        /// Weekday cost; weekends cost 60% of it.
        var level: Double
    }

    var start = Day("2024-07-01")!
    var series: [Series]
    /// Extra cost on (series index, day offset).
    var planted: [Int: [Int: Double]] = [:]
    /// Series index → first day offset with cost (for new spend).
    var firstDay: [Int: Int] = [:]

    mutating func plant(_ cost: Double, series index: Int, days: [Int]) {
        for day in days { planted[index, default: [:]][day, default: 0] += cost }
    }

    /// The CUR CSV for days `range` (offsets from `start`).
    func csv(days range: Range<Int>) -> String {
        var lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,resourceTags/user:env,resourceTags/user:team,lineItem/UnblendedCost"]
        for offset in range {
            let day = start.adding(days: offset)
            for (index, item) in series.enumerated() where offset >= (firstDay[index] ?? 0) {
                // Day 0 is 1970-01-01, a Thursday: Monday is 0 after adding 3.
                let weekend = (Int(day.index) + 3) % 7 >= 5
                var cost = item.level * (weekend ? 0.6 : 1) * (1 + Double((offset * 37 + index * 11) % 5 - 2) / 100)
                cost += planted[index]?[offset] ?? 0
                lines.append("\(day)T00:00:00Z,\(item.account),\(item.service),\(item.usageType),\(item.env),\(item.team),\(String(format: "%.4f", cost))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
