import CostModel

/// A FOCUS 1.0–1.2 export or view (AWS Data Exports' FOCUS, Azure's and Google's FOCUS exports),
/// rolled up to daily grain. The rules are `FOCUSAdapter`'s: effective cost defaults to billed,
/// list cost to the larger of the two, commitment measures come from `CommitmentDiscountStatus`.
///
/// The roll-up keeps FOCUS's own columns, so this is also how to shrink any FOCUS view before
/// costtop reads it.
extension SourceMapping {
    static func focus() -> SourceMapping {
        @Sendable func billed(_ d: SQLDialect) -> String { money(d, "BilledCost") }
        @Sendable func effective(_ d: SQLDialect) -> String { "COALESCE(\(d.money(d.column("EffectiveCost"))), \(billed(d)))" }
        @Sendable func list(_ d: SQLDialect) -> String {
            "COALESCE(\(d.money(d.column("ListCost"))), GREATEST(\(billed(d)), \(effective(d))))"
        }
        let columns: [RollupColumn: Expression] = [
            .chargePeriodStart: { $0.day($0.column("ChargePeriodStart")) },
            .billingCurrency: { orElse($0, "BillingCurrency", "'USD'") },
            .serviceProviderName: { $0.column("ProviderName") },
            .billingAccountId: { $0.column("BillingAccountId") },
            .billingAccountName: { $0.column("BillingAccountName") },
            .subAccountId: { $0.column("SubAccountId") },
            .subAccountName: { $0.column("SubAccountName") },
            .serviceName: { $0.column("ServiceName") },
            .usageType: { d in
                "COALESCE(NULLIF(\(d.column("x_UsageType")), ''), NULLIF(\(d.column("SkuId")), ''), \(d.column("ChargeDescription")))"
            },
            .regionId: { orElse($0, "RegionId", $0.column("RegionName")) },
            .resourceId: { $0.column("ResourceId") },
            .chargeCategory: { $0.column("ChargeCategory") },
            .pricingCategory: { $0.column("PricingCategory") },
            .commitmentDiscountId: { $0.column("CommitmentDiscountId") },
            .commitmentDiscountType: { $0.column("CommitmentDiscountType") },
            .commitmentDiscountStatus: { $0.column("CommitmentDiscountStatus") },
            .commitmentDiscountName: { $0.column("CommitmentDiscountName") },
            .tags: { $0.column("Tags") },
            .billedCost: billed,
            .effectiveCost: effective,
            .listCost: list,
            .consumedQuantity: { "COALESCE(\($0.quantity($0.column("ConsumedQuantity"))), 0)" },
            .commitmentUsed: { d in "CASE WHEN \(d.column("CommitmentDiscountStatus")) = 'Used' THEN \(effective(d)) ELSE 0 END" },
            .commitmentTotal: { d in
                "CASE WHEN \(d.column("CommitmentDiscountStatus")) IN ('Used', 'Unused') THEN \(effective(d)) ELSE 0 END"
            },
            .coveredOnDemandCost: { d in
                "CASE WHEN \(d.column("PricingCategory")) = 'Committed' AND \(d.column("ChargeCategory")) = 'Usage' "
                    + "THEN \(list(d)) ELSE 0 END"
            },
        ]
        return SourceMapping(
            defaultTable: "focus",
            parts: [Part(columns: columns, condition: nil)],
            partitions: { _, d, range in
                let first = Day.firstDay(ofMonthIndex: range.from.monthIndex)
                let after = Day.firstDay(ofMonthIndex: range.to.monthIndex + 1)
                return ["\(d.column("BillingPeriodStart")) >= TIMESTAMP '\(first) 00:00:00'",
                        "\(d.column("BillingPeriodStart")) < TIMESTAMP '\(after) 00:00:00'"]
            },
            notes: ["FOCUS: Tags must be JSON text; when your view keeps them as a MAP, replace Tags "
                    + "below with its JSON (Athena: json_format(CAST(tags AS JSON))).",
                    "Without an x_UsageType column (only AWS writes it), drop it from the usage type's COALESCE."])
    }
}
