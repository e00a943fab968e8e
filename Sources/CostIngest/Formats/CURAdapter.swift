import CostModel

/// Normalizes AWS Cost and Usage Report rows: the legacy report (`lineItem/UnblendedCost`), and the
/// snake_case names of the Athena-integrated report and CUR 2.0 (`line_item_unblended_cost`).
///
/// Amortized (effective) cost follows the table in docs/formats.md: covered Savings Plan usage costs
/// its `SavingsPlanEffectiveCost`, a Savings Plan fee costs its unused part, negations and upfront
/// fees cost nothing, RI usage costs `reservation/EffectiveCost`, an RI fee costs its unused part.
// Sendable: every property is set in init and never changed; the raw tag tables are only read.
final class CURAdapter: ExportAdapter, @unchecked Sendable {
    private let start: Int
    private let usageAccount: Int
    private let productCode: Int
    private let usageType: Int
    private let unblended: Int
    private let lineItemType: Int?
    private let payer: Int?
    private let payerName: Int?
    private let usageAccountName: Int?
    private let regionCode: Int?
    private let region: Int?
    private let resource: Int?
    private let currency: Int?
    private let listCost: Int?
    private let term: Int?
    private let usageAmount: Int?
    private let planARN: Int?
    private let planEffective: Int?
    private let planTotal: Int?
    private let planUsed: Int?
    private let reservationARN: Int?
    private let reservationEffective: Int?
    private let reservationUnusedUpfront: Int?
    private let reservationUnusedRecurring: Int?
    private let reservationUpfront: Int?
    /// Tag columns: position, and where the tag key (`resourceTags/user:team` → `team`) lies in
    /// `tagKeyBytes`. Raw memory owned by the adapter (freed in `deinit`), so walking them for
    /// every line item retains and copies nothing.
    private let tagColumns: UnsafeBufferPointer<(column: Int, start: Int, count: Int)>
    private let tagKeyBytes: UnsafeRawBufferPointer
    /// CUR 2.0's `resource_tags` map column (JSON), if present.
    private let tagMap: Int?
    /// CUR 2.0's `cost_category` map column, if present.
    private let costCategoryMap: Int?
    let defaultedColumns: [String]
    /// The columns every dimension, label and tag comes from (the amounts are measures only).
    let rowMemoColumns: [Int]?

    init(header: HeaderIndex, snakeCase: Bool) throws(RowProblem) {
        func name(_ legacy: String) -> String { snakeCase ? CURAdapter.snakeName(legacy) : legacy }
        func required(_ legacy: String) throws(RowProblem) -> Int {
            guard let index = header[name(legacy)] else {
                throw RowProblem(column: nil, value: name(legacy),
                                 reason: "missing required column \(name(legacy))")
            }
            return index
        }
        var defaulted: [String] = []
        func optional(_ legacy: String, default description: String? = nil) -> Int? {
            let index = header[name(legacy)]
            if index == nil, let description { defaulted.append("\(name(legacy)) (\(description))") }
            return index
        }
        start = try required("lineItem/UsageStartDate")
        usageAccount = try required("lineItem/UsageAccountId")
        productCode = try required("lineItem/ProductCode")
        usageType = try required("lineItem/UsageType")
        unblended = try required("lineItem/UnblendedCost")
        lineItemType = optional("lineItem/LineItemType", default: "every line item is Usage")
        payer = optional("bill/PayerAccountId", default: "no billing account")
        payerName = optional("bill/PayerAccountName")
        usageAccountName = optional("lineItem/UsageAccountName")
        regionCode = optional("product/regionCode")
        region = optional("product/region", default: regionCode == nil ? "no region" : nil)
        resource = optional("lineItem/ResourceId")
        currency = optional("lineItem/CurrencyCode", default: "USD")
        listCost = optional("pricing/publicOnDemandCost", default: "list cost = unblended cost")
        term = optional("pricing/term")
        usageAmount = optional("lineItem/UsageAmount", default: "usage quantity 0")
        planARN = optional("savingsPlan/SavingsPlanARN")
        planEffective = optional("savingsPlan/SavingsPlanEffectiveCost")
        planTotal = optional("savingsPlan/TotalCommitmentToDate")
        planUsed = optional("savingsPlan/UsedCommitment")
        reservationARN = optional("reservation/ReservationARN")
        reservationEffective = optional("reservation/EffectiveCost")
        reservationUnusedUpfront = optional("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod")
        reservationUnusedRecurring = optional("reservation/UnusedRecurringFee")
        reservationUpfront = optional("reservation/AmortizedUpfrontFeeForBillingPeriod")

        var tags: [(column: Int, start: Int, count: Int)] = []
        var keyBytes: [UInt8] = []
        for (index, column) in header.names.enumerated() {
            if let key = CURAdapter.tagKey(column: column, snakeCase: snakeCase) {
                header.markUsed(index)
                tags.append((index, keyBytes.count, key.utf8.count))
                keyBytes.append(contentsOf: key.utf8)
            }
        }
        let columns = UnsafeMutableBufferPointer<(column: Int, start: Int, count: Int)>.allocate(capacity: tags.count)
        _ = columns.initialize(from: tags)
        tagColumns = UnsafeBufferPointer(columns)
        let key = UnsafeMutableRawBufferPointer.allocate(byteCount: keyBytes.count, alignment: 1)
        key.copyBytes(from: keyBytes)
        tagKeyBytes = UnsafeRawBufferPointer(key)
        tagMap = snakeCase ? header["resource_tags"] : nil
        costCategoryMap = snakeCase ? header["cost_category"] : nil
        if tags.isEmpty && tagMap == nil { defaulted.append("resourceTags/* (no tags)") }
        defaultedColumns = defaulted
        let dimensionSources: [Int?] = [usageAccount, productCode, usageType, lineItemType, payer, payerName,
                                        usageAccountName, regionCode, region, resource, currency, term, planARN,
                                        reservationARN, tagMap, costCategoryMap]
        rowMemoColumns = dimensionSources.compactMap { $0 } + tags.map(\.column)
    }

    // MARK: - Reading a row

    let nullTokensAreMissing = false

    deinit {
        tagColumns.deallocate()
        tagKeyBytes.deallocate()
    }

    @_specialize(where Record == CSVReader)
    func read<Record: RecordSource>(_ record: Record, into builder: RollupBuilder) throws(RowProblem) {
        let fields = FieldAccess(record: record)
        builder.setDay(try fields.day(start))
        // A row the memo knows (`RowMemo`) has these dimensions already: only the measures are read.
        let dimensionsKnown = builder.dimensionsKnown
        if !dimensionsKnown {
            builder.set(.provider, "AWS" as StaticString)
            builder.set(.billingAccount, fields.bytes(payer))
            builder.setLabel(.billingAccount, fields.bytes(payerName))
            builder.set(.account, fields.bytes(usageAccount))
            builder.setLabel(.account, fields.bytes(usageAccountName))
            builder.set(.service, fields.bytes(productCode))
            builder.set(.usageType, fields.bytes(usageType))
            builder.set(.region, fields.bytes(regionCode, orElse: region))
            builder.set(.resource, fields.bytes(resource))
            builder.setCurrency(fields.bytes(currency))
        }

        let type = LineItemType(fields.bytes(lineItemType))
        let billed = try fields.money(unblended)
        var effective = billed
        var list = listCost == nil ? billed : try fields.money(listCost)
        var used: Int64 = 0
        var total: Int64 = 0
        var covered: Int64 = 0
        switch type {
        case .savingsPlanCoveredUsage:
            if planEffective != nil { effective = try fields.money(planEffective) }
            covered = list
            commitment(builder, fields.bytes(planARN), type: "Savings Plan", status: "Used")
        case .savingsPlanRecurringFee:
            total = try fields.money(planTotal)
            used = try fields.money(planUsed)
            effective = total - used
            commitment(builder, fields.bytes(planARN), type: "Savings Plan", status: nil)
        case .savingsPlanNegation, .savingsPlanUpfrontFee:
            effective = 0
            commitment(builder, fields.bytes(planARN), type: "Savings Plan", status: nil)
        case .discountedUsage:
            if reservationEffective != nil { effective = try fields.money(reservationEffective) }
            covered = list
            commitment(builder, fields.bytes(reservationARN), type: "Reservation", status: "Used")
        case .riFee:
            let unused = try fields.money(reservationUnusedUpfront) + (try fields.money(reservationUnusedRecurring))
            effective = unused
            total = billed + (try fields.money(reservationUpfront))
            used = total - unused
            commitment(builder, fields.bytes(reservationARN), type: "Reservation", status: nil)
        default:
            break
        }
        if type == .tax || type == .credit || type == .refund { list = billed }
        if !dimensionsKnown {
            builder.set(.chargeCategory, type.chargeCategory)
            if let pricing = type.pricingCategory(spot: fields.equals(term, "Spot")) { builder.set(.pricingCategory, pricing) }
        }

        builder.measures[Measure.billed.columnIndex] = billed
        builder.measures[Measure.effective.columnIndex] = effective
        builder.measures[Measure.list.columnIndex] = list
        builder.measures[Measure.usageQuantity.columnIndex] = try fields.quantity(usageAmount)
        builder.measures[Measure.commitmentUsed.columnIndex] = used
        builder.measures[Measure.commitmentTotal.columnIndex] = total
        builder.measures[Measure.coveredOnDemand.columnIndex] = covered

        if dimensionsKnown { return }
        for tag in tagColumns {
            let value = fields.bytes(tag.column)
            if !value.isEmpty {
                builder.addTag(key: UnsafeRawBufferPointer(rebasing: tagKeyBytes[tag.start..<(tag.start + tag.count)]), value: value)
            }
        }
        try fields.entries(tagMap) { key, value in builder.addTag(key: CURAdapter.strippedMapKey(key), value: value) }
        try fields.entries(costCategoryMap) { key, value in
            CURAdapter.withCostCategoryKey(key) { builder.addTag(key: $0, value: value) }
        }
    }

    @inline(__always)
    private func commitment(_ builder: RollupBuilder, _ id: UnsafeRawBufferPointer, type: StaticString, status: StaticString?) {
        guard !builder.dimensionsKnown, !id.isEmpty else { return }
        builder.set(.commitment, id)
        builder.set(.commitmentType, type)
        if let status { builder.set(.commitmentStatus, status) }
    }

    // MARK: - Column names

    /// The Athena / CUR 2.0 spelling of a legacy column name: `_` before each capital, lowercase,
    /// every other non-alphanumeric character to `_`, runs of `_` collapsed.
    static func snakeName(_ legacy: String) -> String {
        var result = ""
        for scalar in legacy.unicodeScalars {
            if scalar.properties.isUppercase {
                result += "_" + String(scalar).lowercased()
            } else if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "_"
            }
        }
        var collapsed = ""
        for character in result where !(character == "_" && collapsed.last == "_") { collapsed.append(character) }
        while collapsed.hasPrefix("_") { collapsed.removeFirst() }
        while collapsed.hasSuffix("_") { collapsed.removeLast() }
        return collapsed
    }

    /// The tag key of a tag column, or nil: `resourceTags/user:team` → `team`,
    /// `resourceTags/aws:createdBy` → `aws:createdBy`, `resource_tags_user_team` → `team`.
    static func tagKey(column: String, snakeCase: Bool) -> String? {
        // AWS Cost Categories become tags named `cost-category:<name>` (docs/formats.md).
        if !snakeCase, column.hasPrefix("costCategory/") {
            return costCategoryPrefix + column.dropFirst("costCategory/".count)
        }
        if snakeCase, column.hasPrefix("cost_category_") {
            return costCategoryPrefix + column.dropFirst("cost_category_".count)
        }
        if !snakeCase {
            guard column.hasPrefix("resourceTags/") else { return nil }
            let key = column.dropFirst("resourceTags/".count)
            return key.hasPrefix("user:") ? String(key.dropFirst(5)) : String(key)
        }
        guard column.hasPrefix("resource_tags_") else { return nil }
        let key = column.dropFirst("resource_tags_".count)
        return key.hasPrefix("user_") ? String(key.dropFirst(5)) : String(key)
    }

    /// The tag-key prefix of AWS Cost Category values.
    static let costCategoryPrefix = "cost-category:"

    /// Calls `body` with `cost-category:<key>` (built on the stack: the adapter is shared by threads).
    static func withCostCategoryKey(_ key: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        let prefix = costCategoryPrefix.utf8
        withUnsafeTemporaryAllocation(byteCount: prefix.count + key.count, alignment: 1) { buffer in
            UnsafeMutableRawBufferPointer(rebasing: buffer[0..<prefix.count]).copyBytes(from: prefix)
            UnsafeMutableRawBufferPointer(rebasing: buffer[prefix.count...]).copyMemory(from: key)
            body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// CUR 2.0 map keys carry the `user_` prefix of user-defined tags; strip it like the columns.
    @inline(__always)
    static func strippedMapKey(_ key: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        // Five byte compares, not `starts(with:)`: this runs for every tag of every line item.
        if key.count > 5, key[0] == 0x75, key[1] == 0x73, key[2] == 0x65, key[3] == 0x72, key[4] == 0x5F {
            return UnsafeRawBufferPointer(rebasing: key[5...])
        }
        return key
    }
}
