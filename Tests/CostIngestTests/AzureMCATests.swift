import CostEngine
import CostIngest
import CostModel
import CosttopTestSupport
import Foundation
import Testing

/// Azure's MCA column set (camelCase, billing and pricing currency), amortized: savings plan usage
/// and the unused part feed the commitment measures; billed excludes what the invoice does not charge.
@Suite("Azure MCA exports")
struct AzureMCATests {
    static let header = "invoiceId,billingAccountId,billingAccountName,billingProfileId,invoiceSectionName,subscriptionId,"
        + "subscriptionName,date,meterCategory,meterSubCategory,meterName,resourceLocation,quantity,costInBillingCurrency,"
        + "costInPricingCurrency,billingCurrency,pricingCurrency,exchangeRatePricingToBilling,paygCostInBillingCurrency,"
        + "PayGPrice,chargeType,pricingModel,benefitId,benefitName,tags"
    static let rows = [
        // On demand, EUR billed, USD priced: cost in billing currency, list from paygCost.
        "I1,BA-1,Contoso,BP-1,Dev,sub-a,Alpha,2024-09-01,Virtual Machines,Dv5,D2 v5,West Europe,10,9.20,10.00,EUR,USD,0.92,9.20,1.0,Usage,OnDemand,,,\"{\"\"env\"\":\"\"prod\"\"}\"",
        // Covered by a savings plan: amortized cost 4.60, on-demand 9.20.
        "I1,BA-1,Contoso,BP-1,Dev,sub-a,Alpha,2024-09-01,Virtual Machines,Dv5,D2 v5,westeurope,10,4.60,5.00,EUR,USD,0.92,9.20,1.0,Usage,SavingsPlan,/sp/1,Compute SP,",
        // The unused part of the same plan that day.
        "I1,BA-1,Contoso,BP-1,Dev,sub-a,Alpha,2024-09-01,Virtual Machines,,,,0,0.46,0.50,EUR,USD,0.92,,0,UnusedSavingsPlan,SavingsPlan,/sp/1,Compute SP,",
        // No paygCost: PayGPrice (USD) × quantity × exchange rate.
        "I1,BA-1,Contoso,BP-1,Dev,sub-b,Beta,2024-09-02,Storage,Blob,LRS,eastus,100,0.80,0.87,EUR,USD,0.92,,0.01,Usage,OnDemand,,,",
    ]

    @Test("MCA amortized: detected, billing currency, commitments, list cost through the exchange rate")
    func mcaAmortized() throws {
        let folder = Support.temporaryFolder() + "/AmortizedCost"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = Support.write(([Self.header] + Self.rows).joined(separator: "\n") + "\n", to: folder, "part_0_0001.csv")
        let (summary, cache) = try Support.ingest([file])
        #expect(summary.formats.map(\.format) == ["azure-mca-amortized"])
        #expect(try totals(cache, by: .fixed(.currency)) == ["EUR": Int128(10_000_000_000)])
        #expect(try totals(cache, by: .fixed(.currency), metric: .effective) == ["EUR": Int128(15_060_000_000)])
        // 9.20 + 9.20 (paygCost) + max(0, 0.46) + 0.01 × 100 × 0.92
        #expect(try totals(cache, by: .fixed(.currency), metric: .list) == ["EUR": Int128(19_780_000_000)])
        let regions = try totals(cache, by: .fixed(.region))
        #expect(regions["westeurope"] == Int128(9_200_000_000))
        #expect(regions["eastus"] == Int128(800_000_000))
        let status = try totals(cache, by: .fixed(.commitmentStatus), metric: .effective)
        #expect(status["Used"] == Int128(4_600_000_000))
        #expect(status["Unused"] == Int128(460_000_000))
        let commitments = try CommitmentAnalysis(cache: cache).commitments(filters: [], period: cache.dayRange!)
        let plan = try #require(commitments.first { $0.id == "/sp/1" })
        #expect(plan.totalCommitment == Int128(5_060_000_000))
        #expect(plan.type == "Savings plan")
    }
}
