import CosttopTestSupport
import Foundation
import Testing

/// Every engine × export pair `costtop sql` prints parses in its engine's grammar (sqlglot): the
/// check the Athena, Trino and BigQuery SQL gets here, where no such engine runs. DuckDB and Spark
/// also run theirs (RollupSQLTests).
@Suite("Roll-up SQL grammar")
struct RollupSQLGrammarTests {
    static let hasSQLGlot = Support.run("/usr/bin/env", ["python3", "-c", "import sqlglot"]).status == 0

    @Test("all 25 engine × export pairs parse, with and without --from/--to and --resources",
          .enabled(if: hasSQLGlot, "sqlglot is missing: python3 -m pip install sqlglot (scripts/setup.sh installs it)"))
    func parses() throws {
        let folder = Support.temporaryFolder()
        var arguments: [String] = []
        for engine in ["athena", "trino", "bigquery", "spark", "duckdb"] {
            for source in ["cur", "cur2", "focus", "gcp", "azure"] {
                let variants: [[String]] = [[], ["--from", "2024-12-15", "--to", "2025-01-31", "--resources"]]
                for (number, variant) in variants.enumerated() {
                    let tags = source == "cur" ? ["--tags", "team,cost_center"] : []
                    let result = Support.costtop(["sql", "--engine", engine, "--source", source] + tags + variant)
                    try #require(result.status == 0, "\(result.err)")
                    let path = Support.write(result.out, to: folder, "\(engine)-\(source)-\(number).sql")
                    arguments.append("\(engine)=\(path)")
                }
            }
        }
        let check = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/sql-parse-check.py"] + arguments)
        #expect(check.status == 0, "\(check.err)")
        #expect(check.err.contains("50 of 50 parse"))
    }
}
