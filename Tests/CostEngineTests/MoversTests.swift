import CostCache
import CostModel
import Foundation
import CostReports
import CosttopTestSupport
import Testing
@testable import CostEngine

/// `costtop movers` on real caches: row classification from ingested exports, the planted stories
/// of the generated bill, the sum identity on every mover, and totals against an independent sum.
@Suite("Movers", .serialized)
struct MoversTests {
    static let sample = Support.repository + "/sample-data/aws-cur"

    /// The committed sample (the generator's default bill with its stories), ingested once.
    static let sampleCache: String = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        _ = try? Support.ingest([sample], cache: path)
        return path
    }()

    func day(_ text: String) -> Day { Day(text)! }

    @Test("FOCUS rows: a Savings Plan ending is commitment, a credit ending is credits, a new usage type is new")
    func classification() throws {
        let header = "ChargePeriodStart,SubAccountId,ServiceName,x_UsageType,ChargeCategory,PricingCategory,CommitmentDiscountId,BilledCost,EffectiveCost,ListCost,ConsumedQuantity\n"
        var lines = ""
        for day in 1...14 {
            let date = String(format: "2024-03-%02dT00:00:00Z", day)
            if day <= 7 {
                // Covered: billed 0, $10 on demand, and the plan's $6 fee; a $3 credit.
                lines += "\(date),a,AmazonEC2,USE1-BoxUsage:m5.large,Usage,Committed,sp-1,0,6,10,100\n"
                lines += "\(date),a,ComputeSavingsPlans,SavingsPlanFee,Purchase,,sp-1,6,0,6,\n"
                lines += "\(date),b,AmazonS3,USE1-TimedStorage-ByteHrs,Usage,Standard,,10,10,10,100\n"
                lines += "\(date),b,AmazonS3,USE1-TimedStorage-ByteHrs,Credit,,,-3,-3,-3,\n"
            } else {
                lines += "\(date),a,AmazonEC2,USE1-BoxUsage:m5.large,Usage,Standard,,10,10,10,100\n"
                lines += "\(date),b,AmazonS3,USE1-TimedStorage-ByteHrs,Usage,Standard,,10,10,10,100\n"
                lines += "\(date),b,AmazonS3,USE1-Requests-Tier1,Usage,Standard,,2,2,2,1000\n"
            }
        }
        let folder = Support.temporaryFolder()
        let (_, cache) = try Support.ingest([Support.write(header + lines, to: folder, "focus.csv")])
        let spec = MoversSpec(period: DayRange(from: day("2024-03-08"), to: day("2024-03-14")),
                              comparison: DayRange(from: day("2024-03-01"), to: day("2024-03-07")), path: [.fixed(.account)])
        let result = try MoversAnalysis(cache: cache).run(spec)
        let byAccount = Dictionary(uniqueKeysWithValues: result.movers.map { ($0.path[0].key, $0) })
        // Account a: billed 7 × (0 + 6) = 42, then 7 × 10 = 70: the plan saved 7 × 4.
        let a = try #require(byAccount["a"])
        #expect(a.previous == 42_000_000_000 && a.cost == 70_000_000_000)
        #expect(a.drivers == [MoverDriver(kind: .commitment, amount: 28_000_000_000)])
        // Account b: the $3 a day credit ended (+21) and requests are new (+14).
        let b = try #require(byAccount["b"])
        #expect(b.drivers == [MoverDriver(kind: .credits, amount: 21_000_000_000), MoverDriver(kind: .new, amount: 14_000_000_000)])
        // Effective cost: covered usage at $6 instead of $10 on demand; the fee is 0 amortized.
        var effective = spec
        effective.metric = .effective
        let amortized = try MoversAnalysis(cache: cache).run(effective).movers.first { $0.path[0].key == "a" }
        #expect(amortized?.drivers == [MoverDriver(kind: .commitment, amount: 28_000_000_000)])
        // --per-day: 7 days against 3 with the same daily cost is no change.
        let perDay = MoversSpec(period: DayRange(from: day("2024-03-08"), to: day("2024-03-14")),
                                comparison: DayRange(from: day("2024-03-12"), to: day("2024-03-14")), path: [.fixed(.account)], perDay: true)
        #expect(try MoversAnalysis(cache: cache).run(perDay).movers.isEmpty)
    }

    @Test("CUR refunds are refunds, credits are credits")
    func refunds() throws {
        let header = "identity/LineItemId,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost,lineItem/CurrencyCode,lineItem/UsageAmount\n"
        var text = header
        text += "1,a,Usage,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,AmazonS3,TimedStorage,10,USD,5\n"
        text += "2,a,Refund,2024-03-01T00:00:00Z,2024-03-01T01:00:00Z,AmazonS3,TimedStorage,-4,USD,0\n"
        text += "3,a,Usage,2024-03-02T00:00:00Z,2024-03-02T01:00:00Z,AmazonS3,TimedStorage,10,USD,5\n"
        text += "4,a,Credit,2024-03-02T00:00:00Z,2024-03-02T01:00:00Z,AmazonS3,TimedStorage,-1,USD,0\n"
        let (_, cache) = try Support.ingest([Support.write(text, to: Support.temporaryFolder(), "cur.csv")])
        #expect(cache.dictionary(.chargeCategory).all.contains("Refund"))
        let spec = MoversSpec(period: DayRange(from: day("2024-03-02"), to: day("2024-03-02")),
                              comparison: DayRange(from: day("2024-03-01"), to: day("2024-03-01")), path: [.fixed(.account)])
        let mover = try #require(try MoversAnalysis(cache: cache).run(spec).movers.first)
        #expect(mover.drivers == [MoverDriver(kind: .credits, amount: -1_000_000_000), MoverDriver(kind: .refunds, amount: 4_000_000_000)])
    }

    @Test("the generated bill's planted stories are found at their nodes, with the right drivers")
    func plantedStories() throws {
        let cache = try CacheFile(path: Self.sampleCache)
        let analysis = MoversAnalysis(cache: cache)
        func movers(_ period: String, _ comparison: String) throws -> [Mover] {
            let from = period.components(separatedBy: ".."), to = comparison.components(separatedBy: "..")
            return try analysis.run(MoversSpec(period: DayRange(from: day(from[0]), to: day(from[1])),
                                               comparison: DayRange(from: day(to[0]), to: day(to[1])))).movers
        }
        // The spike (14–15 August) is the week's largest increase, at the usage type.
        let spikeWeek = try movers("2024-08-14..2024-08-20", "2024-08-07..2024-08-13")
        #expect(spikeWeek.first?.pathText == "account=123456789012 > service=AWSDataTransfer > usage-type=USE1-DataTransfer-Out-Bytes")
        // Quantities are kept to thousandths of a unit, so the unit cost wobbles by less than a cent:
        // to the cent, the whole change is usage.
        #expect(spikeWeek.first.map { MoversOutput.cents($0).drivers.map(\.kind) } == [.usage])
        // The week after, the spike is gone and SageMaker is new for ml-research.
        let nextWeek = try movers("2024-08-20..2024-08-26", "2024-08-13..2024-08-19")
        #expect(nextWeek.first?.pathText == spikeWeek.first?.pathText && nextWeek.first.map { $0.delta < 0 } == true)
        let sageMaker = try #require(nextWeek.first { $0.pathText.hasPrefix("account=789012345678 > service=AmazonSageMaker") })
        #expect(sageMaker.previous == 0 && sageMaker.drivers == [MoverDriver(kind: .new, amount: sageMaker.delta)])
        // The ramp: data-lake storage grows by volume, not price, month over month.
        let ramp = try movers("2024-09-01..2024-09-28", "2024-08-01..2024-08-28")
        let storage = try #require(ramp.first { $0.pathText == "account=223344556677 > service=AmazonS3 > usage-type=USE1-TimedStorage-ByteHrs" })
        #expect(ramp.first?.pathText == storage.pathText)
        #expect(MoversOutput.cents(storage).drivers.map(\.kind) == [.usage])
    }

    @Test("every mover's drivers add up to its delta, on generated bills, for every path, window and metric")
    func sumIdentity() throws {
        let generator = (Support.binary as NSString).deletingLastPathComponent + "/costtop-samplegen"
        var caches = [Self.sampleCache]
        for seed in ["7", "1"] {
            let folder = Support.temporaryFolder()
            let run = Support.run(generator, ["--out", folder, "--seed", seed, "--rows", "15000", "--days", "62",
                                              "--format", seed == "7" ? "cur" : "focus", "--no-gzip"])
            #expect(run.status == 0, "\(run.err)")
            caches.append(folder + "/c.ctc")
            _ = try Support.ingest([folder], cache: folder + "/c.ctc")
        }
        var checked = 0
        for path in caches {
            let cache = try CacheFile(path: path)
            let data = try #require(cache.dayRange)
            for (period, compare) in [(PeriodSpec.last7Days, MoversComparison.previous), (.last30Days, .previous),
                                      (.lastMonth, .previous), (.last7Days, .lastMonth)] {
                let window = period.resolve(in: data)
                for dimensions in [MoversSpec.defaultPath, [.fixed(.service), .fixed(.region)], [.tag("team"), .fixed(.usageType)]] {
                    for metric in [Metric.billed, .effective] {
                        for perDay in [false, true] {
                            let spec = MoversSpec(period: window, comparison: compare.resolve(period: window, spec: period),
                                                  path: dimensions, metric: metric, limit: 1000, perDay: perDay)
                            for mover in try MoversAnalysis(cache: cache).run(spec).movers {
                                #expect(mover.drivers.reduce(0) { $0 + $1.amount } == mover.delta, "\(mover.pathText)")
                                #expect(!mover.drivers.contains { $0.amount == 0 })
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 500)
    }

    @Test("movers JSON: documented shape, drivers summing to delta to the cent, costs equal to a Decimal sum of the raw files")
    func reconcile() throws {
        let result = Support.costtop(["movers", "--cache", Self.sampleCache, "--period", "2024-08-20..2024-08-26",
                                      "--limit", "50", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(Array(document.keys).sorted() == ["compareFrom", "compareTo", "currency", "from", "metric", "movers", "to"])
        #expect(result.out.hasPrefix(#"{"from":"2024-08-20","to":"2024-08-26","compareFrom":"2024-08-13","compareTo":"2024-08-19","metric":"billed","currency":"USD","movers":[{"path":[{"dimension":"account","key":"#))
        func oracle(_ from: String, _ to: String) -> [String: Decimal] {
            let run = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/reconcile.py", "--by", "usage-path",
                                                   "--metric", "billed", "--from", from, "--to", to, Self.sample])
            let sums = (try? JSONSerialization.jsonObject(with: Data(run.out.utf8))) as? [String: String] ?? [:]
            return sums.mapValues { Decimal(string: $0)! }
        }
        let now = oracle("2024-08-20", "2024-08-26"), before = oracle("2024-08-13", "2024-08-19")
        #expect(!now.isEmpty && !before.isEmpty)
        let movers = try #require(document["movers"] as? [[String: Any]])
        #expect(movers.count >= 10)
        for mover in movers {
            let keys = (mover["path"] as! [[String: String]]).map { $0["key"]! }
            let prefix = keys.joined(separator: "/")
            // Leaf sums are rounded to cents by the oracle; a node's cost is the sum of its leaves'
            // exact amounts, so allow half a cent per leaf.
            func sum(_ sums: [String: Decimal]) -> (Decimal, Int) {
                let leaves = sums.filter { $0.key == prefix || $0.key.hasPrefix(prefix + "/") }
                return (leaves.values.reduce(0, +), leaves.count)
            }
            let (cost, leaves) = sum(now), (previous, oldLeaves) = sum(before)
            let tolerance = Decimal(max(leaves, oldLeaves)) * Decimal(string: "0.005")!
            let reported = Decimal(string: "\(mover["cost"]!)")!, reportedBefore = Decimal(string: "\(mover["previous"]!)")!
            #expect(abs(reported - cost) <= tolerance, "\(prefix): \(reported) vs \(cost)")
            #expect(abs(reportedBefore - previous) <= tolerance, "\(prefix): \(reportedBefore) vs \(previous)")
            let delta = Decimal(string: "\(mover["delta"]!)")!
            let drivers = (mover["drivers"] as! [[String: Any]]).map { Decimal(string: "\($0["amount"]!)")! }
            #expect(drivers.reduce(0, +) == delta, "\(prefix)")
            #expect(delta == reported - reportedBefore)
        }
    }
}
