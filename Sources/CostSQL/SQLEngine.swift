/// A warehouse engine `costtop sql` writes the roll-up SELECT for.
public enum SQLEngine: String, CaseIterable, Sendable {
    case athena, trino, bigquery, spark, duckdb

    /// The engine's SQL dialect: quoting, date functions, map access, casts.
    public var dialect: SQLDialect {
        switch self {
        case .athena, .trino: return .trino
        case .bigquery: return .bigQuery
        case .spark: return .spark
        case .duckdb: return .duckDB
        }
    }
}
