/// The header comment of a printed roll-up: what it reads, and how to run it on its engine and
/// export the result as Parquet for `costtop ingest`.
struct RunInstructions {
    let query: RollupQuery
    let notes: [String]

    /// The comment lines, each starting `-- `, ending with a blank line.
    var comment: String {
        var lines = ["costtop daily roll-up: \(query.source.rawValue) export → FOCUS 1.2 daily interchange (docs/rollup.md)",
                     "engine \(query.engine.rawValue), table \(query.tableName)"
                         + (query.days.map { ", days \($0.from) to \($0.to)" } ?? ", all days")]
        lines += notes
        lines.append("")
        lines += howToRun
        lines.append("Then: costtop ingest <the exported folder>  (a later export of a month replaces the earlier one")
        lines.append("when each export run has its own folder; see docs/rollup.md).")
        return lines.map { $0.isEmpty ? "--" : "-- " + $0 }.joined(separator: "\n") + "\n"
    }

    private var howToRun: [String] {
        switch query.engine {
        case .athena:
            return ["Run it in Athena (engine version 3) wrapped in UNLOAD, to an empty S3 prefix per run:",
                    "  UNLOAD (<this SELECT>) TO 's3://bucket/costtop-rollup/run-YYYYMMDD/'",
                    "  WITH (format = 'PARQUET', compression = 'SNAPPY')",
                    "and copy the prefix down: aws s3 sync s3://bucket/costtop-rollup/ rollup/"]
        case .trino:
            return ["Run it in Trino and keep the result as Parquet, e.g. into a Hive/Iceberg table:",
                    "  CREATE TABLE hive.costtop.rollup_YYYYMMDD WITH (format = 'PARQUET') AS <this SELECT>",
                    "then copy that table's folder down (or: trino --output-format CSV_HEADER ... > rollup.csv)."]
        case .bigquery:
            return ["Run it in BigQuery wrapped in EXPORT DATA, to a new folder per run:",
                    "  EXPORT DATA OPTIONS(uri = 'gs://bucket/costtop-rollup/run-YYYYMMDD/*.parquet',",
                    "    format = 'PARQUET', overwrite = true) AS <this SELECT>",
                    "and copy it down: gcloud storage rsync -r gs://bucket/costtop-rollup/ rollup/"]
        case .spark:
            return ["Run it in Spark with the session time zone UTC, the export registered as a table or view:",
                    "  spark.conf.set('spark.sql.session.timeZone', 'UTC')",
                    "  df = spark.sql(open('rollup.sql').read())",
                    "  df.write.mode('overwrite').parquet('rollup/run-YYYYMMDD')"]
        case .duckdb:
            return ["Run it in DuckDB with the export as a table or view (e.g. CREATE VIEW \(query.tableName) AS",
                    "SELECT * FROM read_parquet('export/**/*.parquet')), time zone UTC, one folder per run:",
                    "  SET TimeZone = 'UTC';",
                    "  COPY (<this SELECT>) TO 'rollup/run-YYYYMMDD/rollup.parquet' (FORMAT PARQUET);"]
        }
    }
}
