import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostIngest

@Suite("Commitments: coverage and utilization")
struct CommitmentTests {
    func analysis(_ cache: CacheFile) -> (CommitmentAnalysis, DayRange) { (CommitmentAnalysis(cache: cache), cache.dayRange!) }

    @Test("the FOCUS specification's worked examples give the utilization and costs the specification states", arguments: [
        ("commitment_discount_flexibility/one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv", 100.0, "2.75", "2.75"),
        ("commitment_discount_flexibility/one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv", 100.0, "2.00", "2.00"),
        ("commitment_discount_flexibility/one_hundred_percent_utilization_without_commitment_discount_flexibility.csv", 100.0, "1.50", "1.50"),
        ("commitment_discount_flexibility/zero_percent_utilization_without_commitment_discount_flexibility.csv", 0.0, "3.50", "3.50"),
        ("commitment_discount_scenarios/commitment_discount_usage_scenario_1.csv", 100.0, "0.00", "1.00"),
        ("commitment_discount_scenarios/commitment_discount_usage_scenario_2.csv", 0.0, "0.00", "1.00"),
        ("commitment_discount_scenarios/commitment_discount_usage_scenario_3.csv", 75.0, "0.00", "1.00"),
        ("commitment_discount_scenarios/commitment_discount_usage_scenario_4.csv", 100.0, "0.50", "1.50"),
    ])
    func focusExamples(file: String, utilization: Double, billed: String, effective: String) throws {
        guard let samples = Support.samples else { return }
        let (_, cache) = try Support.ingest([samples + "/focus-spec-examples/" + file])
        let (analysis, period) = analysis(cache)
        let commitments = try analysis.commitments(filters: [], period: period)
        #expect(commitments.count == 1)
        #expect(commitments.first?.utilization == utilization)
        let billedTotal = cache.measure(.billed).reduce(Int128(0)) { $0 + Int128($1) }
        let effectiveTotal = cache.measure(.effective).reduce(Int128(0)) { $0 + Int128($1) }
        #expect(Money.plainString(billedTotal) == billed)
        #expect(Money.plainString(effectiveTotal) == effective)
    }

    @Test("the FOCUS purchase scenarios bill the purchase and amortize nothing onto usage", arguments: [
        ("commitment_discount_purchase_scenario_1.csv", "8760.00"), ("commitment_discount_purchase_scenario_2.csv", "3.00"),
        ("commitment_discount_purchase_scenario_3.csv", "4381.50"),
    ])
    func focusPurchases(file: String, billed: String) throws {
        guard let samples = Support.samples else { return }
        let (_, cache) = try Support.ingest([samples + "/focus-spec-examples/commitment_discount_scenarios/" + file])
        #expect(Money.plainString(cache.measure(.billed).reduce(Int128(0)) { $0 + Int128($1) }) == billed)
        #expect(cache.measure(.effective).allSatisfy { $0 == 0 })
        // Purchases are never usage: nothing to cover, no utilization to report.
        let (analysis, period) = analysis(cache)
        #expect(try analysis.coverage(by: .fixed(.service), filters: [], period: period).total.eligibleCost == 0)
        #expect(try analysis.commitments(filters: [], period: period).allSatisfy { $0.utilization == nil })
    }

    /// A week of one Savings Plan at partial utilization, a reservation with unused hours, and on-demand usage.
    static let handComputedCUR: String = {
        var lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/LineItemType,"
            + "lineItem/UnblendedCost,lineItem/UsageAmount,pricing/publicOnDemandCost,savingsPlan/SavingsPlanARN,"
            + "savingsPlan/SavingsPlanEffectiveCost,savingsPlan/TotalCommitmentToDate,savingsPlan/UsedCommitment,"
            + "reservation/ReservationARN,reservation/EffectiveCost,reservation/AmortizedUpfrontFeeForBillingPeriod,"
            + "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod,reservation/UnusedRecurringFee"]
        // Savings Plan: $24 a day committed; days 1-5 fully used, days 6-7 half used (weekend).
        for day in 1...7 {
            let used = day <= 5 ? "24.00" : "12.00"
            let onDemand = day <= 5 ? "40.00" : "20.00"   // covered usage at list price (40% discount)
            let date = String(format: "2024-03-%02dT00:00:00Z", day)
            lines.append("\(date),111,ComputeSavingsPlans,ComputeSP:1yrNoUpfront,SavingsPlanRecurringFee,24.00,1,,arn:sp,,24.00,\(used),,,,,")
            lines.append("\(date),222,AmazonEC2,USE1-BoxUsage:m5.xlarge,SavingsPlanCoveredUsage,\(onDemand),48,\(onDemand),arn:sp,\(used),,,,,,,")
            lines.append("\(date),222,AmazonEC2,USE1-BoxUsage:m5.xlarge,SavingsPlanNegation,-\(onDemand),0,,arn:sp,,,,,,,,")
            // Uncovered on-demand EC2 (eligible) and S3 storage (not eligible).
            lines.append("\(date),222,AmazonEC2,USE1-BoxUsage:c6i.large,Usage,10.00,12,10.00,,,,,,,,,")
            lines.append("\(date),222,AmazonS3,USE1-TimedStorage-ByteHrs,Usage,3.00,100,3.00,,,,,,,,,")
        }
        // Reservation: a $100 fee for the period ($60 recurring + $40 amortized upfront), $25 of it unused.
        lines.append("2024-03-01T00:00:00Z,333,AmazonRDS,RDS:ri-fee,RIFee,60.00,168,,,,,,arn:ri,,40.00,10.00,15.00")
        lines.append("2024-03-02T00:00:00Z,333,AmazonRDS,USE1-InstanceUsage:db.r6g.xlarge,DiscountedUsage,0,126,150.00,,,,,arn:ri,75.00,,,")
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("hand-computed AWS case: coverage, utilization, unused money, savings rate")
    func handComputed() throws {
        let file = Support.write(CommitmentTests.handComputedCUR, to: Support.temporaryFolder(), "cur.csv")
        let (summary, cache) = try Support.ingest([file])
        #expect(summary.warnings.isEmpty, "\(summary.warnings)")
        let (analysis, period) = analysis(cache)

        let commitments = try analysis.commitments(filters: [], period: period)
        let plan = try #require(commitments.first { $0.id == "arn:sp" })
        // Used 5 × 24 + 2 × 12 = 144 of 7 × 24 = 168.
        #expect(plan.used == 144_000_000_000 && plan.totalCommitment == 168_000_000_000 && plan.unused == 24_000_000_000)
        #expect(abs(plan.utilization! - 144.0 / 168.0 * 100) < 1e-9)
        #expect(plan.dailyUtilization[0] == 100 && plan.dailyUtilization[6] == 50)
        #expect(plan.type == "Savings Plan" && plan.accountsCovered == 1)
        let reservation = try #require(commitments.first { $0.id == "arn:ri" })
        #expect(reservation.totalCommitment == 100_000_000_000 && reservation.used == 75_000_000_000)
        #expect(reservation.utilization == 75)

        // Covered at list price: SP 5 × 40 + 2 × 20 = 240, RI 150; eligible adds EC2 on demand 7 × 10 = 70.
        let coverage = try analysis.coverage(by: .fixed(.service), filters: [], period: period)
        #expect(coverage.total.coveredCost == 390_000_000_000)
        #expect(coverage.total.eligibleCost == 460_000_000_000)
        #expect(abs(coverage.total.coverage! - 390.0 / 460.0 * 100) < 1e-9)
        #expect(coverage.total.onDemandCost == 70_000_000_000)
        #expect(!coverage.rows.contains { $0.key == "AmazonS3" })
        let ec2 = try #require(coverage.rows.first { $0.key == "AmazonEC2" })
        #expect(ec2.coveredCost == 240_000_000_000 && ec2.eligibleCost == 310_000_000_000)
        // Hours: covered 5 × 48 + 2 × 48 = 336 of 336 + 84 on demand (RDS 126 covered, 0 uncovered).
        #expect(abs(ec2.hoursCoverage! - 336.0 / 420.0 * 100) < 1e-9)

        // Savings rate: 1 − (effective of eligible usage 144 + 75 + 70, plus unused 24 + 25) ÷ 460.
        let gauges = try analysis.summary(filters: [], period: period)
        #expect(abs(gauges.effectiveSavingsRate! - (1 - 338.0 / 460.0) * 100) < 1e-9)
        #expect(abs(gauges.utilization! - 219.0 / 268.0 * 100) < 1e-9)
        #expect(gauges.unused == 49_000_000_000)
        // At account 222 the gauges follow the drill context: its coverage, the plan it consumed.
        let account = try analysis.summary(filters: [Filter("account=222")!], period: period)
        #expect(abs(account.coverage! - 240.0 / 310.0 * 100) < 1e-9)
    }

    @Test("a broken amortization identity is a warning in the ingest summary")
    func identityWarning() throws {
        let broken = CommitmentTests.handComputedCUR.replacingOccurrences(of: "SavingsPlanCoveredUsage,40.00,48,40.00,arn:sp,24.00",
                                                                          with: "SavingsPlanCoveredUsage,40.00,48,40.00,arn:sp,20.00")
        let file = Support.write(broken, to: Support.temporaryFolder(), "cur.csv")
        let (summary, _) = try Support.ingest([file])
        #expect(summary.warnings.count == 1)
        #expect(summary.warnings.first?.contains("commitment arn:sp: covered usage costs 124.00 effective, but its used commitment is 144.00") == true)
    }

    @Test("the generated sample's commitments: costtop reproduces an independent computation to 0.1 point")
    func generatedSample() throws {
        let sample = Support.repository + "/sample-data/aws-cur"
        let oracle = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/commitments_oracle.py", sample])
        #expect(oracle.status == 0, "\(oracle.err)")
        let expected = try JSONSerialization.jsonObject(with: Data(oracle.out.utf8)) as! [String: [String: [String]]]
        let (_, cache) = try Support.ingest([sample])
        let (analysis, period) = analysis(cache)
        let coverage = try analysis.coverage(by: .fixed(.service), filters: [], period: period)
        #expect(coverage.rows.count == expected["coverage"]!.count)
        for row in coverage.rows {
            let pair = try #require(expected["coverage"]![row.key]).map { Double($0)! }
            let oraclePercent = pair[1] == 0 ? 0 : pair[0] / pair[1] * 100
            #expect(abs((row.coverage ?? 0) - oraclePercent) < 0.1, "\(row.key)")
        }
        let commitments = try analysis.commitments(filters: [], period: period)
        #expect(commitments.count == expected["utilization"]!.count)
        for row in commitments {
            let pair = try #require(expected["utilization"]![row.id]).map { Double($0)! }
            #expect(abs(row.utilization! - pair[0] / pair[1] * 100) < 0.1, "\(row.id)")
        }
        // And the plan the generator documents at 88.9% utilization (docs/sample-data.md).
        #expect(commitments.contains { $0.type == "Savings Plan" && abs($0.utilization! - 88.9) < 0.1 })
    }

    @Test("costtop coverage and commitments: JSON fields, exit status")
    func commands() throws {
        let file = Support.write(CommitmentTests.handComputedCUR, to: Support.temporaryFolder(), "cur.csv")
        let cache = Support.temporaryFolder() + "/c.ctc"
        #expect(Support.costtop(["ingest", file, "--cache", cache, "--quiet"]).status == 0)
        let coverage = Support.costtop(["coverage", "--cache", cache, "--period", "all", "--by", "service", "--format", "json"])
        #expect(coverage.status == 0, "\(coverage.err)")
        let object = try JSONSerialization.jsonObject(with: Data(coverage.out.utf8)) as! [String: Any]
        let rows = object["rows"] as! [[String: Any]]
        #expect(Set(rows[0].keys).isSuperset(of: ["key", "coveredCost", "eligibleCost", "coverage", "onDemandCost"]))
        let ec2 = try #require(rows.first { $0["key"] as? String == "AmazonEC2" })
        #expect(ec2["coveredCost"] as? Double == 240 && ec2["eligibleCost"] as? Double == 310 && ec2["onDemandCost"] as? Double == 70)
        let commitments = Support.costtop(["commitments", "--cache", cache, "--period", "all", "--format", "json"])
        #expect(commitments.status == 0)
        let list = (try JSONSerialization.jsonObject(with: Data(commitments.out.utf8)) as! [String: Any])["rows"] as! [[String: Any]]
        #expect(Set(list[0].keys).isSuperset(of: ["id", "type", "totalCommitment", "used", "unused", "utilization"]))
        let ri = try #require(list.first { $0["id"] as? String == "arn:ri" })
        #expect(ri["utilization"] as? Double == 75 && ri["unused"] as? Double == 25)
        let table = Support.costtop(["coverage", "--cache", cache, "--period", "all"])
        #expect(table.out.contains("84.8%"))
        #expect(abs((object["effectiveSavingsRate"] as! Double) - (1 - 338.0 / 460.0) * 100) < 0.01)
        let types = (try JSONSerialization.jsonObject(with: Data(commitments.out.utf8)) as! [String: Any])["byType"] as! [[String: Any]]
        #expect(types.map { $0["type"] as! String } == ["Reservation", "Savings Plan"])
        #expect(types[0]["utilization"] as? Double == 75)
    }
}
