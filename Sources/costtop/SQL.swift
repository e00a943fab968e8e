import ArgumentParser
import CostModel
import CostSQL

extension SQLEngine: ExpressibleByArgument {}
extension RollupSource: ExpressibleByArgument {}

/// `costtop sql`: prints the SELECT that rolls an export up to the FOCUS daily interchange in the
/// warehouse, for `costtop ingest` to read (docs/rollup.md).
struct SQL: ParsableCommand {
    /// Which Azure export a table holds.
    enum AzureCost: String, ExpressibleByArgument, CaseIterable { case actual, amortized }

    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Print the roll-up SQL that turns a raw export into costtop's FOCUS daily interchange.",
        discussion: """
            For bills too large to read raw: the warehouse that already holds the export (Athena, \
            Trino, BigQuery, Spark, DuckDB) runs this SELECT, writes its result as Parquet, and \
            `costtop ingest` reads that (one row per day and dimensions instead of one per line item) \
            to the same numbers as the raw export. The header comment says how to run and export it \
            on the engine chosen. Amortization, categories and commitment measures follow the \
            adapters (docs/formats.md); --from/--to prune by billing-period partition. Export whole \
            months (or month-to-date): a later export of a month replaces all of it. Columns, \
            engines and the replacement rule: docs/rollup.md.

            Examples:
              costtop sql --engine athena --source cur2 --table cur_db.cur2 --from 2024-07-01 --to 2024-09-30
              costtop sql --engine bigquery --source gcp --table billing.gcp_billing_export_v1_XXXX
              costtop sql --engine athena --source cur --tags team,env,app
              costtop sql --engine spark --source focus --table focus > rollup.sql
              costtop sql --engine duckdb --source azure --azure-cost amortized
            """)

    @Option(help: "The engine that runs the SQL.")
    var engine: SQLEngine

    @Option(help: "The export the table holds: AWS legacy CUR (Athena), CUR 2.0, FOCUS, Google Cloud, Azure.")
    var source: RollupSource

    @Option(help: ArgumentHelp("The table or view holding the export (default: the source's usual name).", valueName: "NAME"))
    var table: String?

    @Option(help: ArgumentHelp("First day to roll up, YYYY-MM-DD (with --to).", valueName: "DAY"))
    var from: String?

    @Option(help: ArgumentHelp("Last day to roll up, YYYY-MM-DD, inclusive (with --from).", valueName: "DAY"))
    var to: String?

    @Option(help: ArgumentHelp("Legacy CUR: tag keys whose resource_tags_user_KEY columns to keep.", valueName: "KEY,..."))
    var tags: String?

    @Flag(help: "Keep ResourceId (one row per resource and day: many more rows).")
    var resources = false

    @Option(help: "Azure: whether the table holds the actual or the amortized cost export.")
    var azureCost: AzureCost = .actual

    func validate() throws {
        if (from == nil) != (to == nil) { throw ValidationError("give --from and --to together") }
        if let from, Day(from) == nil { throw ValidationError("bad --from '\(from)'; write YYYY-MM-DD") }
        if let to, Day(to) == nil { throw ValidationError("bad --to '\(to)'; write YYYY-MM-DD") }
        if let from = from.flatMap(Day.init), let to = to.flatMap(Day.init), to < from {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
        if tags != nil && source != .cur {
            throw ValidationError("--tags is for --source cur (the other exports keep every tag in one column)")
        }
        if let tags, let bad = tagKeys(tags).first(where: { $0.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) }) {
            throw ValidationError("bad tag key '\(bad)': Athena's column names have letters, digits and _ only")
        }
    }

    private func tagKeys(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let days = from.flatMap(Day.init).flatMap { start in to.flatMap(Day.init).map { DayRange(from: start, to: $0) } }
        let query = RollupQuery(engine: engine, source: source, table: table, days: days,
                                tagKeys: tags.map(tagKeys) ?? [], resources: resources,
                                azureAmortized: azureCost == .amortized)
        print(query.text, terminator: "")
    }
}
