import Foundation
import CostModel

/// Google Cloud's billing export table in BigQuery (standard or detailed usage cost), or the same
/// rows read elsewhere. The rules are `GCPAdapter`'s: each row is a charge, plus a Credit line item
/// holding the sum of its credits; committed use discount fees (SKU `Commitment…`) are commitment
/// bought, and usage with a CUD credit is covered usage whose on-demand equivalent is that credit.
/// Partition pruning uses `invoice.month`, and in BigQuery `_PARTITIONTIME` (rows are exported at or
/// after their usage, so no partition before `--from` holds any).
extension SourceMapping {
    static func gcp() -> SourceMapping {
        let cudCondition = "c.type LIKE 'COMMITTED_USAGE_DISCOUNT%'"
        @Sendable func credits(_ d: SQLDialect) -> String { d.listSum(d.column("credits"), "c", "c.amount", nil) }
        @Sendable func cud(_ d: SQLDialect) -> String { d.listSum(d.column("credits"), "c", "c.amount", cudCondition) }
        @Sendable func isFee(_ d: SQLDialect) -> String {
            "(COALESCE(\(d.column("sku.description")), '') LIKE 'Commitment%' AND COALESCE(\(d.column("cost_type")), '') <> 'tax')"
        }
        @Sendable func costType(_ d: SQLDialect) -> String { "COALESCE(\(d.column("cost_type")), '')" }
        var shared: [RollupColumn: Expression] = [
            .chargePeriodStart: { $0.day($0.column("usage_start_time")) },
            .billingCurrency: { orElse($0, "currency", "'USD'") },
            .serviceProviderName: { _ in "'Google Cloud'" },
            .billingAccountId: { $0.column("billing_account_id") },
            .subAccountId: { $0.column("project.id") },
            .subAccountName: { $0.column("project.name") },
            .serviceName: { orElse($0, "service.description", $0.column("service.id")) },
            .usageType: { $0.column("sku.description") },
            .regionId: { orElse($0, "location.region", $0.column("location.location")) },
            .resourceId: { orElse($0, "resource.global_name", $0.column("resource.name")) },
            .tags: { d in
                d.tagsJSON([
                    .init(expression: d.column("labels"), isEntryList: true, key: { $0 }),
                    .init(expression: d.column("project.labels"), isEntryList: true, key: { "concat('project:', \($0))" }),
                ])
            },
        ]
        var charge = shared
        charge[.chargeCategory] = { d in
            "CASE WHEN \(costType(d)) = 'tax' THEN 'Tax' WHEN \(costType(d)) IN ('adjustment', 'rounding_error') THEN 'Adjustment' "
                + "WHEN \(isFee(d)) THEN 'Purchase' ELSE 'Usage' END"
        }
        charge[.pricingCategory] = { d in
            "CASE WHEN \(costType(d)) IN ('tax', 'adjustment', 'rounding_error') OR \(isFee(d)) THEN NULL "
                + "WHEN \(cud(d)) <> 0 THEN 'Committed' ELSE 'Standard' END"
        }
        charge[.commitmentDiscountId] = { d in "CASE WHEN \(isFee(d)) THEN \(d.column("sku.description")) END" }
        charge[.commitmentDiscountType] = { d in "CASE WHEN \(isFee(d)) OR \(cud(d)) <> 0 THEN 'Committed use discount' END" }
        charge[.commitmentDiscountStatus] = { d in "CASE WHEN NOT \(isFee(d)) AND \(cud(d)) <> 0 THEN 'Used' END" }
        charge[.billedCost] = { money($0, "cost") }
        charge[.effectiveCost] = { money($0, "cost") }
        charge[.listCost] = { d in "COALESCE(\(d.money(d.column("cost_at_list"))), \(money(d, "cost")))" }
        charge[.consumedQuantity] = { d in
            "COALESCE(\(d.quantity(d.column("usage.amount_in_pricing_units"))), 0)"
        }
        charge[.commitmentUsed] = { d in "CASE WHEN \(isFee(d)) THEN \(money(d, "cost")) ELSE 0 END" }
        charge[.commitmentTotal] = { d in "CASE WHEN \(isFee(d)) THEN \(money(d, "cost")) ELSE 0 END" }
        charge[.coveredOnDemandCost] = { d in "CASE WHEN NOT \(isFee(d)) AND \(cud(d)) <> 0 THEN -\(cud(d)) ELSE 0 END" }
        charge[.lineItems] = { _ in "1" }

        var credit = shared
        credit[.chargeCategory] = { _ in "'Credit'" }
        credit[.commitmentDiscountType] = { d in "CASE WHEN \(cud(d)) <> 0 THEN 'Committed use discount' END" }
        credit[.billedCost] = credits
        credit[.effectiveCost] = credits
        credit[.lineItems] = { _ in "0" }
        return SourceMapping(
            defaultTable: "gcp_billing_export_v1",
            parts: [Part(columns: charge, condition: nil), Part(columns: credit, condition: { "\(credits($0)) <> 0" })],
            partitions: { engine, d, range in
                let months = SourceMapping.months(range).map { "'" + String(format: "%04d%02d", $0.year, $0.month) + "'" }
                var predicates = ["\(d.column("invoice.month")) IN (\(months.joined(separator: ", ")))"]
                if engine == .bigquery { predicates.append("_PARTITIONTIME >= TIMESTAMP '\(range.from) 00:00:00'") }
                return predicates
            },
            notes: ["Google Cloud billing export (BigQuery): credits become Credit line items; labels and "
                    + "project.labels (as project:KEY) become Tags."])
    }
}
