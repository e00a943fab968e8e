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
    /// The exports the engines roll up, each with the cache of its raw ingest: costtop-samplegen's
    /// CUR (with a restated month and its manifests) and FOCUS of the same charges; a Google Cloud
    /// export from scripts/gcp-samplegen.py (BigQuery's nested Parquet: label and credit lists,
    /// committed use discounts); and, when ../shared/samples is there (CI clones it), the public Azure
    /// EA samples, actual and amortized.
    struct Dataset: Sendable {
        var files: [String]
        var rawCache: String
    }

    static let datasets: [String: Dataset] = {
        let folder = Support.temporaryFolder()
        let generator = (Support.binary as NSString).deletingLastPathComponent + "/costtop-samplegen"
        let made = Support.run(generator, ["--out", folder, "--rows", "30000", "--days", "70", "--seed", "11",
                                           "--format", "both", "--no-gzip"])
        precondition(made.status == 0, made.err)
        let gcp = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/gcp-samplegen.py", "--rows", "3000",
                                                "--seed", "4", "--shapes", "parquet", folder + "/gcp"])
        precondition(gcp.status == 0, gcp.err)
        // The files a raw ingest reads: the manifests leave out the superseded assembly.
        var found: [String: [String]] = [
            "cur": (try? SourceDiscovery.discover([folder + "/aws-cur"]).files) ?? [],
            "focus": (try? SourceDiscovery.discover([folder + "/focus"]).files) ?? [],
            "gcp": [folder + "/gcp/gcp-billing.parquet"],
        ]
        if let samples = Support.samples {
            found["azure-actual"] = [samples + "/finops-toolkit/EA_ActualCost_Small.csv"]
            found["azure-amortized"] = [samples + "/finops-toolkit/EA_AmortizedCost_Small.csv"]
            found["azure-ea"] = [samples + "/focus_converters/azure_ea_sample-anonymous-ea-export-dataset.csv"]
        }
        var datasets: [String: Dataset] = [:]
        for (name, files) in found where files.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
            let cache = folder + "/raw-\(name).ctc"
            let ingested = Support.costtop(["ingest"] + files + ["--cache", cache, "--quiet"])
            precondition(ingested.status == 0, ingested.err)
            datasets[name] = Dataset(files: files, rawCache: cache)
        }
        return datasets
    }()

    /// The questions asked of both caches (each with `--period all --format json`); Google Cloud's
    /// bill has its team label on the project, the Azure samples' tags differ from file to file.
    static func questions(_ source: String) -> [[String]] {
        let tags: [[String]] = source == "azure" ? [] : [
            ["query", "--by", source == "gcp" ? "tag:project:team" : "tag:team", "--metric", "effective"],
            ["query", "--by", "tag:env"],
        ]
        return tags + [
            ["query", "--by", "account"],
            ["query", "--by", "service", "--metric", "effective"],
            ["query", "--by", "usage-type", "--metric", "list"],
            ["query", "--by", "region", "--metric", "list"],
            ["query", "--by", "charge-category", "--metric", "effective"],
            ["query", "--by", "pricing-category"],
            ["query", "--by", "commitment", "--metric", "effective"],
            ["query", "--by", "day", "--metric", "effective"],
            ["query", "--by", "month", "--where", "charge-category=Usage", "--metric", "list"],
            ["query", "--by", "commitment-type", "--metric", "list"],
            ["coverage", "--by", "account"],
            ["commitments"],
        ]
    }

    /// One engine run: which export (`--source`), which of the datasets, what `costtop sql` is asked for.
    struct Run: Sendable, CustomTestStringConvertible {
        var engine: String
        var source: String
        var dataset: String
        var sqlArguments: [String]
        var testDescription: String { "\(engine) \(dataset) \(sqlArguments.joined(separator: " "))" }

        init(engine: String, source: String, dataset: String? = nil, sqlArguments: [String]) {
            self.engine = engine
            self.source = source
            self.dataset = dataset ?? (source == "cur2" ? "cur" : source)
            self.sqlArguments = sqlArguments
        }
    }

    static let duckDBRuns: [Run] = [
        Run(engine: "duckdb", source: "cur", sqlArguments: ["--tags", "team,env,app"]),
        Run(engine: "duckdb", source: "cur2", sqlArguments: ["--from", "2024-07-01", "--to", "2024-09-30"]),
        Run(engine: "duckdb", source: "focus", sqlArguments: ["--from", "2024-06-15", "--to", "2024-12-31"]),
        Run(engine: "duckdb", source: "gcp", sqlArguments: ["--table", "gcp_export", "--from", "2024-09-01", "--to", "2024-09-30"]),
        Run(engine: "duckdb", source: "azure", dataset: "azure-actual", sqlArguments: ["--azure-cost", "actual"]),
        Run(engine: "duckdb", source: "azure", dataset: "azure-amortized", sqlArguments: ["--azure-cost", "amortized"]),
        Run(engine: "duckdb", source: "azure", dataset: "azure-ea", sqlArguments: ["--from", "2019-01-01", "--to", "2030-12-31"]),
    ]

    @Test("DuckDB runs the printed SQL; its roll-up ingests to the raw export's answers", arguments: duckDBRuns)
    func duckDB(run: Run) throws {
        // The Azure samples live in ../shared/samples, which CI clones beside the repository.
        guard Self.datasets[run.dataset] != nil else {
            #expect(run.dataset.hasPrefix("azure"), "the generated \(run.dataset) export is missing")
            return
        }
        try check([run], engine: "duckdb")
    }

    static let hasPySpark = Support.run("/usr/bin/env", ["python3", "-c", "import pyspark"]).status == 0

    /// One Spark session (local[2]) runs all three, so its start is paid once.
    @Test("Spark (local mode) runs the printed SQL; its roll-ups ingest to the raw exports' answers",
          .enabled(if: hasPySpark, "pyspark is missing: python3 -m pip install pyspark (scripts/setup.sh installs it)"),
          .timeLimit(.minutes(5)))
    func spark() throws {
        try check([Run(engine: "spark", source: "cur", sqlArguments: ["--tags", "team,env,app", "--table", "athena_cur"]),
                   Run(engine: "spark", source: "focus", sqlArguments: []),
                   Run(engine: "spark", source: "gcp", sqlArguments: ["--table", "gcp_export"])],
                  engine: "spark")
    }

    /// Prints each run's SQL, runs them all in one engine session, ingests each output and compares
    /// every question's JSON with the raw export's.
    private func check(_ runs: [Run], engine: String) throws {
        let folder = Support.temporaryFolder()
        var jobs: [[String: Any]] = []
        for (number, run) in runs.enumerated() {
            // The view the script makes is named by --table, else after the source.
            let table = run.sqlArguments.firstIndex(of: "--table").map { run.sqlArguments[$0 + 1] } ?? run.source
            let tableArguments = run.sqlArguments.contains("--table") ? [] : ["--table", table]
            let sql = Support.costtop(["sql", "--engine", run.engine, "--source", run.source] + run.sqlArguments + tableArguments)
            #expect(sql.status == 0, "\(sql.err)")
            let dataset = try #require(Self.datasets[run.dataset], "\(run.dataset)")
            #expect(!dataset.files.isEmpty)
            jobs.append(["source": run.source, "table": table, "raw": dataset.files,
                         "sql": Support.write(sql.out, to: folder, "rollup-\(number).sql"), "out": folder + "/rollup-\(number)"])
        }
        let plan = folder + "/plan.json"
        try JSONSerialization.data(withJSONObject: jobs).write(to: URL(fileURLWithPath: plan))
        let result = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/rollup-run.py",
                                                  "--engine", engine, "--plan", plan])
        try #require(result.status == 0, "\(result.err)")

        for (number, run) in runs.enumerated() {
            let rolled = folder + "/rolled-\(number).ctc"
            let ingest = Support.costtop(["ingest", folder + "/rollup-\(number)", "--cache", rolled])
            try #require(ingest.status == 0, "\(ingest.err)")
            #expect(ingest.out.contains("focus-rollup"), "\(ingest.out)")
            for question in Self.questions(run.source) {
                let arguments = question + ["--period", "all", "--format", "json"]
                let expected = Support.costtop(arguments + ["--cache", Self.datasets[run.dataset]!.rawCache])
                let actual = Support.costtop(arguments + ["--cache", rolled])
                #expect(expected.status == 0 && actual.status == 0, "\(question): \(expected.err) \(actual.err)")
                #expect(expected.out.count > 40, "\(question) answered something")
                #expect(actual.out == expected.out, "\(run.testDescription) \(question.joined(separator: " "))")
            }
        }
    }
}
