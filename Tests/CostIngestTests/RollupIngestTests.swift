import CostCache
import CostIngest
import CostModel
import CosttopTestSupport
import Foundation
import Testing

/// Warehouse roll-ups (docs/rollup.md) read through the FOCUS adapter: the `x_` measures, and a
/// later export of a month replacing the earlier one instead of doubling it.
@Suite("Roll-up ingest")
struct RollupIngestTests {
    static let header = "ChargePeriodStart,ChargePeriodEnd,BillingCurrency,SubAccountId,ServiceName,ChargeCategory,"
        + "PricingCategory,CommitmentDiscountId,CommitmentDiscountStatus,BilledCost,EffectiveCost,ListCost,"
        + "ConsumedQuantity,x_CommitmentUsed,x_CommitmentTotal,x_CoveredOnDemandCost,x_LineItems\n"

    /// A roll-up row of account A's usage: day, billed cost, line items.
    static func row(_ day: String, _ billed: String, _ lineItems: Int) -> String {
        "\(day),\(day),USD,A,AmazonEC2,Usage,Standard,,,\(billed),\(billed),\(billed),1,0,0,0,\(lineItems)\n"
    }

    /// Writes a roll-up file and sets its modification time (exports of later runs are newer).
    @discardableResult
    static func export(_ folder: String, _ name: String, _ rows: [String], modified: TimeInterval) throws -> String {
        let path = Support.write(header + rows.joined(), to: folder, name)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: modified)], ofItemAtPath: path)
        return path
    }

    /// Billed cost per month (month index → nano-units) and line items in a cache.
    static func months(_ cache: CacheFile) -> (billed: [Int: Int64], lineItems: Int64) {
        var billed: [Int: Int64] = [:]
        let measure = cache.measure(.billed)
        for row in 0..<cache.rowCount { billed[Day(index: cache.days[row]).monthIndex, default: 0] += measure[row] }
        return (billed, cache.measure(.lineItems).reduce(0, +))
    }

    static let july = Day("2024-07-01")!.monthIndex
    static let august = Day("2024-08-01")!.monthIndex

    @Test("a later export of a month replaces the earlier one; months it lacks stay; part files of one run add up")
    func laterExportReplacesMonth() throws {
        let folder = Support.temporaryFolder()
        // Run 1: July and August, August split over two part files (both belong to the run).
        try Self.export(folder + "/run-1", "part-0.csv", [Self.row("2024-07-01", "10.00", 5), Self.row("2024-08-01", "20.00", 7)],
                        modified: 1_000_000)
        try Self.export(folder + "/run-1", "part-1.csv", [Self.row("2024-08-03", "2.50", 1)], modified: 1_000_001)
        // Run 2, later: August again (restated), not July.
        try Self.export(folder + "/run-2", "part-0.csv", [Self.row("2024-08-01", "25.00", 3), Self.row("2024-08-02", "1.00", 1)],
                        modified: 2_000_000)
        let cachePath = folder + "/cache.ctc"
        let (summary, cache) = try Support.ingest([folder], cache: cachePath)
        #expect(summary.formats.map(\.format) == ["focus-rollup"])
        #expect(summary.rollupMonthsReplaced == 1)
        let (billed, lineItems) = Self.months(cache)
        #expect(billed[Self.july] == 10_000_000_000)
        #expect(billed[Self.august] == 26_000_000_000)
        #expect(lineItems == 5 + 3 + 1)

        // Run 3, later still, holds July only: a second ingest replaces July and keeps run 2's August,
        // whose file it does not read again.
        try Self.export(folder + "/run-3", "part-0.csv", [Self.row("2024-07-02", "11.00", 4)], modified: 3_000_000)
        let (again, updated) = try Support.ingest([folder], cache: cachePath)
        #expect(again.filesRead == 1 && again.filesUnchanged == 3)
        let (billedAgain, lineItemsAgain) = Self.months(updated)
        #expect(billedAgain[Self.july] == 11_000_000_000)
        #expect(billedAgain[Self.august] == 26_000_000_000)
        #expect(lineItemsAgain == 4 + 3 + 1)
        #expect(updated.dayRange == DayRange(from: Day("2024-07-02")!, to: Day("2024-08-02")!))
    }

    @Test("a roll-up rewritten in place is read again, not added")
    func rewrittenInPlace() throws {
        let folder = Support.temporaryFolder()
        let path = try Self.export(folder + "/rollup", "rollup.csv", [Self.row("2024-07-01", "10.00", 5)], modified: 1_000_000)
        let cachePath = folder + "/cache.ctc"
        _ = try Support.ingest([folder], cache: cachePath)
        try Self.export(folder + "/rollup", "rollup.csv", [Self.row("2024-07-01", "12.00", 6)], modified: 2_000_000)
        let (summary, cache) = try Support.ingest([path], cache: cachePath)
        #expect(summary.filesRead == 1)
        #expect(Self.months(cache).billed[Self.july] == 12_000_000_000)
        #expect(Self.months(cache).lineItems == 6)
    }

    @Test("plain FOCUS files of the same month in two folders are both kept: the rule is for roll-ups only")
    func plainFOCUSIsNotReplaced() throws {
        let folder = Support.temporaryFolder()
        let plain = "ChargePeriodStart,BilledCost,SubAccountId\n2024-07-01T00:00:00Z,10.00,A\n"
        Support.write(plain, to: folder + "/a", "focus.csv")
        Support.write(plain, to: folder + "/b", "focus.csv")
        let (summary, cache) = try Support.ingest([folder])
        #expect(summary.formats.map(\.format) == ["focus"])
        #expect(summary.rollupMonthsReplaced == 0)
        #expect(Self.months(cache).billed[Self.july] == 20_000_000_000)
    }

    @Test("the x_ measures replace what FOCUS columns would give; a bad x_LineItems names its column")
    func rollupMeasures() throws {
        let folder = Support.temporaryFolder()
        // A Savings Plan fee row: no status, so FOCUS alone would give no commitment; x_ columns do.
        let fee = "2024-07-01,2024-07-02,USD,A,ComputeSavingsPlans,Purchase,,arn:sp,,100.00,3.00,100.00,0,97.00,100.00,0,24\n"
        // Covered usage: ListCost is 8, but the roll-up says the covered on-demand cost is 7.5.
        let covered = "2024-07-01,2024-07-02,USD,A,AmazonEC2,Usage,Committed,arn:sp,Used,0,5.00,8.00,24,0,0,7.50,48\n"
        Support.write(Self.header + fee + covered, to: folder, "rollup.csv")
        let (_, cache) = try Support.ingest([folder])
        #expect(cache.measure(.commitmentUsed).reduce(0, +) == 97_000_000_000)
        #expect(cache.measure(.commitmentTotal).reduce(0, +) == 100_000_000_000)
        #expect(cache.measure(.coveredOnDemand).reduce(0, +) == 7_500_000_000)
        #expect(cache.measure(.lineItems).reduce(0, +) == 72)

        let bad = Support.temporaryFolder()
        Support.write(Self.header + Self.row("2024-07-01", "1.00", -3), to: bad, "rollup.csv")
        #expect {
            _ = try Support.ingest([bad])
        } throws: { error in
            "\(error)".contains("x_LineItems") && "\(error)".contains("rollup.csv:2")
        }
    }

    @Test("Athena writes column names in lower case: still a roll-up, every x_ column read")
    func lowerCaseNames() throws {
        let folder = Support.temporaryFolder()
        let fee = "2024-07-01,2024-07-02,USD,A,ComputeSavingsPlans,Purchase,,arn:sp,,100.00,3.00,100.00,0,97.00,100.00,0,24\n"
        Support.write(Self.header.lowercased() + fee, to: folder, "000000_0.csv")
        let (summary, cache) = try Support.ingest([folder])
        #expect(summary.formats.map(\.format) == ["focus-rollup"])
        #expect(cache.measure(.commitmentUsed).reduce(0, +) == 97_000_000_000)
        #expect(cache.measure(.lineItems).reduce(0, +) == 24)
        #expect(cache.measure(.effective).reduce(0, +) == 3_000_000_000)
    }
}
