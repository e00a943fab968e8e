import CostModel

/// Normalizes Google Cloud's billing export (standard and detailed usage cost), as BigQuery writes
/// it to JSON Lines, Parquet or flattened CSV: the containers present all three with the same
/// dotted column names (docs/formats/gcp.md).
///
/// One export row becomes up to two line items: the charge itself (`cost`) and, when the row has
/// credits, a Credit line item holding their sum, so billed cost is `cost` + Σ `credits.amount` (as
/// Google's invoice shows it) and `--by charge-category` shows the credits. Only the first counts as
/// a line item. Committed use discounts feed the commitments measures: a CUD fee row (SKU
/// `Commitment …`) is commitment bought; a usage row with a CUD credit is covered usage, whose
/// on-demand equivalent is the credit.
final class GCPAdapter: ExportAdapter {
    private let start: Int
    private let cost: Int
    private let listCost: Int?
    private let currency: Int?
    private let billingAccount: Int?
    private let project: Int?
    private let projectName: Int?
    private let service: Int?
    private let serviceId: Int?
    private let sku: Int?
    private let region: Int?
    private let location: Int?
    private let resource: [Int]
    private let costType: Int?
    private let quantity: Int?
    private let labels: Int?
    private let projectLabels: Int?
    private let systemLabels: Int?
    private let credits: GCPCredits.Columns
    let defaultedColumns: [String]

    init(header: HeaderIndex) throws(RowProblem) {
        var columns = ColumnLookup(header)
        start = try columns.required("usage_start_time")
        cost = try columns.required("cost")
        listCost = columns.optional("cost_at_list", default: "list cost = cost")
        currency = columns.optional("currency", default: "USD")
        billingAccount = columns.optional("billing_account_id", default: "no billing account")
        project = columns.optional("project.id", default: "no project")
        projectName = columns.optional("project.name")
        service = columns.optional("service.description", default: header["service.id"] == nil ? "no service" : nil)
        serviceId = columns.optional("service.id")
        sku = columns.optional("sku.description", default: "no SKU")
        region = columns.optional("location.region")
        location = columns.optional("location.location")
        resource = ["resource.global_name", "resource.name"].compactMap { header[$0] }
        costType = columns.optional("cost_type")
        quantity = header["usage.amount_in_pricing_units"] ?? columns.optional("usage.amount", default: "usage quantity 0")
        labels = columns.optional("labels")
        projectLabels = columns.optional("project.labels")
        systemLabels = columns.optional("system_labels")
        credits = GCPCredits.columns(header)
        defaultedColumns = columns.defaulted
    }

    /// BigQuery writes nulls as JSON null or an empty CSV field, never as the text `NULL`.
    let nullTokensAreMissing = false

    /// The prefix of project labels among the tags (labels are tags as they are).
    static let projectLabelPrefix = "project:"
    /// The prefix of Google's own labels (`system_labels`, such as
    /// `system:compute.googleapis.com/machine_spec`), so they never mix with a user's label of the same key.
    static let systemLabelPrefix = "system:"

    @_specialize(where Record == CSVReader)
    func read<Record: RecordSource>(_ record: Record, into builder: RollupBuilder) throws(RowProblem) {
        let fields = FieldAccess(record: record)
        // Every amount is read before the first line item is committed: a bad value rejects the
        // whole row, never half of it.
        let day = try fields.day(start)
        let charged = try fields.money(cost)
        let list = fields.isMissing(listCost) ? charged : try fields.money(listCost)
        let usage = try fields.quantity(quantity)
        let rowCredits = try GCPCredits(fields, credits)
        let isFee = fields.bytes(sku).starts(with: "Commitment".utf8) && !fields.equals(costType, "tax")

        try setDimensions(fields, day: day, into: builder)
        if fields.equals(costType, "tax") {
            builder.set(.chargeCategory, "Tax")
        } else if fields.equals(costType, "adjustment") || fields.equals(costType, "rounding_error") {
            builder.set(.chargeCategory, "Adjustment")
        } else if isFee {
            builder.set(.chargeCategory, "Purchase")
        } else {
            builder.set(.chargeCategory, "Usage")
            builder.set(.pricingCategory, rowCredits.committedUse != 0 ? "Committed" : "Standard")
        }
        if isFee {
            // Google bills a commitment's fee every day, used or not; the export has no unused part.
            builder.set(.commitment, fields.bytes(sku))
            builder.set(.commitmentType, "Committed use discount")
            builder.measures[Measure.commitmentUsed.columnIndex] = charged
            builder.measures[Measure.commitmentTotal.columnIndex] = charged
        } else if rowCredits.committedUse != 0 {
            builder.set(.commitmentType, "Committed use discount")
            builder.set(.commitmentStatus, "Used")
            builder.measures[Measure.coveredOnDemand.columnIndex] = -rowCredits.committedUse
        }
        builder.measures[Measure.billed.columnIndex] = charged
        builder.measures[Measure.effective.columnIndex] = charged
        builder.measures[Measure.list.columnIndex] = list
        builder.measures[Measure.usageQuantity.columnIndex] = usage
        guard rowCredits.total != 0 else { return }

        // The credits, as a line item of their own on the same dimensions and labels.
        try builder.commit()
        try setDimensions(fields, day: day, into: builder)
        builder.set(.chargeCategory, "Credit")
        if rowCredits.committedUse != 0 { builder.set(.commitmentType, "Committed use discount") }
        builder.measures[Measure.billed.columnIndex] = rowCredits.total
        builder.measures[Measure.effective.columnIndex] = rowCredits.total
        builder.countsAsLineItem = false
    }

    private func setDimensions<Record: RecordSource>(_ fields: FieldAccess<Record>, day: Day,
                                                     into builder: RollupBuilder) throws(RowProblem) {
        builder.setDay(day)
        builder.set(.provider, "Google Cloud")
        builder.set(.billingAccount, fields.bytes(billingAccount))
        builder.set(.account, fields.bytes(project))
        builder.setLabel(.account, fields.bytes(projectName))
        builder.set(.service, fields.bytes(service, orElse: serviceId))
        builder.set(.usageType, fields.bytes(sku))
        builder.set(.region, fields.bytes(region, orElse: location))
        for column in resource {
            let name = fields.bytes(column)
            if !name.isEmpty { builder.set(.resource, name); break }
        }
        builder.setCurrency(fields.bytes(currency))
        try fields.entries(labels) { key, value in builder.addTag(key: key, value: value) }
        try addPrefixedTags(fields, projectLabels, prefix: Self.projectLabelPrefix, into: builder)
        try addPrefixedTags(fields, systemLabels, prefix: Self.systemLabelPrefix, into: builder)
    }

    /// Adds a map column's entries as tags whose keys carry `prefix` (project and system labels).
    private func addPrefixedTags<Record: RecordSource>(_ fields: FieldAccess<Record>, _ column: Int?, prefix: String,
                                                       into builder: RollupBuilder) throws(RowProblem) {
        guard column != nil else { return }
        var prefixed: [UInt8] = Array(prefix.utf8)
        let prefixLength = prefixed.count
        try fields.entries(column) { key, value in
            prefixed.removeSubrange(prefixLength...)
            prefixed.append(contentsOf: key)
            prefixed.withUnsafeBytes { builder.addTag(key: $0, value: value) }
        }
    }
}
