import CostModel

/// Azure Cost Management exports (EA or MCA "cost and usage details"), actual or amortized cost,
/// loaded into a table. The rules are `AzureAdapter`'s: in an amortized export covered usage and
/// unused commitment bill nothing (their cost is effective cost only) and a commitment purchase has
/// no effective cost; the pay-as-you-go equivalent is `PayGPrice × Quantity`. Exports are files per
/// month without a partition column, so `--from`/`--to` filter on `Date` only.
extension SourceMapping {
    /// - Parameter amortized: whether the table holds the amortized-cost export.
    static func azure(amortized: Bool) -> SourceMapping {
        @Sendable func charge(_ d: SQLDialect) -> String { "COALESCE(\(d.column("ChargeType")), 'Usage')" }
        @Sendable func pricing(_ d: SQLDialect) -> String { "COALESCE(\(d.column("PricingModel")), 'OnDemand')" }
        @Sendable func committedPricing(_ d: SQLDialect) -> String { "\(pricing(d)) IN ('Reservation', 'SavingsPlan', 'Savings Plan')" }
        @Sendable func committedUsage(_ d: SQLDialect) -> String { "(\(charge(d)) = 'Usage' AND \(committedPricing(d)))" }
        @Sendable func unused(_ d: SQLDialect) -> String { "\(charge(d)) IN ('UnusedReservation', 'UnusedSavingsPlan')" }
        @Sendable func purchase(_ d: SQLDialect) -> String { "(\(charge(d)) = 'Purchase' AND \(committedPricing(d)))" }
        @Sendable func cost(_ d: SQLDialect) -> String { money(d, "CostInBillingCurrency") }
        @Sendable func billed(_ d: SQLDialect) -> String {
            amortized ? "CASE WHEN \(committedUsage(d)) OR \(unused(d)) THEN 0 ELSE \(cost(d)) END" : cost(d)
        }
        @Sendable func effective(_ d: SQLDialect) -> String { amortized ? "CASE WHEN \(purchase(d)) THEN 0 ELSE \(cost(d)) END" : cost(d) }
        @Sendable func list(_ d: SQLDialect) -> String {
            "CASE WHEN COALESCE(\(d.column("PayGPrice")), 0) > 0 AND \(d.column("Quantity")) IS NOT NULL "
                + "THEN \(d.money("\(d.column("PayGPrice")) * \(d.column("Quantity"))")) "
                + "ELSE GREATEST(\(billed(d)), \(effective(d))) END"
        }
        @Sendable func commitmentType(_ d: SQLDialect) -> String {
            "CASE WHEN \(charge(d)) = 'UnusedReservation' THEN 'Reservation' WHEN \(charge(d)) = 'UnusedSavingsPlan' THEN 'Savings plan' "
                + "WHEN \(pricing(d)) = 'Reservation' THEN 'Reservation' WHEN \(pricing(d)) IN ('SavingsPlan', 'Savings Plan') "
                + "THEN 'Savings plan' END"
        }
        let columns: [RollupColumn: Expression] = [
            .chargePeriodStart: { $0.parseDay($0.column("Date")) },
            .billingCurrency: { orElse($0, "BillingCurrencyCode", "'USD'") },
            .serviceProviderName: { _ in "'Microsoft Azure'" },
            .billingAccountId: { $0.column("BillingAccountId") },
            .billingAccountName: { $0.column("BillingAccountName") },
            .subAccountId: { $0.column("SubscriptionId") },
            .subAccountName: { $0.column("SubscriptionName") },
            .serviceName: { $0.column("MeterCategory") },
            .usageType: { d in
                "CASE WHEN COALESCE(\(d.column("MeterSubCategory")), '') = '' THEN \(d.column("MeterName")) "
                    + "WHEN COALESCE(\(d.column("MeterName")), '') = '' THEN \(d.column("MeterSubCategory")) "
                    + "ELSE concat(\(d.column("MeterSubCategory")), ': ', \(d.column("MeterName"))) END"
            },
            .regionId: { d in
                "COALESCE(NULLIF(lower(replace(\(d.column("ResourceLocation")), ' ', '')), ''), \(d.column("MeterRegion")))"
            },
            .resourceId: { $0.column("ResourceId") },
            .chargeCategory: { d in
                "CASE WHEN \(charge(d)) IN ('Usage', 'UnusedReservation', 'UnusedSavingsPlan') THEN 'Usage' "
                    + "WHEN \(charge(d)) = 'Purchase' THEN 'Purchase' WHEN \(charge(d)) = 'Refund' THEN 'Credit' "
                    + "WHEN \(charge(d)) = 'Tax' THEN 'Tax' ELSE 'Adjustment' END"
            },
            .pricingCategory: { d in
                "CASE WHEN \(charge(d)) <> 'Usage' THEN NULL WHEN \(pricing(d)) = 'Spot' THEN 'Dynamic' "
                    + "WHEN \(committedPricing(d)) THEN 'Committed' ELSE 'Standard' END"
            },
            .commitmentDiscountId: { d in
                "CASE WHEN (\(commitmentType(d))) IS NOT NULL THEN COALESCE(NULLIF(\(d.column("BenefitId")), ''), "
                    + "\(d.column("ReservationId"))) END"
            },
            .commitmentDiscountType: commitmentType,
            .commitmentDiscountName: { d in
                "CASE WHEN (\(commitmentType(d))) IS NOT NULL THEN COALESCE(NULLIF(\(d.column("BenefitName")), ''), "
                    + "\(d.column("ReservationName"))) END"
            },
            .commitmentDiscountStatus: { d in "CASE WHEN \(committedUsage(d)) THEN 'Used' WHEN \(unused(d)) THEN 'Unused' END" },
            .tags: { d in
                // Azure writes Tags as a JSON object, in older exports without its braces.
                "CASE WHEN \(d.column("Tags")) IS NULL OR \(d.column("Tags")) = '' THEN NULL "
                    + "WHEN substr(\(d.column("Tags")), 1, 1) = '{' THEN \(d.column("Tags")) ELSE concat('{', \(d.column("Tags")), '}') END"
            },
            .billedCost: billed,
            .effectiveCost: effective,
            .listCost: list,
            .consumedQuantity: { "COALESCE(\($0.quantity($0.column("Quantity"))), 0)" },
            .commitmentUsed: { d in "CASE WHEN \(committedUsage(d)) THEN \(effective(d)) ELSE 0 END" },
            .commitmentTotal: { d in "CASE WHEN \(committedUsage(d)) OR \(unused(d)) THEN \(effective(d)) ELSE 0 END" },
            .coveredOnDemandCost: { d in "CASE WHEN \(committedUsage(d)) THEN \(list(d)) ELSE 0 END" },
        ]
        return SourceMapping(
            defaultTable: amortized ? "azure_amortized_cost" : "azure_actual_cost",
            parts: [Part(columns: columns, condition: nil)],
            partitions: { _, _, _ in [] },
            notes: ["Azure Cost Management export (\(amortized ? "amortized" : "actual") cost; --azure-cost picks which), "
                    + "EA or MCA columns CostInBillingCurrency and BillingCurrencyCode (an older EA file's Cost and "
                    + "BillingCurrency: add them in a view).",
                    "Dates (MM/DD/YYYY or YYYY-MM-DD) are read from Date; ChargeType and PricingModel compared as Azure spells them."])
    }
}
