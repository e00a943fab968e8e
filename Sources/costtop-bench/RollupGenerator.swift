import CostCache
import CostModel
import Foundation

/// Generates a large organisation's FOCUS daily roll-up straight into cache columns, for the
/// scale benchmark (docs/scale.md): `costtop-bench generate ROWS FILE`.
///
/// The shape is what a warehouse roll-up of a big org looks like: 2,000 accounts under 20 payers,
/// 300 services, about 21,000 usage types, 40,000 resources, 20 regions, two tag keys, 13 months
/// of days. One *series* (account, service, usage type, resource, region, tags) recurs every day,
/// as a resource does in a real bill; its cost varies by day. Accounts and services are skewed (a
/// few large ones, a long tail), so the drill-down follows a realistic path. Each day's rows come
/// sorted by account, service and usage type, the order the cache keeps them in (format 2), so
/// the writer reorders nothing and holds no second copy of 50M rows; an older writer ignores the
/// order. Deterministic: the same row count gives the same cache.
struct RollupGenerator {
    static let accountCount = 2_000
    static let payerCount = 20
    static let serviceCount = 300
    static let usageTypesPerService = 70
    static let resourceCount = 40_000
    static let regionCount = 20
    static let teamCount = 50
    static let environments = ["prod", "staging", "dev", "test"]
    static let firstDay = Day(year: 2024, month: 1, day: 1)!
    static let dayCount = 397  // 2024-01-01 ... 2025-01-31: 13 months

    let rows: Int

    /// A 64-bit mix (SplitMix64's finalizer): series attributes from their index.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) from a hash.
    @inline(__always)
    static func unit(_ hash: UInt64) -> Double { Double(hash >> 11) / Double(1 << 53) }

    /// Series: one row each per day; `rows` rounded down to whole days of series.
    var seriesCount: Int { max(1, rows / RollupGenerator.dayCount) }

    /// The rows written: `seriesCount` a day.
    var rowCount: Int { seriesCount * RollupGenerator.dayCount }

    /// The cache's rows, `daysPerChunk` days at a time (the writer holds one chunk, never the
    /// table: at 100M rows the table is 12.8 GB in memory).
    func chunks(daysPerChunk: Int) -> CacheRowChunks {
        let series = SeriesTable(count: seriesCount)
        var nextDay = 0
        let first = RollupGenerator.firstDay.index
        return CacheRowChunks(rowCount: rowCount, days: first...(first + Int32(RollupGenerator.dayCount - 1))) {
            guard nextDay < RollupGenerator.dayCount else { return nil }
            let days = nextDay..<min(RollupGenerator.dayCount, nextDay + daysPerChunk)
            nextDay = days.upperBound
            return series.rows(days: days)
        }
    }

    /// The dictionaries, labels, tags, sources and settings, without rows.
    func frame() -> CacheContents {
        var contents = CacheContents()
        contents.dictionaries = RollupGenerator.dictionaries()
        contents.labels[FixedDimension.account.columnIndex] =
            [""] + (0..<RollupGenerator.accountCount).map { "team-\($0 % RollupGenerator.teamCount) account \($0)" }
        contents.tagKeys = ["team", "env"]
        contents.tagValues = [[""] + (0..<RollupGenerator.teamCount).map { "team-\($0)" },
                              [""] + RollupGenerator.environments]
        contents.tagSetCount = 1 + RollupGenerator.teamCount * RollupGenerator.environments.count
        contents.tagSets = [0, 0]
        for team in 0..<RollupGenerator.teamCount {
            for environment in 0..<RollupGenerator.environments.count {
                contents.tagSets += [UInt32(1 + team), UInt32(1 + environment)]
            }
        }
        contents.sources = (0..<13).map { month in
            SourceRecord(path: RollupGenerator.sourcePath(month), size: 1, mtimeNanos: 0, format: "focus",
                         lineItems: Int64(rowCount / 13), rejected: 0)
        }
        contents.settings = IngestSettings(keepResources: true, tagKeys: nil)
        return contents
    }

    /// Every series' attributes (one code per dimension, a tag set, a base daily cost), computed
    /// once, and the order the series are written in each day.
    struct SeriesTable {
        let count: Int
        private var codes: [UInt32]
        private var tags: [UInt32]
        private var base: [Double]
        /// Series sorted by account, service and usage type: the order the cache keeps a day's
        /// rows in, so the writer reorders nothing.
        private var order: [Int] = []

        init(count seriesCount: Int) {
            count = seriesCount
            let dimensions = FixedDimension.allCases.count
            codes = [UInt32](repeating: 0, count: seriesCount * dimensions)
            tags = [UInt32](repeating: 0, count: seriesCount)
            base = [Double](repeating: 0, count: seriesCount)
            for series in 0..<seriesCount {
                let h = RollupGenerator.mix(UInt64(series))
                let h2 = RollupGenerator.mix(h)
                let h3 = RollupGenerator.mix(h2)
                let account = Int(Double(RollupGenerator.accountCount) * pow(RollupGenerator.unit(h), 3))
                let service = Int(Double(RollupGenerator.serviceCount) * pow(RollupGenerator.unit(h2), 2))
                let usage = service * RollupGenerator.usageTypesPerService
                    + Int(h3 % UInt64(RollupGenerator.usageTypesPerService))
                let committed = (h3 >> 40) % 20 == 0
                func set(_ dimension: FixedDimension, _ code: UInt32) { codes[series * dimensions + dimension.columnIndex] = code }
                set(.provider, 1)
                set(.billingAccount, UInt32(1 + account % RollupGenerator.payerCount))
                set(.account, UInt32(1 + account))
                set(.service, UInt32(1 + service))
                set(.usageType, UInt32(1 + usage))
                set(.region, UInt32(1 + Int(h >> 20) % RollupGenerator.regionCount))
                set(.resource, UInt32(1 + Int(h2 >> 17) % RollupGenerator.resourceCount))
                set(.chargeCategory, 1)
                set(.pricingCategory, committed ? 2 : 1)
                set(.commitment, committed ? UInt32(1 + account % 50) : 0)
                set(.commitmentType, committed ? 1 : 0)
                set(.commitmentStatus, committed ? 1 : 0)
                set(.currency, 1)
                // Tag set: team follows the account, environment the series; a tenth untagged.
                tags[series] = h3 % 10 == 0 ? 0
                    : UInt32(1 + (account % RollupGenerator.teamCount) * RollupGenerator.environments.count
                             + Int(h >> 50) % RollupGenerator.environments.count)
                // Daily cost from a cent to a few thousand dollars, log-uniform.
                base[series] = pow(10, -2 + 5.5 * RollupGenerator.unit(RollupGenerator.mix(h3)))
            }
            let allCodes = codes
            let key = { (series: Int, dimension: FixedDimension) in allCodes[series * dimensions + dimension.columnIndex] }
            order = (0..<seriesCount).sorted {
                (key($0, .account), key($0, .service), key($0, .usageType)) < (key($1, .account), key($1, .service), key($1, .usageType))
            }
        }

        /// Every series' row on each of `days` (offsets from the first day).
        func rows(days: Range<Int>) -> CacheContents {
            let dimensions = FixedDimension.allCases.count
            let total = days.count * count
            var contents = CacheContents()
            contents.days = [Int32](repeating: 0, count: total)
            for index in 0..<dimensions { contents.dimensionCodes[index] = [UInt32](repeating: 0, count: total) }
            contents.tagSetCodes = [UInt32](repeating: 0, count: total)
            for index in 0..<Measure.allCases.count { contents.measures[index] = [Int64](repeating: 0, count: total) }
            let sourceColumn = FixedDimension.source.columnIndex
            let committedColumn = FixedDimension.commitment.columnIndex
            for (chunkDay, day) in days.enumerated() {
                let dayIndex = RollupGenerator.firstDay.index + Int32(day)
                let month = Day(index: dayIndex).monthIndex - RollupGenerator.firstDay.monthIndex
                // Weekly rhythm plus slow growth.
                let dayFactor = (1 + 0.15 * sin(Double(day) * 2 * .pi / 7)) * (1 + Double(day) / 800)
                for (position, series) in order.enumerated() {
                    let row = chunkDay * count + position
                    contents.days[row] = dayIndex
                    for index in 0..<dimensions { contents.dimensionCodes[index][row] = codes[series * dimensions + index] }
                    contents.dimensionCodes[sourceColumn][row] = UInt32(1 + month)
                    contents.tagSetCodes[row] = tags[series]
                    // The noise follows the row's place in the whole table, whatever the chunking.
                    let noise = 0.9 + 0.2 * RollupGenerator.unit(RollupGenerator.mix(UInt64(day * count + position)))
                    let billed = Int64(base[series] * dayFactor * noise * 100) * 10_000_000  // whole cents
                    let committed = codes[series * dimensions + committedColumn] != 0
                    contents.measures[Measure.billed.columnIndex][row] = billed
                    contents.measures[Measure.effective.columnIndex][row] = committed ? billed / 10 * 7 : billed
                    contents.measures[Measure.list.columnIndex][row] = billed / 10 * 12
                    contents.measures[Measure.usageQuantity.columnIndex][row] = billed / 1_000_000
                    contents.measures[Measure.commitmentUsed.columnIndex][row] = committed ? billed / 10 * 7 : 0
                    contents.measures[Measure.commitmentTotal.columnIndex][row] = committed ? billed / 10 * 8 : 0
                    contents.measures[Measure.coveredOnDemand.columnIndex][row] = committed ? billed : 0
                    contents.measures[Measure.lineItems.columnIndex][row] = 24
                }
            }
            return contents
        }
    }

    static func sourcePath(_ month: Int) -> String {
        let first = Day.firstDay(ofMonthIndex: firstDay.monthIndex + month)
        return "/warehouse/rollup/month=\(first.monthDescription)/part-0.parquet"
    }

    /// Every dimension's dictionary (code 0 is the missing value).
    static func dictionaries() -> [[String]] {
        var dictionaries = [[String]](repeating: [""], count: FixedDimension.allCases.count)
        func set(_ dimension: FixedDimension, _ values: [String]) { dictionaries[dimension.columnIndex] = [""] + values }
        set(.provider, ["AWS"])
        set(.billingAccount, (0..<payerCount).map { String(format: "9%011d", $0 * 7919) })
        set(.account, (0..<accountCount).map { String(format: "%012d", 100_000_000_000 + $0 * 104_729) })
        set(.service, (0..<serviceCount).map { "Service\(String(format: "%03d", $0))" })
        set(.usageType, (0..<(serviceCount * usageTypesPerService)).map {
            "S\(String(format: "%03d", $0 / usageTypesPerService))-Usage\(String(format: "%02d", $0 % usageTypesPerService))"
        })
        set(.region, (0..<regionCount).map { "region-\($0)" })
        set(.resource, (0..<resourceCount).map { "arn:aws:resource:r-\(String(format: "%06d", $0))" })
        set(.chargeCategory, ["Usage"])
        set(.pricingCategory, ["Standard", "Committed"])
        set(.commitment, (0..<50).map { "arn:aws:savingsplans::sp-\(String(format: "%04d", $0))" })
        set(.commitmentType, ["SavingsPlan"])
        set(.commitmentStatus, ["Used"])
        set(.currency, ["USD"])
        set(.source, (0..<13).map(sourcePath))
        return dictionaries
    }
}
