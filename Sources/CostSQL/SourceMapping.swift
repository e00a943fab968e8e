import CostModel

/// How one kind of export becomes roll-up columns: per line item, an SQL expression for each
/// `RollupColumn` (written against a `SQLDialect`), the partition predicates that prune by billing
/// period, and the default table name. The rules are the adapters' (docs/formats.md): the roll-up
/// must ingest to the same numbers as the raw export.
struct SourceMapping: Sendable {
    /// An SQL expression for a dialect.
    typealias Expression = @Sendable (SQLDialect) -> String

    /// One SELECT over the export: an expression per column (a missing one is NULL, or 0 for a
    /// measure) and an optional condition. Most exports need one; Google Cloud's needs a second
    /// for the credits, which costtop keeps as line items of their own.
    struct Part: Sendable {
        var columns: [RollupColumn: Expression]
        var condition: Expression?
    }

    /// The table name printed when `--table` is not given.
    var defaultTable: String
    /// The line items' SELECTs, joined by UNION ALL.
    var parts: [Part]
    /// Predicates that let the engine read only the billing periods of `--from`/`--to` (partition
    /// columns), for an engine.
    var partitions: @Sendable (SQLEngine, SQLDialect, DayRange) -> [String]
    /// What the header comment says about this export (where the table comes from, what to check).
    var notes: [String]
}

extension SourceMapping {
    /// `COALESCE(CAST(x AS money), 0)`: an absent amount is 0, as the adapters read an empty field.
    static func money(_ dialect: SQLDialect, _ column: String) -> String {
        "COALESCE(\(dialect.money(dialect.column(column))), 0)"
    }

    /// `COALESCE(NULLIF(x, ''), fallback)`.
    static func orElse(_ dialect: SQLDialect, _ column: String, _ fallback: String) -> String {
        "COALESCE(NULLIF(\(dialect.column(column)), ''), \(fallback))"
    }

    /// The months of a day range as `(year, month)` pairs.
    static func months(_ range: DayRange) -> [(year: Int, month: Int)] {
        var result: [(Int, Int)] = []
        var month = range.from.monthIndex
        while month <= range.to.monthIndex {
            let first = Day.firstDay(ofMonthIndex: month).components
            result.append((first.year, first.month))
            month += 1
        }
        return result
    }
}
