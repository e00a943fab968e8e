/// Writes the same line items as a FOCUS 1.0 export, one CSV (gzip by default) per month.
///
/// The conversion follows AWS's own FOCUS export: Savings Plan negations are folded into the
/// covered usage (whose BilledCost becomes 0), commitment fees become a Purchase row whose
/// EffectiveCost is 0 plus, when part of the commitment went unused, a Usage row with status
/// Unused that carries the unused amount as EffectiveCost. Per service, FOCUS BilledCost and
/// EffectiveCost therefore sum to the CUR's unblended and amortized cost.
final class FOCUSWriter: LineItemSink {
    /// The header row.
    static let columns = [
        "BillingAccountId", "BillingAccountName", "SubAccountId", "SubAccountName", "ProviderName", "ServiceName",
        "ServiceCategory", "SkuId", "ChargeDescription", "RegionId", "RegionName", "ResourceId", "ChargePeriodStart",
        "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd", "BilledCost", "EffectiveCost", "ListCost",
        "ContractedCost", "BillingCurrency", "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit",
        "ChargeCategory", "ChargeClass", "ChargeFrequency", "PricingCategory", "CommitmentDiscountId",
        "CommitmentDiscountType", "CommitmentDiscountStatus", "CommitmentDiscountName", "Tags", "x_UsageType",
    ]

    /// What one FOCUS row says, beyond the line item's own text.
    private struct Row {
        var category: Constant
        var frequency: Constant
        var pricing: Constant
        var status: Constant = .empty
        var billed: Amount
        var effective: Amount
        var list: Amount
        var contracted: Amount
        /// Consumed and pricing quantity; nil leaves both (and their units) empty.
        var quantity: Amount?
        var useAlternateDescription = false
    }

    /// The fixed words FOCUS rows are made of.
    private enum Constant: Int, CaseIterable {
        case empty, usage, purchase, tax, credit, usageBased, recurring, oneTime
        case standard, committed, dynamic, used, unused, savingsPlan, reservation, aws, usd

        var text: String {
            switch self {
            case .empty: return ""
            case .usage: return "Usage"
            case .purchase: return "Purchase"
            case .tax: return "Tax"
            case .credit: return "Credit"
            case .usageBased: return "Usage-Based"
            case .recurring: return "Recurring"
            case .oneTime: return "One-Time"
            case .standard: return "Standard"
            case .committed: return "Committed"
            case .dynamic: return "Dynamic"
            case .used: return "Used"
            case .unused: return "Unused"
            case .savingsPlan: return "Savings Plan"
            case .reservation: return "Reservation"
            case .aws: return "AWS"
            case .usd: return "USD"
            }
        }
    }

    private let plan: BillPlan
    private let layout: OutputLayout
    private let constants: [[UInt8]] = Constant.allCases.map { Array($0.text.utf8) }
    private var output: OutputBuffer?
    private var periodStart = Timestamp()
    private var periodEnd = Timestamp()
    private var lineStart = Timestamp()
    private var lineEnd = Timestamp()
    /// Rows written, over all periods.
    private(set) var rows = 0
    private(set) var files: [String] = []

    /// A writer of `plan`'s FOCUS files into `layout`.
    init(plan: BillPlan, layout: OutputLayout) {
        self.plan = plan
        self.layout = layout
    }

    func beginPeriod(_ period: BillingPeriod) throws {
        let key = layout.focusKey(period)
        try layout.prepare(key)
        let buffer = OutputBuffer(sink: try openSink(path: layout.path(key), gzip: layout.gzip), text: plan.text)
        buffer.rawLine(CSV.line(FOCUSWriter.columns))
        output = buffer
        files.append(key)
        periodStart.set(hour: period.startHour)
        periodEnd.set(hour: period.endHour)
    }

    func endPeriod() throws {
        try output?.close()
        output = nil
    }

    func write(_ item: LineItem) throws {
        switch item.type {
        case .usage:
            try emit(item, Row(category: .usage, frequency: .usageBased,
                               pricing: plan.profiles[Int(item.profile)].isSpot ? .dynamic : .standard,
                               billed: item.unblended, effective: item.unblended, list: item.publicCost,
                               contracted: item.unblended, quantity: item.usageAmount))
        case .savingsPlanCoveredUsage, .discountedUsage:
            try emit(item, Row(category: .usage, frequency: .usageBased, pricing: .committed, status: .used,
                               billed: .zero, effective: item.commitmentEffective, list: item.publicCost,
                               contracted: item.publicCost, quantity: item.usageAmount,
                               useAlternateDescription: item.type == .discountedUsage))
        case .savingsPlanNegation:
            // Folded into the covered usage row, whose BilledCost is already 0.
            break
        case .savingsPlanRecurringFee, .riFee:
            try emit(item, Row(category: .purchase, frequency: .recurring, pricing: .standard,
                               billed: item.unblended, effective: .zero, list: item.unblended,
                               contracted: item.unblended, quantity: item.usageAmount))
            let unused = item.amortized
            if unused.raw != 0 {
                let quantity = item.type == .riFee ? item.unusedQuantity : nil
                try emit(item, Row(category: .usage, frequency: .usageBased, pricing: .committed, status: .unused,
                                   billed: .zero, effective: unused, list: .zero, contracted: .zero, quantity: quantity))
            }
        case .tax:
            try emit(item, Row(category: .tax, frequency: .recurring, pricing: .empty,
                               billed: item.unblended, effective: item.unblended, list: item.unblended,
                               contracted: item.unblended, quantity: nil))
        case .credit:
            try emit(item, Row(category: .credit, frequency: .oneTime, pricing: .empty,
                               billed: item.unblended, effective: item.unblended, list: item.unblended,
                               contracted: item.unblended, quantity: nil))
        }
    }

    /// Formats one FOCUS row from the line's profile and the row's figures.
    private func emit(_ item: LineItem, _ row: Row) throws {
        guard let out = output else { return }
        try out.beginRow()
        let line = plan.profiles[Int(item.profile)]
        let commitment = item.commitment >= 0 ? plan.commitments[Int(item.commitment)] : nil
        lineStart.set(hour: item.startHour)
        lineEnd.set(hour: item.endHour)
        rows += 1

        out.text(plan.payerId); out.comma()
        out.text(plan.payerName); out.comma()
        out.text(line.accountId); out.comma()
        out.text(line.accountName); out.comma()
        constant(.aws, out); out.comma()
        out.text(line.productName); out.comma()
        out.text(line.serviceCategory); out.comma()
        out.text(line.skuId); out.comma()
        out.text(row.useAlternateDescription ? line.alternateDescription : line.description); out.comma()
        out.text(line.regionCode); out.comma()
        out.text(line.regionName); out.comma()
        out.text(line.resourceId); out.comma()
        lineStart.write(to: out); out.comma()
        lineEnd.write(to: out); out.comma()
        periodStart.write(to: out); out.comma()
        periodEnd.write(to: out); out.comma()
        out.amount(row.billed); out.comma()
        out.amount(row.effective); out.comma()
        out.amount(row.list); out.comma()
        out.amount(row.contracted); out.comma()
        constant(.usd, out); out.comma()
        if let quantity = row.quantity {
            out.amount(quantity); out.comma()
            out.text(line.unit); out.comma()
            out.amount(quantity); out.comma()
            out.text(line.unit); out.comma()
        } else {
            out.comma(); out.comma(); out.comma(); out.comma()
        }
        constant(row.category, out); out.comma()
        out.comma()  // ChargeClass: only corrections set it
        constant(row.frequency, out); out.comma()
        constant(row.pricing, out); out.comma()
        if let commitment {
            out.text(commitment.arn); out.comma()
            constant(commitment.isSavingsPlan ? .savingsPlan : .reservation, out); out.comma()
            constant(row.status, out); out.comma()
            out.text(commitment.name); out.comma()
        } else {
            out.comma(); out.comma(); out.comma(); out.comma()
        }
        out.text(line.tagsJSON); out.comma()
        out.text(line.usageType)
        out.newline()
    }

    /// Appends one of the fixed words.
    @inline(__always)
    private func constant(_ value: Constant, _ out: OutputBuffer) {
        constants[value.rawValue].withUnsafeBufferPointer { out.raw($0) }
    }
}
