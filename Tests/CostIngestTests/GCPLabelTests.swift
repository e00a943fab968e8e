import CosttopTestSupport
import Foundation
import Testing

/// Google Cloud's three label lists as tags: `labels` as they are, `project.labels` under
/// `project:`, `system_labels` under `system:`; per-value totals in every shape against an
/// independent Python Decimal sum of the JSON Lines file.
@Suite("Google Cloud labels, project labels and system labels", .serialized)
struct GCPLabelTests {
    /// Billed cost (cost + Σ credits) per value of one label list's key, `(untagged)` for rows
    /// without it, rounded half up to the cent.
    static func oracle(_ jsonl: String, list: String, key: String) throws -> [String: String] {
        let script = """
        import decimal, json, sys
        D = decimal.Decimal
        decimal.getcontext().prec = 60
        path, listpath, key = sys.argv[1:4]
        sums = {}
        for line in open(path):
            row = json.loads(line, parse_float=D, parse_int=D)
            node = row
            for part in listpath.split("."):
                node = (node or {}).get(part)
            values = [e["value"] for e in (node or []) if e["key"] == key]
            value = values[0] if values else "(untagged)"
            billed = D(str(row["cost"])) + sum((D(str(c["amount"])) for c in row.get("credits") or []), D(0))
            sums[value] = sums.get(value, D(0)) + billed
        print(json.dumps({k: format(v.quantize(D("0.01"), rounding=decimal.ROUND_HALF_UP), "f") for k, v in sums.items()}))
        """
        let result = Support.run("/usr/bin/env", ["python3", "-c", script, jsonl, list, key])
        #expect(result.status == 0, "\(result.err)")
        return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: String]
    }

    @Test("system labels are tags under system:, project labels under project:, in JSON Lines, Parquet and CSV")
    func labels() throws {
        let folder = Support.temporaryFolder()
        let generated = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/gcp-samplegen.py",
                                                     "--rows", "1500", folder])
        #expect(generated.status == 0, "\(generated.err)")
        let jsonl = folder + "/gcp-billing.jsonl"
        let checks = [("system_labels", "compute.googleapis.com/machine_spec", "tag:system:compute.googleapis.com/machine_spec"),
                      ("project.labels", "team", "tag:project:team"), ("labels", "env", "tag:env")]
        for shape in ["jsonl", "parquet", "csv"] {
            let cache = folder + "/\(shape).ctc"
            let ingest = Support.costtop(["ingest", folder + "/gcp-billing.\(shape)", "--cache", cache, "--quiet"])
            #expect(ingest.status == 0, "\(shape): \(ingest.err)")
            for (list, key, dimension) in checks {
                let expected = try Self.oracle(jsonl, list: list, key: key)
                let query = Support.costtop(["query", "--cache", cache, "--by", dimension, "--period", "all",
                                             "--compare", "none", "--format", "csv"])
                #expect(query.status == 0, "\(query.err)")
                var actual: [String: String] = [:]
                for line in query.out.split(separator: "\n").dropFirst() where !line.hasPrefix("TOTAL,") {
                    let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                    actual[String(cells[0])] = String(cells[2])
                }
                #expect(expected.count >= 2, "\(dimension)")
                #expect(actual == expected, "\(shape) by \(dimension)")
            }
        }
        // Google's labels never mix with the user's: the plain key is not a tag.
        let plain = Support.costtop(["query", "--cache", folder + "/jsonl.ctc", "--by", "tag:compute.googleapis.com/machine_spec",
                                     "--period", "all", "--format", "csv"])
        #expect(!plain.out.contains("n2-standard-4"))
    }
}
