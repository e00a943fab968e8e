import CostModel

/// Normalizes FinOps FOCUS 1.0–1.2 rows.
///
/// Usage type: `x_UsageType` when the provider writes it (AWS does), else `SkuId`, else
/// `ChargeDescription`. Literal `NULL`/`null` values are missing values. Commitment measures:
/// a row with `CommitmentDiscountStatus` Used adds its EffectiveCost to used and total commitment,
/// Unused adds it to the total only; usage priced `Committed` adds its ListCost to covered on-demand cost.
/// `CommitmentDiscountName` is the commitment's display name, as account names are for accounts.
///
/// costtop's own daily roll-ups (docs/rollup.md) carry the measures FOCUS has no column for as `x_`
/// columns: `x_CommitmentUsed`, `x_CommitmentTotal` and `x_CoveredOnDemandCost` replace the values
/// derived above when present and not null (an AWS Savings Plan fee row has no status, yet holds the
/// commitment's total and used amounts), and `x_LineItems` is how many raw line items a row stands for.
final class FOCUSAdapter: ExportAdapter {
    /// The column that marks a file as a costtop roll-up (`ExportFormat.focusRollup`).
    static let rollupMarker = "x_LineItems"

    private let start: Int
    private let billed: Int
    private let effective: Int?
    private let list: Int?
    private let currency: Int?
    private let provider: Int?
    private let billingAccount: Int?
    private let billingAccountName: Int?
    private let subAccount: Int?
    private let subAccountName: Int?
    private let service: Int?
    private let usageTypeColumns: [Int]
    private let region: Int?
    private let regionName: Int?
    private let resource: Int?
    private let chargeCategory: Int?
    private let pricingCategory: Int?
    private let commitmentId: Int?
    private let commitmentType: Int?
    private let commitmentStatus: Int?
    private let commitmentName: Int?
    private let quantity: Int?
    private let tags: Int?
    private let rollupUsed: Int?
    private let rollupTotal: Int?
    private let rollupCovered: Int?
    private let rollupLineItems: Int?
    let defaultedColumns: [String]
    /// The columns every dimension, label and tag comes from (`RowMemo`).
    let rowMemoColumns: [Int]?

    init(header: HeaderIndex) throws(RowProblem) {
        var columns = ColumnLookup(header)
        start = try columns.required("ChargePeriodStart")
        billed = try columns.required("BilledCost")
        effective = columns.optional("EffectiveCost", default: "effective cost = billed cost")
        list = columns.optional("ListCost", default: "list cost = the larger of billed and effective cost")
        currency = columns.optional("BillingCurrency", default: "USD")
        provider = header["ServiceProviderName"] ?? columns.optional("ProviderName", default: "no provider")
        billingAccount = columns.optional("BillingAccountId", default: "no billing account")
        billingAccountName = columns.optional("BillingAccountName")
        subAccount = columns.optional("SubAccountId", default: "no account")
        subAccountName = columns.optional("SubAccountName")
        service = columns.optional("ServiceName", default: "no service")
        usageTypeColumns = ["x_UsageType", "SkuId", "ChargeDescription"].compactMap { header[$0] }
        region = columns.optional("RegionId", default: header["RegionName"] == nil ? "no region" : nil)
        regionName = columns.optional("RegionName")
        resource = columns.optional("ResourceId")
        chargeCategory = columns.optional("ChargeCategory", default: "no charge category")
        pricingCategory = columns.optional("PricingCategory")
        commitmentId = columns.optional("CommitmentDiscountId")
        commitmentType = columns.optional("CommitmentDiscountType")
        commitmentStatus = columns.optional("CommitmentDiscountStatus")
        commitmentName = columns.optional("CommitmentDiscountName")
        quantity = columns.optional("ConsumedQuantity", default: "usage quantity 0")
        tags = columns.optional("Tags", default: "no tags")
        rollupUsed = header["x_CommitmentUsed"]
        rollupTotal = header["x_CommitmentTotal"]
        rollupCovered = header["x_CoveredOnDemandCost"]
        rollupLineItems = header[FOCUSAdapter.rollupMarker]
        defaultedColumns = columns.defaulted
        let dimensionSources: [Int?] = [provider, billingAccount, billingAccountName, subAccount, subAccountName, service,
                                        region, regionName, resource, currency, chargeCategory, pricingCategory,
                                        commitmentId, commitmentName, commitmentType, commitmentStatus, tags]
        rowMemoColumns = dimensionSources.compactMap { $0 } + usageTypeColumns
    }

    /// FOCUS CSV files write nulls as `NULL`.
    let nullTokensAreMissing = true

    @_specialize(where Record == CSVReader)
    func read<Record: RecordSource>(_ record: Record, into builder: RollupBuilder) throws(RowProblem) {
        let fields = FieldAccess(record: record)
        builder.setDay(try fields.day(start))
        // A row the memo knows (`RowMemo`) has these dimensions already: only the measures are read.
        let dimensionsKnown = builder.dimensionsKnown
        if !dimensionsKnown {
            let providerBytes = fields.bytes(provider)
            builder.set(.provider, providerBytes)
            builder.set(.billingAccount, fields.bytes(billingAccount))
            builder.setLabel(.billingAccount, fields.bytes(billingAccountName))
            builder.set(.account, fields.bytes(subAccount))
            builder.setLabel(.account, fields.bytes(subAccountName))
            builder.set(.service, fields.bytes(service))
            var usageType = UnsafeRawBufferPointer(start: nil, count: 0)
            for column in usageTypeColumns {
                usageType = fields.bytes(column)
                if !usageType.isEmpty { break }
            }
            builder.set(.usageType, usageType)
            builder.set(.region, fields.bytes(region, orElse: regionName))
            builder.set(.resource, fields.bytes(resource))
            builder.setCurrency(fields.bytes(currency))
            builder.set(.chargeCategory, fields.bytes(chargeCategory))
            builder.set(.pricingCategory, fields.bytes(pricingCategory))
            builder.set(.commitment, fields.bytes(commitmentId))
            builder.setLabel(.commitment, fields.bytes(commitmentName))
            builder.set(.commitmentType, fields.bytes(commitmentType))
            builder.set(.commitmentStatus, fields.bytes(commitmentStatus))
        }

        let billedCost = try fields.money(billed)
        let effectiveCost = fields.isMissing(effective) ? billedCost : try fields.money(effective)
        // Without ListCost, the larger of billed and effective cost stands in for the on-demand
        // equivalent: committed usage is billed 0, and 0 would make it count as uncovered.
        let listCost = fields.isMissing(list) ? max(billedCost, effectiveCost) : try fields.money(list)
        var used: Int64 = 0
        var total: Int64 = 0
        if fields.equals(commitmentStatus, "Used") {
            used = effectiveCost
            total = effectiveCost
        } else if fields.equals(commitmentStatus, "Unused") {
            total = effectiveCost
        }
        var covered = fields.equals(pricingCategory, "Committed") && fields.equals(chargeCategory, "Usage") ? listCost : 0
        if !fields.isMissing(rollupUsed) { used = try fields.money(rollupUsed) }
        if !fields.isMissing(rollupTotal) { total = try fields.money(rollupTotal) }
        if !fields.isMissing(rollupCovered) { covered = try fields.money(rollupCovered) }
        if !fields.isMissing(rollupLineItems) { builder.lineItemWeight = try fields.count(rollupLineItems) }
        builder.measures[Measure.billed.columnIndex] = billedCost
        builder.measures[Measure.effective.columnIndex] = effectiveCost
        builder.measures[Measure.list.columnIndex] = listCost
        builder.measures[Measure.usageQuantity.columnIndex] = try fields.quantity(quantity)
        builder.measures[Measure.commitmentUsed.columnIndex] = used
        builder.measures[Measure.commitmentTotal.columnIndex] = total
        builder.measures[Measure.coveredOnDemand.columnIndex] = covered

        if !dimensionsKnown { try fields.entries(tags) { key, value in builder.addTag(key: key, value: value) } }
    }
}
