import CostIngest
import CosttopTestSupport
import Foundation
import Testing

/// The SQL `costtop sql` prints, run on real engines (DuckDB, and Spark in local mode) over a
/// generated bill by `scripts/rollup-run.py`: ingesting the roll-up it writes must answer every
/// question — several dimensions, all three metrics, coverage and commitments, as JSON — exactly as
/// ingesting the raw export does, to the cent.
@Suite("Warehouse roll-up SQL on real engines", .serialized)
struct RollupSQLTests {
    /// A bill from costtop-samplegen: CUR (with a restated month and its manifests) and FOCUS exports
    /// of the same charges, and a cache of each read raw.
    struct Bill: Sendable {
        var curFiles: [String] = []
        var focusFiles: [String] = []
        var rawCUR = ""
        var rawFOCUS = ""
    }

    static let bill: Bill = {
        let folder = Support.temporaryFolder()
        let generator = (Support.binary as NSString).deletingLastPathComponent + "/costtop-samplegen"
        let made = Support.run(generator, ["--out", folder, "--rows", "30000", "--days", "70", "--seed", "11",
                                           "--format", "both", "--no-gzip"])
        precondition(made.status == 0, made.err)
        var bill = Bill()
        // The files a raw ingest reads: the manifests leave out the superseded assembly.
        bill.curFiles = (try? SourceDiscovery.discover([folder + "/aws-cur"]).files) ?? []
        bill.focusFiles = (try? SourceDiscovery.discover([folder + "/focus"]).files) ?? []
        bill.rawCUR = folder + "/raw-cur.ctc"
        bill.rawFOCUS = folder + "/raw-focus.ctc"
        for (path, cache) in [(folder + "/aws-cur", bill.rawCUR), (folder + "/focus", bill.rawFOCUS)] {
            let ingested = Support.costtop(["ingest", path, "--cache", cache, "--quiet"])
            precondition(ingested.status == 0, ingested.err)
        }
        return bill
    }()

    /// The questions asked of both caches (each with `--period all --format json`).
    static let questions: [[String]] = [
        ["query", "--by", "account"],
        ["query", "--by", "service", "--metric", "effective"],
        ["query", "--by", "usage-type", "--metric", "list"],
        ["query", "--by", "tag:team", "--metric", "effective"],
        ["query", "--by", "tag:env"],
        ["query", "--by", "region", "--metric", "list"],
        ["query", "--by", "charge-category", "--metric", "effective"],
        ["query", "--by", "pricing-category"],
        ["query", "--by", "commitment", "--metric", "effective"],
        ["query", "--by", "day", "--metric", "effective"],
        ["query", "--by", "month", "--where", "service=AmazonEC2", "--metric", "list"],
        ["coverage", "--by", "account"],
        ["commitments"],
    ]

    /// One engine run: which export, what `costtop sql` is asked for.
    struct Run: Sendable, CustomTestStringConvertible {
        var engine: String
        var source: String
        var sqlArguments: [String]
        var testDescription: String { "\(engine) \(source) \(sqlArguments.joined(separator: " "))" }
    }

    static let duckDBRuns: [Run] = [
        Run(engine: "duckdb", source: "cur", sqlArguments: ["--tags", "team,env,app"]),
        Run(engine: "duckdb", source: "cur2", sqlArguments: ["--from", "2024-07-01", "--to", "2024-09-30"]),
        Run(engine: "duckdb", source: "focus", sqlArguments: ["--from", "2024-06-15", "--to", "2024-12-31"]),
    ]

    @Test("DuckDB runs the printed SQL; its roll-up ingests to the raw export's answers", arguments: duckDBRuns)
    func duckDB(run: Run) throws {
        try check(run)
    }

    static let hasPySpark = Support.run("/usr/bin/env", ["python3", "-c", "import pyspark"]).status == 0

    @Test("Spark (local mode) runs the printed SQL; its roll-up ingests to the raw export's answers",
          .enabled(if: hasPySpark, "pyspark is missing: python3 -m pip install pyspark (scripts/setup.sh installs it)"),
          .timeLimit(.minutes(5)))
    func spark() throws {
        try check(Run(engine: "spark", source: "cur", sqlArguments: ["--tags", "team,env,app", "--table", "athena_cur"]))
    }

    /// Prints the SQL, runs it, ingests the output and compares every question's JSON.
    private func check(_ run: Run) throws {
        let bill = Self.bill
        #expect(!bill.curFiles.isEmpty && !bill.focusFiles.isEmpty)
        let folder = Support.temporaryFolder()
        let sql = Support.costtop(["sql", "--engine", run.engine, "--source", run.source] + run.sqlArguments)
        #expect(sql.status == 0, "\(sql.err)")
        let sqlFile = Support.write(sql.out, to: folder, "rollup.sql")
        let table = run.sqlArguments.firstIndex(of: "--table").map { run.sqlArguments[$0 + 1] } ?? run.source
        let raw = run.source == "focus" ? bill.focusFiles : bill.curFiles
        let engine = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/rollup-run.py",
                                                  "--engine", run.engine, "--source", run.source, "--table", table,
                                                  "--sql", sqlFile, "--out", folder + "/rollup"] + raw)
        try #require(engine.status == 0, "\(engine.err)")
        let rolled = folder + "/rolled.ctc"
        let ingest = Support.costtop(["ingest", folder + "/rollup", "--cache", rolled])
        try #require(ingest.status == 0, "\(ingest.err)")
        #expect(ingest.out.contains("focus-rollup"), "\(ingest.out)")

        let rawCache = run.source == "focus" ? bill.rawFOCUS : bill.rawCUR
        for question in Self.questions {
            let arguments = question + ["--period", "all", "--format", "json"]
            let expected = Support.costtop(arguments + ["--cache", rawCache])
            let actual = Support.costtop(arguments + ["--cache", rolled])
            #expect(expected.status == 0 && actual.status == 0, "\(question): \(expected.err) \(actual.err)")
            #expect(expected.out.count > 100, "\(question) answered something")
            #expect(actual.out == expected.out, "\(run.testDescription) \(question.joined(separator: " "))")
        }
    }
}
