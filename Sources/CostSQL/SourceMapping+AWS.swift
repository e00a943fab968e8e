import Foundation
/// AWS CUR as Athena sees it: the legacy report with Athena integration (`cur`: snake_case columns,
/// `year`/`month` partitions, one `resource_tags_user_<key>` column per tag key) and CUR 2.0 from
/// Data Exports (`cur2`: `billing_period` partition, `resource_tags` and `cost_category` maps).
///
/// Amortization, categories and commitment measures follow `CURAdapter` (docs/formats.md): a line
/// item's type decides its effective cost, its charge and pricing category and which commitment
/// measure it feeds.
extension SourceMapping {
    /// - Parameters:
    ///   - cur2: CUR 2.0 (Data Exports) rather than the legacy report.
    ///   - tagKeys: for the legacy report, the tag keys whose `resource_tags_user_<key>` columns to read.
    static func aws(cur2: Bool, tagKeys: [String]) -> SourceMapping {
        let type = "line_item_line_item_type"
        let planARN = "savings_plan_savings_plan_a_r_n"
        let reservationARN = "reservation_reservation_a_r_n"
        let planTypes = "'SavingsPlanCoveredUsage', 'SavingsPlanRecurringFee', 'SavingsPlanNegation', 'SavingsPlanUpfrontFee'"
        let reservationTypes = "'DiscountedUsage', 'RIFee'"
        /// `CASE WHEN <type> IN (…) THEN … ELSE … END`.
        @Sendable func byType(_ d: SQLDialect, _ cases: [(String, String)], _ otherwise: String) -> String {
            "CASE " + cases.map { "WHEN COALESCE(\(d.column(type)), '') IN (\($0.0)) THEN \($0.1)" }.joined(separator: " ")
                + " ELSE \(otherwise) END"
        }
        @Sendable func billed(_ d: SQLDialect) -> String { money(d, "line_item_unblended_cost") }
        @Sendable func list(_ d: SQLDialect) -> String {
            byType(d, [("'Tax', 'Credit', 'Refund'", billed(d))], money(d, "pricing_public_on_demand_cost"))
        }
        @Sendable func hasARN(_ d: SQLDialect, _ column: String) -> String { "COALESCE(\(d.column(column)), '') <> ''" }
        @Sendable func commitment(_ d: SQLDialect, plan: String?, reservation: String?) -> String {
            "CASE WHEN \(d.column(type)) IN (\(planTypes)) AND \(hasARN(d, planARN)) THEN \(plan ?? "NULL") "
                + "WHEN \(d.column(type)) IN (\(reservationTypes)) AND \(hasARN(d, reservationARN)) THEN \(reservation ?? "NULL") END"
        }
        @Sendable func unusedReservation(_ d: SQLDialect) -> String {
            "(\(money(d, "reservation_unused_amortized_upfront_fee_for_billing_period")) + \(money(d, "reservation_unused_recurring_fee")))"
        }
        @Sendable func reservationTotal(_ d: SQLDialect) -> String {
            "(\(billed(d)) + \(money(d, "reservation_amortized_upfront_fee_for_billing_period")))"
        }

        var columns: [RollupColumn: Expression] = [
            .chargePeriodStart: { $0.day($0.column("line_item_usage_start_date")) },
            .billingCurrency: { orElse($0, "line_item_currency_code", "'USD'") },
            .serviceProviderName: { _ in "'AWS'" },
            .billingAccountId: { $0.column("bill_payer_account_id") },
            .subAccountId: { $0.column("line_item_usage_account_id") },
            .serviceName: { $0.column("line_item_product_code") },
            .usageType: { $0.column("line_item_usage_type") },
            .regionId: { $0.column(cur2 ? "product_region_code" : "product_region") },
            .resourceId: { $0.column("line_item_resource_id") },
            .chargeCategory: { d in
                byType(d, [("'', 'Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'", "'Usage'"),
                           ("'Fee', 'RIFee', 'SavingsPlanRecurringFee', 'SavingsPlanUpfrontFee'", "'Purchase'"),
                           ("'Tax'", "'Tax'"), ("'Credit'", "'Credit'"), ("'Refund'", "'Refund'")], "'Adjustment'")
            },
            .pricingCategory: { d in
                byType(d, [("'DiscountedUsage', 'SavingsPlanCoveredUsage'", "'Committed'"),
                           ("'', 'Usage'", "CASE WHEN \(d.column("pricing_term")) = 'Spot' THEN 'Dynamic' ELSE 'Standard' END")],
                       "NULL")
            },
            .commitmentDiscountId: { d in commitment(d, plan: d.column(planARN), reservation: d.column(reservationARN)) },
            .commitmentDiscountType: { d in commitment(d, plan: "'Savings Plan'", reservation: "'Reservation'") },
            .commitmentDiscountStatus: { d in
                "CASE WHEN \(d.column(type)) IN ('SavingsPlanCoveredUsage') AND \(hasARN(d, planARN)) THEN 'Used' "
                    + "WHEN \(d.column(type)) IN ('DiscountedUsage') AND \(hasARN(d, reservationARN)) THEN 'Used' END"
            },
            .billedCost: billed,
            .effectiveCost: { d in
                byType(d, [("'SavingsPlanCoveredUsage'", money(d, "savings_plan_savings_plan_effective_cost")),
                           ("'SavingsPlanRecurringFee'",
                            "(\(money(d, "savings_plan_total_commitment_to_date")) - \(money(d, "savings_plan_used_commitment")))"),
                           ("'SavingsPlanNegation', 'SavingsPlanUpfrontFee'", "0"),
                           ("'DiscountedUsage'", money(d, "reservation_effective_cost")),
                           ("'RIFee'", unusedReservation(d))], billed(d))
            },
            .listCost: list,
            .consumedQuantity: { "COALESCE(\($0.quantity($0.column("line_item_usage_amount"))), 0)" },
            .commitmentUsed: { d in
                byType(d, [("'SavingsPlanRecurringFee'", money(d, "savings_plan_used_commitment")),
                           ("'RIFee'", "(\(reservationTotal(d)) - \(unusedReservation(d)))")], "0")
            },
            .commitmentTotal: { d in
                byType(d, [("'SavingsPlanRecurringFee'", money(d, "savings_plan_total_commitment_to_date")),
                           ("'RIFee'", reservationTotal(d))], "0")
            },
            .coveredOnDemandCost: { d in byType(d, [("'SavingsPlanCoveredUsage', 'DiscountedUsage'", list(d))], "0") },
        ]
        if cur2 {
            columns[.billingAccountName] = { $0.column("bill_payer_account_name") }
            columns[.subAccountName] = { $0.column("line_item_usage_account_name") }
            columns[.tags] = { d in
                d.tagsJSON([
                    .init(expression: d.column("resource_tags"), isEntryList: false, key: { k in
                        "CASE WHEN substr(\(k), 1, 5) = 'user_' AND length(\(k)) > 5 THEN substr(\(k), 6) ELSE \(k) END"
                    }),
                    .init(expression: d.column("cost_category"), isEntryList: false, key: { k in "concat('cost-category:', \(k))" }),
                ])
            }
        } else if !tagKeys.isEmpty {
            columns[.tags] = { d in d.jsonObject(tagKeys.map { ($0, d.column("resource_tags_user_" + $0)) }) }
        }
        return SourceMapping(
            defaultTable: cur2 ? "cur2" : "cur",
            parts: [Part(columns: columns, condition: nil)],
            partitions: { _, d, range in
                let months = SourceMapping.months(range)
                if cur2 {
                    let list = months.map { "'" + String(format: "%04d-%02d", $0.year, $0.month) + "'" }
                    return ["\(d.column("billing_period")) IN (\(list.joined(separator: ", ")))"]
                }
                // Athena's CUR partitions are text without leading zeros: year='2024', month='7'.
                let years = Dictionary(grouping: months, by: \.year).sorted { $0.key < $1.key }
                let terms = years.map { year, months in
                    "(\(d.column("year")) = '\(year)' AND \(d.column("month")) IN (\(months.map { "'\($0.month)'" }.joined(separator: ", "))))"
                }
                return [terms.count == 1 ? terms[0] : "(" + terms.joined(separator: " OR ") + ")"]
            },
            notes: cur2
                ? ["CUR 2.0 (AWS Data Exports) in Athena: partition billing_period, tags in the resource_tags map."]
                : ["Legacy CUR with Athena integration: partitions year and month; tags come from "
                   + (tagKeys.isEmpty ? "no column (give --tags KEY,... to read resource_tags_user_KEY columns)."
                                      : tagKeys.map { "resource_tags_user_" + $0 }.joined(separator: ", ") + ".")])
    }
}
