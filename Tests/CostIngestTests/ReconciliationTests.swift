import CostIngest
import CosttopTestSupport
import Foundation
import Testing

/// Totals from the real `costtop` binary must equal an independent Decimal sum of the raw files
/// (scripts/reconcile.py, Python's csv + decimal, no shared code), to the cent.
@Suite("Reconciliation against an independent sum", .serialized)
struct ReconciliationTests {
    static var datasets: [String] {
        var sets = [Support.repository + "/sample-data/aws-cur", Support.repository + "/sample-data/focus"]
        if let samples = Support.samples {
            sets += [samples + "/focus-sample-data", samples + "/focus_converters/aws_legacy_cur_sample-anonymous-aws-export-dataset.csv"]
        }
        return sets.filter { FileManager.default.fileExists(atPath: $0) }
    }

    @Test("per-service and per-account totals reconcile to the cent", arguments: datasets)
    func reconcile(dataset: String) throws {
        try Self.reconcile(dataset: dataset, ingesting: dataset)
    }

    @Test("the same exports written as Parquet (CUR 2.0 with DOUBLE amounts, FOCUS with DECIMAL) reconcile to the cent",
          arguments: datasets)
    func reconcileParquet(dataset: String) throws {
        let folder = Support.temporaryFolder() + "/parquet"
        // Only the files the CSV ingest reads (the current assemblies of a CUR folder).
        let sources = Support.costtop(["ingest", dataset, "--cache", folder + "-probe.ctc", "--quiet"]).status == 0
            ? try CostIngest.SourceDiscovery.discover([dataset]).files : []
        #expect(!sources.isEmpty)
        let header = try Self.firstLine(sources[0])
        let focus = header.contains("BilledCost")
        for (index, source) in sources.enumerated() {
            let script = Support.repository + (focus ? "/scripts/focus-to-parquet.py" : "/scripts/cur-to-parquet.py")
            let arguments = focus ? [script, folder + "/\(index)", source] : [script, source, folder + "/part-\(index).parquet", "--row-group", "4000"]
            let converted = Support.run("/usr/bin/env", ["python3"] + arguments)
            #expect(converted.status == 0, "\(converted.err)")
        }
        try Self.reconcile(dataset: dataset, ingesting: folder)
    }

    private static func firstLine(_ path: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if path.hasSuffix(".gz") {
            let result = Support.run("/bin/sh", ["-c", "zcat '\(path)' | head -1"])
            return result.out
        }
        return String(decoding: data.prefix(4096), as: UTF8.self).components(separatedBy: "\n")[0]
    }

    /// Ingests `input` and compares its per-service and per-account totals with the oracle's sum of
    /// the CSV files of `dataset`.
    private static func reconcile(dataset: String, ingesting input: String) throws {
        let cache = Support.temporaryFolder() + "/r.ctc"
        let ingest = Support.costtop(["ingest", input, "--cache", cache, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.err)")
        for by in ["service", "account"] {
            for metric in ["billed", "effective"] {
                let oracle = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/reconcile.py",
                                                          "--by", by, "--metric", metric, dataset])
                #expect(oracle.status == 0, "\(oracle.err)")
                let expected = try JSONSerialization.jsonObject(with: Data(oracle.out.utf8)) as! [String: String]
                let query = Support.costtop(["query", "--cache", cache, "--by", by, "--metric", metric, "--period", "all",
                                             "--compare", "none", "--format", "csv", "--currency", "USD"])
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
