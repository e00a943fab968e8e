import Foundation

/// A bill of three clouds in two currencies, for the tests of mixed caches: the bundled AWS sample
/// (USD), a generated Google Cloud export (USD, scripts/gcp-samplegen.py) and a small Azure MCA
/// actual-cost export in EUR written here, so no test depends on ../shared/samples for it.
public enum MixedBill {
    /// The Azure export's subscriptions and their daily cost in EUR (the same every day).
    public static let azureDailyCost: [(subscription: String, cost: String)] = [
        ("5a1e0000-0000-4000-8000-00000000000a", "41.25"), ("5a1e0000-0000-4000-8000-00000000000b", "7.05")]

    /// The days the Azure export covers (September 2024, inside the AWS sample's and the GCP bill's days).
    public static let azureDays = 1...28

    /// Writes the Google Cloud and Azure files into a new folder and returns every input path
    /// (AWS sample folder, GCP JSON Lines file, Azure CSV).
    public static func inputs(gcpRows: Int = 2000) -> [String] {
        let folder = Support.temporaryFolder()
        let generated = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/gcp-samplegen.py",
                                                     "--rows", "\(gcpRows)", "--shapes", "jsonl", folder])
        precondition(generated.status == 0, "gcp-samplegen.py failed: \(generated.err)")
        var csv = "BillingAccountId,BillingAccountName,SubscriptionId,SubscriptionName,Date,MeterCategory,MeterSubCategory,"
            + "MeterName,Quantity,CostInBillingCurrency,BillingCurrencyCode,ResourceLocation,ChargeType,PricingModel,Tags\n"
        for day in azureDays {
            for (index, entry) in azureDailyCost.enumerated() {
                let date = String(format: "09/%02d/2024", day)
                csv += "7777-8888,Contoso EU,\(entry.subscription),sub-\(index),\(date),Virtual Machines,Dv3/DSv3 Series,"
                    + "D2 v3/D2s v3,24,\(entry.cost),EUR,West Europe,Usage,OnDemand,\"{\"\"env\"\": \"\"prod\"\"}\"\n"
            }
        }
        let azure = Support.write(csv, to: folder, "azure/actualcost/202409/part_0.csv")
        return [Support.repository + "/sample-data/aws-cur", folder + "/gcp-billing.jsonl", azure]
    }

    /// The Azure export's total in EUR, as a decimal string.
    public static var azureTotal: Decimal {
        azureDailyCost.reduce(Decimal(0)) { $0 + Decimal(string: $1.cost)! } * Decimal(azureDays.count)
    }
}
