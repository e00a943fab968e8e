/// The export formats the ingestor reads, detected from a file's header row.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// AWS legacy Cost and Usage Report: `lineItem/UnblendedCost` style names.
    case awsCUR = "aws-cur"
    /// AWS CUR with Athena integration, or CUR 2.0 (Data Exports): `line_item_unblended_cost` style names.
    case awsCURSnake = "aws-cur2"
    /// FinOps FOCUS 1.0–1.2 (also Azure's and Google's FOCUS exports).
    case focus
    /// A FOCUS daily roll-up written by the SQL `costtop sql` prints (docs/rollup.md): FOCUS columns
    /// plus costtop's `x_` measures. Read by the FOCUS adapter; a later export of a month replaces
    /// the earlier one (`RollupMonths`).
    case focusRollup = "focus-rollup"
    /// Google Cloud's billing export (BigQuery), as JSON Lines, Parquet or flattened CSV.
    case gcp
    /// Azure Cost Management, Enterprise Agreement columns, actual cost.
    case azureEAActual = "azure-ea-actual"
    /// Azure Cost Management, Enterprise Agreement columns, amortized cost.
    case azureEAAmortized = "azure-ea-amortized"
    /// Azure Cost Management, Microsoft Customer Agreement columns, actual cost.
    case azureMCAActual = "azure-mca-actual"
    /// Azure Cost Management, Microsoft Customer Agreement columns, amortized cost.
    case azureMCAAmortized = "azure-mca-amortized"

    /// Whether this is an Azure Cost Management export of amortized cost (nil: not Azure's columns).
    var azureAmortized: Bool? {
        switch self {
        case .azureEAActual, .azureMCAActual: return false
        case .azureEAAmortized, .azureMCAAmortized: return true
        default: return nil
        }
    }

    /// Detects the format from the header names (and, for Azure, the kind of cost: `AzureCostKind`).
    /// - Throws: `RowProblem` naming the columns that identify each known format.
    static func detect(_ header: HeaderIndex, path: String = "") throws(RowProblem) -> ExportFormat {
        try detectWithKind(header, path: path).format
    }

    /// Detects the format, and for an Azure EA or MCA export how its kind of cost was told.
    ///
    /// Azure's actual and amortized exports have the same columns, so the kind comes from a header
    /// column naming it, else the export's manifest, else the file's path, which Cost Management
    /// builds from the export's name and type (`…/amortizedcost/…`, `AmortizedCost_…`); nothing
    /// saying either is actual (the default export type).
    /// - Throws: `RowProblem` naming the columns that identify each known format.
    static func detectWithKind(_ header: HeaderIndex, path: String = "") throws(RowProblem)
        -> (format: ExportFormat, azureKind: AzureCostKind?) {
        if let format = try detectColumns(header) { return (format, nil) }
        let kind = AzureCostKind.decide(header: header, path: path)
        // EA files name the enrollment's accounts; MCA files have billing profiles and invoice sections only.
        let enterprise = header.contains("AccountOwnerId") || header.contains("EnrollmentNumber") || header.contains("AccountName")
        switch (enterprise, kind.amortized) {
        case (true, false): return (.azureEAActual, kind)
        case (true, true): return (.azureEAAmortized, kind)
        case (false, false): return (.azureMCAActual, kind)
        case (false, true): return (.azureMCAAmortized, kind)
        }
    }

    /// The format the header's columns name, nil for Azure's EA/MCA columns (whose kind needs more).
    private static func detectColumns(_ header: HeaderIndex) throws(RowProblem) -> ExportFormat? {
        if header.contains("lineItem/UnblendedCost") || header.contains("lineItem/UsageStartDate") { return .awsCUR }
        if header.contains("line_item_unblended_cost") || header.contains("line_item_usage_start_date") { return .awsCURSnake }
        if header.contains("BilledCost") || header.contains("ChargePeriodStart") {
            return header.contains(FOCUSAdapter.rollupMarker) ? .focusRollup : .focus
        }
        if header.contains("usage_start_time") && header.contains("cost") { return .gcp }
        if header.contains("MeterCategory") && (header.contains("Date") || header.contains("UsageDate"))
            && (header.contains("CostInBillingCurrency") || header.contains("Cost") || header.contains("PreTaxCost")) {
            return nil
        }
        let shown = header.names.prefix(8).joined(separator: ", ") + (header.names.count > 8 ? ", …" : "")
        throw RowProblem(
            column: nil, value: shown,
            reason: "unrecognized export format: expected an AWS CUR header (lineItem/UsageStartDate, "
                + "lineItem/UnblendedCost, ...), a CUR 2.0 / Athena header (line_item_usage_start_date, "
                + "line_item_unblended_cost, ...), a FOCUS header (ChargePeriodStart, BilledCost, ...), a Google Cloud "
                + "billing export (usage_start_time, cost, ...) or an Azure cost export (Date, MeterCategory, "
                + "CostInBillingCurrency or Cost, ...)")
    }

    /// Creates the adapter that normalizes this format's rows.
    func makeAdapter(_ header: HeaderIndex) throws(RowProblem) -> any ExportAdapter {
        switch self {
        case .awsCUR: return try CURAdapter(header: header, snakeCase: false)
        case .awsCURSnake: return try CURAdapter(header: header, snakeCase: true)
        case .focus, .focusRollup: return try FOCUSAdapter(header: header)
        case .gcp: return try GCPAdapter(header: header)
        case .azureEAActual, .azureMCAActual: return try AzureAdapter(header: header, kind: .actual)
        case .azureEAAmortized, .azureMCAAmortized: return try AzureAdapter(header: header, kind: .amortized)
        }
    }
}

/// Normalizes the current record of one export format, from any container, into a line item of
/// a `RollupBuilder`.
protocol ExportAdapter: Sendable {
    /// Optional columns this file lacks, each with the default used (listed once in the summary).
    var defaultedColumns: [String] { get }
    /// Whether a text field holding `NULL` means a missing value in this format.
    var nullTokensAreMissing: Bool { get }
    /// Reads the record source's current record into the builder (without committing it).
    /// Implementations are specialized for `CSVReader` (`@_specialize`), the hot path.
    func read<Record: RecordSource>(_ record: Record, into builder: RollupBuilder) throws(RowProblem)
    /// Every column whose value can change what `read` sets on the builder other than the measures
    /// (the day aside: it is set on every row), when `read` commits one line item per record; nil
    /// when unknown. A columnar source then skips the dimensions of rows it has seen (`RowMemo`).
    var rowMemoColumns: [Int]? { get }
}

extension ExportAdapter {
    var rowMemoColumns: [Int]? { nil }
}

/// Column positions by name, built from the header row. It remembers which columns an adapter
/// looked up, so a columnar container decodes only those.
final class HeaderIndex {
    let names: [String]
    private let positions: [String: Int]
    private let lowercased: [String: Int]
    private var used: Set<Int> = []

    /// - Throws: `RowProblem` when a column name appears twice.
    init(_ names: [String]) throws(RowProblem) {
        self.names = names
        var positions: [String: Int] = [:]
        var lowercased: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let earlier = positions[name] {
                throw RowProblem(column: index, value: name,
                                 reason: "duplicate column name (also column \(earlier + 1))")
            }
            positions[name] = index
            if lowercased[name.lowercased()] == nil { lowercased[name.lowercased()] = index }
        }
        self.positions = positions
        self.lowercased = lowercased
    }

    /// Whether the header has a column, without marking it used (format detection asks this).
    func contains(_ name: String) -> Bool { position(of: name) != nil }

    /// The position of a column: exact name first, then ignoring case. Marks it used.
    subscript(name: String) -> Int? {
        let found = position(of: name)
        if let found { used.insert(found) }
        return found
    }

    private func position(of name: String) -> Int? { positions[name] ?? lowercased[name.lowercased()] }

    /// Marks a column found without a lookup by name (tag columns found by prefix) as used.
    func markUsed(_ index: Int) { used.insert(index) }

    /// The columns looked up so far, in order.
    var usedColumns: [Int] { used.sorted() }
}
