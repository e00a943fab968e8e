import CostIngest
import CosttopTestSupport
import Foundation
import Testing

/// Google Cloud and Azure exports: reconciliation to the cent with scripts/reconcile-clouds.py (an
/// independent Decimal sum), one GCP bill in three shapes and one Azure bill in CSV and Parquet
/// giving the same answers, and the Azure actual/amortized guard.
@Suite("Google Cloud and Azure exports", .serialized)
struct CloudExportTests {
    static var azureSamples: [String] {
        guard let samples = Support.samples else { return [] }
        return ["/finops-toolkit/EA_ActualCost_Small.csv", "/finops-toolkit/EA_AmortizedCost_Small.csv",
                "/focus_converters/azure_ea_sample-anonymous-ea-export-dataset.csv"]
            .map { samples + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test("the public Azure EA samples reconcile to the cent per subscription and per meter category",
          arguments: azureSamples)
    func azureReconciles(sample: String) throws {
        let cache = Support.temporaryFolder() + "/azure.ctc"
        let ingest = Support.costtop(["ingest", sample, "--cache", cache])
        #expect(ingest.status == 0, "\(ingest.err)")
        let kind = sample.contains("Amortized") ? "azure-ea-amortized" : "azure-ea-actual"
        #expect(ingest.out.contains("formats       \(kind) (1 file)"), "\(ingest.out)")
        let currency = sample.contains("focus_converters") ? "CAD" : "USD"
        try Self.reconcile(cache: cache, input: sample, currency: currency)
    }

    @Test("a generated GCP bill reconciles and gives the same answers as JSONL, Parquet and flattened CSV")
    func gcpThreeShapes() throws {
        let folder = Support.temporaryFolder()
        let generated = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/gcp-samplegen.py",
                                                     "--rows", "4000", "--row-group", "1500", folder])
        #expect(generated.status == 0, "\(generated.err)")
        var answers: [String: String] = [:]
        for shape in ["jsonl", "parquet", "csv"] {
            let cache = folder + "/\(shape).ctc"
            let ingest = Support.costtop(["ingest", folder + "/gcp-billing.\(shape)", "--cache", cache, "--resources"])
            #expect(ingest.status == 0, "\(shape): \(ingest.err)")
            #expect(ingest.out.contains("formats       gcp (1 file)"))
            answers[shape] = Self.everyAnswer(cache: cache)
            try Self.reconcile(cache: cache, input: folder + "/gcp-billing.jsonl", currency: "USD")
        }
        #expect(answers["jsonl"]!.contains("Credit"))
        #expect(answers["jsonl"]!.contains("project:team"))
        #expect(answers["jsonl"] == answers["parquet"])
        #expect(answers["jsonl"] == answers["csv"])
    }

    @Test("an Azure export gives the same answers from CSV and from Parquet")
    func azureCSVAndParquet() throws {
        guard let sample = Self.azureSamples.first(where: { $0.contains("Amortized") }) else { return }
        let folder = Support.temporaryFolder()
        let parquet = folder + "/EA_AmortizedCost.parquet"
        // Amounts as DOUBLE, text as strings, as Cost Management's Parquet exports type them.
        let script = """
        import csv, sys, pyarrow as pa, pyarrow.parquet as pq
        rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
        numeric = {"Quantity", "EffectivePrice", "Cost", "UnitPrice", "PayGPrice"}
        columns = {name: pa.array([float(r[name]) if name in numeric else (r[name] or None) for r in rows],
                                  pa.float64() if name in numeric else pa.string()) for name in rows[0]}
        pq.write_table(pa.table(columns), sys.argv[2], row_group_size=10)
        """
        let converted = Support.run("/usr/bin/env", ["python3", "-c", script, sample, parquet])
        #expect(converted.status == 0, "\(converted.err)")
        var answers: [String] = []
        for input in [sample, parquet] {
            let cache = folder + "/\(answers.count).ctc"
            let ingest = Support.costtop(["ingest", input, "--cache", cache, "--resources"])
            #expect(ingest.status == 0, "\(ingest.err)")
            answers.append(Self.everyAnswer(cache: cache))
        }
        #expect(answers[0].contains("Reservation"))
        #expect(answers[0] == answers[1])
    }

    @Test("an actual and an amortized Azure export of one month are refused together; the cache stays")
    func actualAndAmortizedRefused() throws {
        let samples = Self.azureSamples.filter { $0.contains("finops-toolkit") }
        guard samples.count == 2 else { return }
        let folder = Support.temporaryFolder()
        let cache = folder + "/azure.ctc"
        #expect(Support.costtop(["ingest", samples[0], "--cache", cache, "--quiet"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cache))
        let both = Support.costtop(["ingest", samples[1], "--cache", cache])
        #expect(both.status != 0)
        #expect(both.err.contains("amortized-cost Azure export of 2023-09"), "\(both.err)")
        #expect(both.err.contains("EA_ActualCost_Small.csv"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before)
    }

    // MARK: - Helpers

    /// Every dimension's billed, list and commitment answers, and tags, as one text.
    static func everyAnswer(cache: String) -> String {
        var text = ""
        for by in ["provider", "billing-account", "account", "service", "usage-type", "region", "resource", "charge-category",
                   "pricing-category", "commitment", "commitment-type", "commitment-status", "currency", "day",
                   "tag:env", "tag:app", "tag:project:team", "tag:system:compute.googleapis.com/machine_spec"] {
            for metric in ["billed", "effective", "list"] {
                let query = Support.costtop(["query", "--cache", cache, "--by", by, "--metric", metric, "--period", "all",
                                             "--compare", "none", "--format", "csv"])
                text += "\(by) \(metric)\n\(query.out)\(query.err)"
            }
        }
        text += Support.costtop(["commitments", "--cache", cache, "--period", "all", "--format", "csv"]).out
        text += Support.costtop(["coverage", "--cache", cache, "--period", "all", "--format", "csv"]).out
        return text
    }

    /// The cache's per-account and per-service totals against the oracle's, to the cent.
    static func reconcile(cache: String, input: String, currency: String) throws {
        for by in ["service", "account"] {
            for metric in ["billed", "effective"] {
                let oracle = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/reconcile-clouds.py",
                                                          "--by", by, "--metric", metric, "--currency", currency, input])
                #expect(oracle.status == 0, "\(oracle.err)")
                let expected = try JSONSerialization.jsonObject(with: Data(oracle.out.utf8)) as! [String: String]
                let query = Support.costtop(["query", "--cache", cache, "--by", by, "--metric", metric, "--period", "all",
                                             "--compare", "none", "--format", "csv", "--currency", currency])
                #expect(query.status == 0, "\(query.err)")
                var actual: [String: String] = [:]
                for line in query.out.split(separator: "\n").dropFirst() where !line.hasPrefix("TOTAL,") {
                    let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                    actual[String(cells[0])] = String(cells[2])
                }
                #expect(!expected.isEmpty)
                #expect(actual == expected, "\(input) by \(by), \(metric)")
            }
        }
    }
}
