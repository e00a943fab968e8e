import Foundation
import CosttopTestSupport
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
        let cache = Support.temporaryFolder() + "/r.ctc"
        let ingest = Support.costtop(["ingest", dataset, "--cache", cache, "--quiet"])
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
                #expect(actual == expected, "\(dataset) by \(by), \(metric)")
            }
        }
    }
}
