import CostModel

/// The roll-up SELECT `costtop sql` prints: one row per day and dimensions of an export, as the
/// FOCUS daily interchange (`RollupColumn`, docs/rollup.md), which `costtop ingest` reads with the
/// FOCUS adapter to the same numbers as the raw export.
///
/// The query is a SELECT of line items (one per `SourceMapping.Part`, joined by UNION ALL) inside
/// an aggregating SELECT, so each rule is written once, per line item, and the outer query only
/// groups and sums: money as exact decimals with nine places, as costtop keeps it.
public struct RollupQuery: Sendable {
    /// The engine that runs the SQL (its dialect and its run-and-export lines).
    public var engine: SQLEngine
    /// The export the table holds.
    public var source: RollupSource
    /// The table (or view) holding the export; nil for the source's usual name.
    public var table: String?
    /// The days to roll up (whole billing periods are pruned by partition); nil for everything.
    public var days: DayRange?
    /// Legacy CUR only: the tag keys whose `resource_tags_user_<key>` columns become Tags.
    public var tagKeys: [String]
    /// Keep `ResourceId` (one row per resource and day: far more rows).
    public var resources: Bool
    /// Azure only: the table holds the amortized-cost export.
    public var azureAmortized: Bool

    /// Describes a roll-up; `text` prints it.
    public init(engine: SQLEngine, source: RollupSource, table: String? = nil, days: DayRange? = nil,
                tagKeys: [String] = [], resources: Bool = false, azureAmortized: Bool = false) {
        self.engine = engine
        self.source = source
        self.table = table
        self.days = days
        self.tagKeys = tagKeys
        self.resources = resources
        self.azureAmortized = azureAmortized
    }

    var mapping: SourceMapping {
        switch source {
        case .cur: return .aws(cur2: false, tagKeys: tagKeys)
        case .cur2: return .aws(cur2: true, tagKeys: [])
        case .focus: return .focus()
        case .gcp: return .gcp()
        case .azure: return .azure(amortized: azureAmortized)
        }
    }

    /// The table name as printed: `--table` as given (it may be `db.table` or a quoted path), else
    /// the source's usual name.
    public var tableName: String { table ?? mapping.defaultTable }

    /// The columns the SELECT writes, in order.
    public var columns: [RollupColumn] { RollupColumn.allCases.filter { resources || $0 != .resourceId } }

    /// The full text: the header comment (`RunInstructions`) and the SELECT.
    public var text: String { RunInstructions(query: self, notes: mapping.notes).comment + select + "\n" }

    /// The SELECT alone, without a trailing semicolon (so it can go inside `UNLOAD (…)` or `COPY (…)`).
    public var select: String {
        let d = engine.dialect
        let mapping = self.mapping
        let written = columns
        let lineColumns = written.filter { $0 != .chargePeriodEnd }
        let dimensions = lineColumns.filter { !$0.isMeasure }

        var partitions: [String] = []
        if let days { partitions = mapping.partitions(engine, d, days) }
        let parts = mapping.parts.map { part -> String in
            let items = lineColumns.map { column -> String in
                let expression = part.columns[column]?(d) ?? (column == .lineItems ? "1" : column.isMeasure ? "0" : "NULL")
                return "    \(typed(expression, column, d)) AS \(d.quote(column.name))"
            }
            var conditions = partitions
            if let condition = part.condition { conditions.append(condition(d)) }
            return "  SELECT\n" + items.joined(separator: ",\n") + "\n  FROM \(tableName)"
                + (conditions.isEmpty ? "" : "\n  WHERE " + conditions.joined(separator: "\n    AND "))
        }

        let start = d.quote(RollupColumn.chargePeriodStart.name)
        let outer = written.map { column -> String in
            switch column {
            case .chargePeriodEnd: return "  \(d.nextDay(start)) AS \(d.quote(column.name))"
            case _ where column.isMeasure:
                return "  \(typed("SUM(\(d.quote(column.name)))", column, d)) AS \(d.quote(column.name))"
            default: return "  \(d.quote(column.name))"
            }
        }
        var text = "SELECT\n" + outer.joined(separator: ",\n") + "\nFROM (\n"
            + parts.joined(separator: "\n  UNION ALL\n") + "\n) AS line_items"
        if let days {
            text += "\nWHERE \(start) BETWEEN \(d.date(days.from)) AND \(d.date(days.to))"
        }
        text += "\nGROUP BY " + dimensions.map { d.quote($0.name) }.joined(separator: ", ")
        return text
    }

    /// Casts a column to its interchange type, so every engine writes the same Parquet types:
    /// money DECIMAL(38, 9), quantities DECIMAL(38, 3), counts BIGINT, text as text.
    private func typed(_ expression: String, _ column: RollupColumn, _ d: SQLDialect) -> String {
        switch column {
        case .chargePeriodStart, .chargePeriodEnd: return expression
        case .lineItems: return "CAST(\(expression) AS BIGINT)"
        case .consumedQuantity: return d.quantity(expression)
        case _ where column.isMoney: return d.money(expression)
        default: return "CAST(\(expression) AS \(engine == .bigquery || engine == .spark ? "STRING" : "VARCHAR"))"
        }
    }
}
