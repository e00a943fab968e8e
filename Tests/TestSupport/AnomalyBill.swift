import CostModel
import Foundation

/// A small hand-made CUR bill for anomaly tests: daily line items per (account, service, usage
/// type, tags) series with a weekly pattern, and extra cost planted on chosen days.
public struct AnomalyBill {
    /// One steady series of the bill.
    public struct Series {
        public var account: String
        public var service: String
        public var usageType: String
        public var env: String
        public var team: String
        /// Weekday cost; weekends cost 60% of it.
        public var level: Double

        public init(account: String, service: String, usageType: String, env: String, team: String, level: Double) {
            self.account = account
            self.service = service
            self.usageType = usageType
            self.env = env
            self.team = team
            self.level = level
        }
    }

    public var start = Day("2024-07-01")!
    public var series: [Series]
    /// Extra cost on (series index, day offset).
    public var planted: [Int: [Int: Double]] = [:]
    /// Series index → first day offset with cost (for new spend).
    public var firstDay: [Int: Int] = [:]

    public init(series: [Series]) { self.series = series }

    public mutating func plant(_ cost: Double, series index: Int, days: [Int]) {
        for day in days { planted[index, default: [:]][day, default: 0] += cost }
    }

    /// The CUR CSV for days `range` (offsets from `start`).
    public func csv(days range: Range<Int>) -> String {
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
