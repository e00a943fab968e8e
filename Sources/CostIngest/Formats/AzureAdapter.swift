import CostModel

/// Normalizes Azure Cost Management exports: Enterprise Agreement (EA) and Microsoft Customer
/// Agreement (MCA) column sets, actual and amortized cost, from CSV or Parquet (docs/formats/azure.md).
///
/// Costs are in the billing currency (`CostInBillingCurrency`, or `Cost` in older EA files), which
/// is what the invoice adds up; MCA's pricing-currency columns are not added to them.
///
/// Actual cost: billed = effective = the row's cost (reservation and savings plan purchases are
/// charged when bought; covered usage costs 0). Amortized cost: effective = the row's cost (the
/// commitment spread over the usage it covered, plus `UnusedReservation`/`UnusedSavingsPlan` rows);
/// billed is 0 for those rows, which the invoice does not charge again, and a commitment purchase
/// keeps its billed cost with an effective cost of 0, since its cost is already spread.
final class AzureAdapter: ExportAdapter {
    /// Which kind of cost the export holds (decided from its file name, `ExportFormat.detect`).
    enum Kind: Sendable { case actual, amortized }

    private let kind: Kind
    private let date: Int
    private let cost: Int
    private let currency: Int?
    private let billingAccount: Int?
    private let billingAccountName: Int?
    private let subscription: Int?
    private let subscriptionName: Int?
    private let meterCategory: Int?
    private let meterSubCategory: Int?
    private let meterName: Int?
    private let resourceLocation: Int?
    private let meterRegion: Int?
    private let resource: Int?
    private let quantity: Int?
    private let paygCost: Int?
    private let paygPrice: Int?
    private let exchangeRate: Int?
    private let chargeType: Int?
    private let pricingModel: Int?
    private let benefitId: Int?
    private let benefitName: Int?
    private let reservationId: Int?
    private let reservationName: Int?
    private let tags: Int?
    let defaultedColumns: [String]

    init(header: HeaderIndex, kind: Kind) throws(RowProblem) {
        self.kind = kind
        var columns = ColumnLookup(header)
        func first(_ names: [String]) -> Int? { names.lazy.compactMap { header[$0] }.first }
        guard let date = first(["Date", "UsageDate"]) else {
            throw RowProblem(column: nil, value: "Date", reason: "missing required column Date")
        }
        guard let cost = first(["CostInBillingCurrency", "Cost", "PreTaxCost"]) else {
            throw RowProblem(column: nil, value: "CostInBillingCurrency", reason: "missing required column CostInBillingCurrency (or Cost)")
        }
        self.date = date
        self.cost = cost
        currency = first(["BillingCurrencyCode", "BillingCurrency", "Currency"])
        if currency == nil { columns.noteDefault("BillingCurrencyCode (USD)") }
        billingAccount = columns.optional("BillingAccountId", default: "no billing account")
        billingAccountName = columns.optional("BillingAccountName")
        subscription = first(["SubscriptionId", "SubscriptionGuid"])
        if subscription == nil { columns.noteDefault("SubscriptionId (no account)") }
        subscriptionName = columns.optional("SubscriptionName")
        meterCategory = columns.optional("MeterCategory", default: "no service")
        meterSubCategory = columns.optional("MeterSubCategory")
        meterName = columns.optional("MeterName")
        resourceLocation = first(["ResourceLocation", "ResourceLocationNormalized"])
        meterRegion = columns.optional("MeterRegion")
        resource = first(["ResourceId", "InstanceId"])
        quantity = columns.optional("Quantity", default: "usage quantity 0")
        paygCost = columns.optional("PaygCostInBillingCurrency")
        paygPrice = columns.optional("PayGPrice")
        exchangeRate = columns.optional("ExchangeRatePricingToBilling")
        chargeType = columns.optional("ChargeType", default: "Usage")
        pricingModel = columns.optional("PricingModel", default: "OnDemand")
        benefitId = columns.optional("BenefitId")
        benefitName = columns.optional("BenefitName")
        reservationId = columns.optional("ReservationId")
        reservationName = columns.optional("ReservationName")
        tags = columns.optional("Tags", default: "no tags")
        defaultedColumns = columns.defaulted
    }

    let nullTokensAreMissing = false

    @_specialize(where Record == CSVReader)
    func read<Record: RecordSource>(_ record: Record, into builder: RollupBuilder) throws(RowProblem) {
        let fields = FieldAccess(record: record)
        builder.setDay(try fields.day(date))
        builder.set(.provider, "Microsoft Azure")
        builder.set(.billingAccount, fields.bytes(billingAccount))
        builder.setLabel(.billingAccount, fields.bytes(billingAccountName))
        builder.set(.account, fields.bytes(subscription))
        builder.setLabel(.account, fields.bytes(subscriptionName))
        builder.set(.service, fields.bytes(meterCategory))
        setUsageType(fields, builder)
        setRegion(fields, builder)
        builder.set(.resource, fields.bytes(resource))
        builder.setCurrency(fields.bytes(currency))

        let charge = AzureCharge(chargeType: fields.bytes(chargeType), pricingModel: fields.bytes(pricingModel))
        builder.set(.chargeCategory, charge.chargeCategory)
        if let pricing = charge.pricingCategory { builder.set(.pricingCategory, pricing) }
        if let commitmentType = charge.commitmentType {
            builder.set(.commitment, fields.bytes(benefitId, orElse: reservationId))
            builder.setLabel(.commitment, fields.bytes(benefitName, orElse: reservationName))
            builder.set(.commitmentType, commitmentType)
            if let status = charge.commitmentStatus { builder.set(.commitmentStatus, status) }
        }

        let rowCost = try fields.money(cost)
        var billed = rowCost
        var effective = rowCost
        if kind == .amortized {
            if charge.isCommittedUsage || charge.isUnusedCommitment { billed = 0 }
            if charge.isCommitmentPurchase { effective = 0 }
        }
        let list = try listCost(fields, billed: billed, effective: effective)
        var used: Int64 = 0
        var total: Int64 = 0
        if charge.isCommittedUsage {
            used = effective
            total = effective
        } else if charge.isUnusedCommitment {
            total = effective
        }
        builder.measures[Measure.billed.columnIndex] = billed
        builder.measures[Measure.effective.columnIndex] = effective
        builder.measures[Measure.list.columnIndex] = list
        builder.measures[Measure.usageQuantity.columnIndex] = try fields.quantity(quantity)
        builder.measures[Measure.commitmentUsed.columnIndex] = used
        builder.measures[Measure.commitmentTotal.columnIndex] = total
        builder.measures[Measure.coveredOnDemand.columnIndex] = charge.isCommittedUsage ? list : 0
        try fields.entries(tags) { key, value in builder.addTag(key: key, value: value) }
    }

    /// The pay-as-you-go equivalent: `PaygCostInBillingCurrency` (MCA), else `PayGPrice` × `Quantity`
    /// (× the pricing-to-billing exchange rate when given), else the larger of billed and effective.
    private func listCost<Record: RecordSource>(_ fields: FieldAccess<Record>, billed: Int64,
                                                effective: Int64) throws(RowProblem) -> Int64 {
        if !fields.isMissing(paygCost) { return try fields.money(paygCost) }
        let fallback = max(billed, effective)
        guard !fields.isMissing(paygPrice), !fields.isMissing(quantity) else { return fallback }
        let price = try fields.money(paygPrice)
        guard price > 0, let quantity else { return fallback }
        let amount = try fields.fixedPoint(quantity, scaleDigits: 9, invalid: "invalid quantity")
        var product = Int128(price) * Int128(amount) / 1_000_000_000
        if !fields.isMissing(exchangeRate) {
            product = product * Int128(try fields.money(exchangeRate)) / 1_000_000_000
        }
        guard product >= Int128(Int64.min), product <= Int128(Int64.max) else { return fallback }
        return Int64(product)
    }

    /// `MeterSubCategory: MeterName` (`BS Series: B1s`), or whichever of them the row has.
    private func setUsageType<Record: RecordSource>(_ fields: FieldAccess<Record>, _ builder: RollupBuilder) {
        let sub = fields.bytes(meterSubCategory)
        let name = fields.bytes(meterName)
        if sub.isEmpty || name.isEmpty {
            builder.set(.usageType, sub.isEmpty ? name : sub)
            return
        }
        var joined = [UInt8](sub)
        joined.append(contentsOf: ": ".utf8)
        joined.append(contentsOf: name)
        joined.withUnsafeBytes { builder.set(.usageType, $0) }
    }

    /// The resource's region as Azure's region id: `ResourceLocation` lowercased without spaces
    /// (`EastUS2` and `East US 2` are both `eastus2`), else `MeterRegion` as written.
    private func setRegion<Record: RecordSource>(_ fields: FieldAccess<Record>, _ builder: RollupBuilder) {
        let location = fields.bytes(resourceLocation)
        guard !location.isEmpty else { builder.set(.region, fields.bytes(meterRegion)); return }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(location.count)
        for byte in location where byte != 0x20 {
            normalized.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        normalized.withUnsafeBytes { builder.set(.region, $0) }
    }
}
