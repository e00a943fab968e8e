import CostCache
import CostModel
import Foundation

/// A generated daily roll-up with anomalies of every kind planted, written straight as cache
/// contents: for tests that compare the detector's fast scan with the straightforward one on a
/// bill of a few hundred thousand rows.
///
/// 2,000 series (account, service, usage type, region, tag set) over 150 days, so 300,000 rows
/// less the gaps: levels from 3 cents to $500 a day (log-uniform, as a real bill's leaves), weekly
/// rhythms, noise from 2% to 60% (bursty series), and on planted series spikes, level shifts, new
/// and stopped spend and growth. Two days have no rows at all (a late export), the last day is
/// partial, a few usage rows are negative (refunds), and taxes land on the first of each month.
public enum AnomalyRollup {
    public static let firstDay = Day(year: 2025, month: 1, day: 1)!
    public static let dayCount = 150
    public static let seriesCount = 2_000

    public static func contents(seed: UInt64) -> CacheContents {
        var random = SeededGenerator(seed: seed)
        let accounts = 12, services = 6, usageTypesPerService = 25, regions = 5
        var contents = CacheContents()
        func dictionary(_ dimension: FixedDimension, _ values: [String]) {
            contents.dictionaries[dimension.columnIndex] = [""] + values
        }
        dictionary(.provider, ["AWS"])
        dictionary(.account, (0..<accounts).map { String(format: "%012d", 111_111_111_111 + $0 * 7_919) })
        dictionary(.service, (0..<services).map { "Service\($0)" })
        dictionary(.usageType, (0..<(services * usageTypesPerService)).map { "S\($0 / usageTypesPerService)-Usage\($0 % usageTypesPerService)" })
        dictionary(.region, (0..<regions).map { "region-\($0)" })
        dictionary(.chargeCategory, ["Usage", "Tax"])
        dictionary(.currency, ["USD"])
        contents.tagKeys = ["team", "env"]
        contents.tagValues = [["", "web", "data", "ml", "ops"], ["", "prod", "dev"]]
        contents.tagSets = [0, 0]
        for team in 1...4 { for env in 1...2 { contents.tagSets += [UInt32(team), UInt32(env)] } }
        contents.tagSetCount = contents.tagSets.count / 2

        struct Series {
            var account, service, usage, region, tagSet: UInt32
            var level, noise: Double
            var weekend: Double
            /// Day → factor (planted anomalies); `start`/`stop` bound the days with cost.
            var factors: [Int: Double] = [:]
            var start = 0, stop = Int.max
            var negative = false
        }
        var series: [Series] = (0..<seriesCount).map { _ in
            let service = UInt32.random(in: 0..<UInt32(services), using: &random)
            return Series(account: 1 + UInt32(Double(accounts) * pow(Double.random(in: 0..<1, using: &random), 2)),
                          service: 1 + service,
                          usage: 1 + service * UInt32(usageTypesPerService) + UInt32.random(in: 0..<UInt32(usageTypesPerService), using: &random),
                          region: UInt32.random(in: 0...UInt32(regions), using: &random),
                          tagSet: UInt32.random(in: 0..<UInt32(contents.tagSetCount), using: &random),
                          level: pow(10, Double.random(in: -1.5...2.7, using: &random)),
                          noise: Bool.random(using: &random) ? 0.02 : Double.random(in: 0.05...0.6, using: &random),
                          weekend: Bool.random(using: &random) ? 0.6 : 1)
        }
        // 60 planted anomalies on random series, days in the last 90.
        for _ in 0..<60 {
            let index = Int.random(in: 0..<seriesCount, using: &random)
            let day = Int.random(in: 70..<(dayCount - 3), using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: for offset in 0..<Int.random(in: 1...3, using: &random) { series[index].factors[day + offset] = Double.random(in: 3...12, using: &random) }
            case 1: let factor = Double.random(in: 1.8...3, using: &random); for later in day..<dayCount { series[index].factors[later] = factor }
            case 2: series[index].start = day
            case 3: series[index].stop = day
            default: for later in day..<dayCount { series[index].factors[later] = pow(1.03, Double(later - day)) }
            }
        }
        for _ in 0..<5 { series[Int.random(in: 0..<seriesCount, using: &random)].negative = true }

        var days: [Int32] = [], codes = [[UInt32]](repeating: [], count: FixedDimension.allCases.count)
        var tagSetCodes: [UInt32] = [], billed: [Int64] = [], effective: [Int64] = []
        func row(_ day: Int, _ item: Series, charge: UInt32, cost: Double) {
            days.append(firstDay.index + Int32(day))
            for dimension in FixedDimension.allCases {
                let code: UInt32
                switch dimension {
                case .provider, .currency: code = 1
                case .account: code = item.account
                case .service: code = item.service
                case .usageType: code = item.usage
                case .region: code = item.region
                case .chargeCategory: code = charge
                default: code = 0
                }
                codes[dimension.columnIndex].append(code)
            }
            tagSetCodes.append(item.tagSet)
            let nanos = Int64((cost * 100).rounded()) * 10_000_000  // whole cents
            billed.append(nanos)
            effective.append(nanos / 10 * 8)
        }
        for day in 0..<dayCount where day != 40 && day != 41 {
            let weekendDay = (Int(firstDay.index) + day + 3) % 7 >= 5
            for item in series where day >= item.start && day < item.stop {
                let noise = 1 + item.noise * Double.random(in: -1...1, using: &random)
                var cost = item.level * (weekendDay ? item.weekend : 1) * noise * (item.factors[day] ?? 1)
                if day == dayCount - 1 { cost *= 0.3 }
                if item.negative && day % 9 == 0 { cost = -cost }
                row(day, item, charge: 1, cost: cost)
            }
            if Day(index: firstDay.index + Int32(day)).description.hasSuffix("-01") {
                for item in series.prefix(50) { row(day, item, charge: 2, cost: 40) }
            }
        }
        contents.days = days
        contents.dimensionCodes = codes
        contents.tagSetCodes = tagSetCodes
        for measure in Measure.allCases {
            contents.measures[measure.columnIndex] = measure == .billed ? billed
                : measure == .effective ? effective : [Int64](repeating: 0, count: billed.count)
        }
        contents.sources = [SourceRecord(path: "/rollup.parquet", size: 1, mtimeNanos: 0, format: "focus",
                                         lineItems: Int64(billed.count), rejected: 0)]
        return contents
    }

    /// The roll-up written to a cache file in a fresh temporary folder.
    public static func write(seed: UInt64) throws -> String {
        let path = Support.temporaryFolder() + "/anomaly-rollup.ctc"
        try CacheWriter(createdBy: "test").write(contents(seed: seed), to: path)
        return path
    }
}
