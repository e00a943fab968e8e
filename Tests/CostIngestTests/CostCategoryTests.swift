import CostCache
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostIngest

/// AWS Cost Categories, as the legacy CUR writes them (`costCategory/Team` columns) and as CUR 2.0
/// does (a `cost_category` map), become tags named `cost-category:<name>`.
@Suite("AWS cost categories")
struct CostCategoryTests {
    @Test("legacy costCategory/ columns and the CUR 2.0 cost_category map give the same tag")
    func bothSpellings() throws {
        let folder = Support.temporaryFolder()
        let legacy = Support.write("""
            lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost,costCategory/Team
            2024-03-01T00:00:00Z,111111111111,AmazonEC2,BoxUsage,1.25,data
            2024-03-01T00:00:00Z,111111111111,AmazonS3,Storage,0.75,
            2024-03-02T00:00:00Z,222222222222,AmazonEC2,BoxUsage,2.00,web

            """, to: folder, "legacy/cur.csv")
        let modern = Support.write("""
            line_item_usage_start_date,line_item_usage_account_id,line_item_product_code,line_item_usage_type,line_item_unblended_cost,cost_category
            2024-03-01T00:00:00Z,111111111111,AmazonEC2,BoxUsage,1.25,"{""Team"":""data""}"
            2024-03-01T00:00:00Z,111111111111,AmazonS3,Storage,0.75,{}
            2024-03-02T00:00:00Z,222222222222,AmazonEC2,BoxUsage,2.00,"{""Team"":""web""}"

            """, to: folder, "cur2/cur.csv")
        let expected: [String: Int128] = ["data": 1_250_000_000, "web": 2_000_000_000, "(untagged)": 750_000_000]
        for input in [legacy, modern] {
            let (_, cache) = try Support.ingest([input])
            #expect(cache.tagKeys == ["cost-category:Team"])
            #expect(try totals(cache, by: .tag("cost-category:Team")) == expected, "\(input)")
        }
    }
}
