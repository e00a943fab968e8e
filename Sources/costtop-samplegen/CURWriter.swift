/// Writes line items as an AWS legacy Cost and Usage Report: one CSV (gzip by default) per
/// billing period inside an assembly folder, plus the period's manifest when asked to.
final class CURWriter: LineItemSink {
    /// The header row, in legacy `category/Name` form.
    static let columns = [
        "identity/LineItemId", "identity/TimeInterval", "bill/PayerAccountId", "bill/BillingPeriodStartDate",
        "bill/BillingPeriodEndDate", "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate",
        "lineItem/UsageEndDate", "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation",
        "lineItem/AvailabilityZone", "lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/CurrencyCode",
        "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedCost", "lineItem/LineItemDescription",
        "product/ProductName", "product/region", "product/regionCode", "pricing/publicOnDemandCost", "pricing/term",
        "reservation/ReservationARN", "reservation/EffectiveCost", "reservation/AmortizedUpfrontFeeForBillingPeriod",
        "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod", "reservation/UnusedRecurringFee",
        "reservation/TotalReservedUnits", "reservation/UnusedQuantity", "savingsPlan/SavingsPlanARN",
        "savingsPlan/SavingsPlanEffectiveCost", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
        "resourceTags/user:team", "resourceTags/user:env", "resourceTags/user:app",
    ]

    private let plan: BillPlan
    private let layout: OutputLayout
    private let variant: UInt64
    private let writesManifest: Bool
    private var output: OutputBuffer?
    private var period: BillingPeriod?
    private var assembly = ""
    private var periodStart = Timestamp()
    private var periodEnd = Timestamp()
    private var lineStart = Timestamp()
    private var lineEnd = Timestamp()
    private let typeNames: [[UInt8]] = LineItemType.allCases.map { Array($0.curName.utf8) }
    private var rowInFile: UInt64 = 0
    /// Line items written, over all periods.
    private(set) var rows = 0
    /// Data bytes written (before compression), over all periods.
    private(set) var bytes: Int64 = 0
    /// Keys of the data files written.
    private(set) var files: [String] = []

    /// - Parameters:
    ///   - variant: 0 for the current assemblies; another value writes an older assembly (with its
    ///     own assembly id and line item ids) that no manifest names.
    ///   - writesManifest: whether each period's manifest is written (pointing at this assembly).
    init(plan: BillPlan, layout: OutputLayout, variant: UInt64 = 0, writesManifest: Bool = true) {
        self.plan = plan
        self.layout = layout
        self.variant = variant
        self.writesManifest = writesManifest
    }

    func beginPeriod(_ period: BillingPeriod) throws {
        self.period = period
        assembly = OutputLayout.assemblyId(seed: plan.seed, period: period.index, variant: variant)
        let key = layout.dataKey(period, assembly: assembly)
        try layout.prepare(key)
        let buffer = OutputBuffer(sink: try openSink(path: layout.path(key), gzip: layout.gzip), text: plan.text)
        buffer.rawLine(CSV.line(CURWriter.columns))
        output = buffer
        files.append(key)
        periodStart.set(hour: period.startHour)
        periodEnd.set(hour: period.endHour)
        rowInFile = 0
    }

    func endPeriod() throws {
        guard let output, let period else { return }
        try output.close()
        bytes += output.totalBytes
        self.output = nil
        if writesManifest {
            try ManifestWriter.write(layout: layout, period: period, assembly: assembly, seed: plan.seed,
                                     columns: CURWriter.columns)
        }
    }

    func write(_ item: LineItem) throws {
        guard let out = output else { return }
        try out.beginRow()
        let line = plan.profiles[Int(item.profile)]
        lineStart.set(hour: item.startHour)
        lineEnd.set(hour: item.endHour)
        let type = item.type
        let isFee = type == .savingsPlanRecurringFee || type == .riFee || type == .tax || type == .credit
        let commitment = item.commitment >= 0 ? plan.commitments[Int(item.commitment)] : nil
        let seed = plan.seed
        let variant = variant
        let row = UInt64(period?.index ?? 0) << 40 | rowInFile
        rowInFile += 1
        rows += 1

        out.generate(Identifiers.lineItemIdLength) {
            Identifiers.writeLineItemId(seed: seed, variant: variant, row: row, into: $0)
        }
        out.comma()
        lineStart.write(to: out)
        out.byte(UInt8(ascii: "/"))
        lineEnd.write(to: out)
        out.comma()
        out.text(plan.payerId); out.comma()
        periodStart.write(to: out); out.comma()
        periodEnd.write(to: out); out.comma()
        out.text(line.accountId); out.comma()
        typeNames[Int(type.rawValue)].withUnsafeBufferPointer { out.raw($0) }; out.comma()
        lineStart.write(to: out); out.comma()
        lineEnd.write(to: out); out.comma()
        out.text(line.productCode); out.comma()
        out.text(line.usageType); out.comma()
        out.text(line.operation); out.comma()
        out.text(line.availabilityZone); out.comma()
        out.text(line.resourceId); out.comma()
        out.amount(item.usageAmount); out.comma()
        out.usd(); out.comma()
        out.optionalAmount(item.rate, item.hasRate); out.comma()
        out.amount(item.unblended); out.comma()
        out.amount(item.unblended); out.comma()
        out.text(type == .savingsPlanNegation || type == .discountedUsage ? line.alternateDescription : line.description); out.comma()
        out.text(line.productName); out.comma()
        out.text(line.regionCode); out.comma()
        out.text(line.regionCode); out.comma()
        out.amount(isFee ? .zero : item.publicCost); out.comma()
        out.term(type, spot: line.isSpot); out.comma()
        let reserved = type == .discountedUsage || type == .riFee
        if reserved, let commitment { out.text(commitment.arn) }
        out.comma()
        out.optionalAmount(item.commitmentEffective, type == .discountedUsage); out.comma()
        out.optionalAmount(item.amortizedUpfront, type == .riFee); out.comma()
        out.optionalAmount(item.unusedAmortizedUpfront, type == .riFee); out.comma()
        out.optionalAmount(item.unusedRecurring, type == .riFee); out.comma()
        out.optionalAmount(item.totalReservedUnits, type == .riFee); out.comma()
        out.optionalAmount(item.unusedQuantity, type == .riFee); out.comma()
        let saved = type == .savingsPlanCoveredUsage || type == .savingsPlanNegation || type == .savingsPlanRecurringFee
        if saved, let commitment { out.text(commitment.arn) }
        out.comma()
        out.optionalAmount(item.commitmentEffective, type == .savingsPlanCoveredUsage); out.comma()
        out.optionalAmount(item.totalCommitment, type == .savingsPlanRecurringFee); out.comma()
        out.optionalAmount(item.usedCommitment, type == .savingsPlanRecurringFee); out.comma()
        out.text(line.team); out.comma()
        out.text(line.env); out.comma()
        out.text(line.app)
        out.newline()
    }
}

private let usdBytes: [UInt8] = Array("USD".utf8)
private let onDemandBytes: [UInt8] = Array("OnDemand".utf8)
private let reservedBytes: [UInt8] = Array("Reserved".utf8)
private let spotBytes: [UInt8] = Array("Spot".utf8)

extension OutputBuffer {
    /// The currency code every line carries.
    @inline(__always)
    func usd() { usdBytes.withUnsafeBufferPointer { raw($0) } }

    /// pricing/term: OnDemand for on-demand and Savings-Plan-covered usage, Reserved for
    /// reservation lines, Spot for Spot usage, empty for fees, negations, taxes and credits.
    @inline(__always)
    func term(_ type: LineItemType, spot: Bool) {
        switch type {
        case .usage: (spot ? spotBytes : onDemandBytes).withUnsafeBufferPointer { raw($0) }
        case .savingsPlanCoveredUsage: onDemandBytes.withUnsafeBufferPointer { raw($0) }
        case .discountedUsage, .riFee: reservedBytes.withUnsafeBufferPointer { raw($0) }
        default: break
        }
    }

    /// A whole preformatted line (the header).
    func rawLine(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { raw($0) }
    }
}
