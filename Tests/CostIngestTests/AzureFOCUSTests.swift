import CostModel
import CosttopTestSupport
import Foundation
import Testing

/// Azure's FOCUS export goes through the FOCUS adapter: the Microsoft rows of the FOCUS sample
/// data (../shared/samples/focus-sample-data, FOCUS 1.0 as Cost Management writes it) reconcile
/// per subscription and per service with an independent Python Decimal sum, to the cent through
/// the command line and to the nano-unit in the cache.
@Suite("Azure FOCUS export", .serialized)
struct AzureFOCUSTests {
    /// Writes the Microsoft rows of the sample, as Cost Management names a FOCUS export's parts.
    static func azureFOCUS() -> String? {
        guard let samples = Support.samples else { return nil }
        let sample = samples + "/focus-sample-data/focus_sample.csv"
        guard FileManager.default.fileExists(atPath: sample) else { return nil }
        let output = Support.temporaryFolder() + "/exports/focuscost/20240901-20240930/part_0_0001.csv"
        try? FileManager.default.createDirectory(atPath: (output as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        let script = """
        import csv, sys
        rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
        with open(sys.argv[2], "w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(r for r in rows if r["ProviderName"] == "Microsoft")
        """
        let result = Support.run("/usr/bin/env", ["python3", "-c", script, sample, output])
        #expect(result.status == 0, "\(result.err)")
        return output
    }

    /// Sums of BilledCost or EffectiveCost per SubAccountId or ServiceName, as decimal strings,
    /// rounded half up to `places` decimals.
    static func oracle(_ path: String, column: String, metric: String, places: Int) throws -> [String: String] {
        let script = """
        import csv, decimal, json, sys
        D = decimal.Decimal
        decimal.getcontext().prec = 60
        sums = {}
        for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline="")):
            value = row[sys.argv[3]]
            amount = D(0) if value in ("", "NULL", "null") else D(value)
            key = row[sys.argv[2]] if row[sys.argv[2]] not in ("", "NULL", "null") else "(none)"
            sums[key] = sums.get(key, D(0)) + amount
        step = D(1).scaleb(-int(sys.argv[4]))
        print(json.dumps({k: format(v.quantize(step, rounding=decimal.ROUND_HALF_UP), "f") for k, v in sums.items()}))
        """
        let result = Support.run("/usr/bin/env", ["python3", "-c", script, path, column, metric, "\(places)"])
        #expect(result.status == 0, "\(result.err)")
        return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: String]
    }

    @Test("the Azure FOCUS sample is read as FOCUS and reconciles per subscription and per service")
    func reconciles() throws {
        guard let input = Self.azureFOCUS() else { return }
        let folder = (input as NSString).deletingLastPathComponent
        let cache = folder + "/azure-focus.ctc"
        let ingest = Support.costtop(["ingest", input, "--cache", cache])
        #expect(ingest.status == 0, "\(ingest.err)")
        #expect(ingest.out.contains("formats       focus (1 file)"), "\(ingest.out)")
        #expect(ingest.out.contains("line items    51 line items, 0 rejected"), "\(ingest.out)")
        // A FOCUS file carries both kinds of cost, so no kind is told for it.
        #expect(!ingest.out.contains("cost kind"))

        for (by, column) in [("account", "SubAccountId"), ("service", "ServiceName")] {
            for (metric, costColumn) in [("billed", "BilledCost"), ("effective", "EffectiveCost")] {
                let expected = try Self.oracle(input, column: column, metric: costColumn, places: 2)
                let query = Support.costtop(["query", "--cache", cache, "--by", by, "--metric", metric, "--period", "all",
                                             "--compare", "none", "--format", "csv"])
                #expect(query.status == 0, "\(query.err)")
                var actual: [String: String] = [:]
                for line in query.out.split(separator: "\n").dropFirst() where !line.hasPrefix("TOTAL,") {
                    let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                    actual[String(cells[0])] = String(cells[2])
                }
                #expect(expected.count >= 4)
                #expect(actual == expected, "by \(by), \(metric)")

                // The amounts are fractions of a cent: compare the cache's exact sums too.
                let exact = try Self.oracle(input, column: column, metric: costColumn, places: 9)
                let (_, opened) = try Support.ingest([input])
                let metricValue: Metric = metric == "billed" ? .billed : .effective
                let sums = try totals(opened, by: .fixed(by == "account" ? .account : .service), metric: metricValue)
                #expect(sums.mapValues { Money.plainString($0, digits: 9) } == exact, "by \(by), \(metric), exact")
            }
        }
        let provider = Support.costtop(["query", "--cache", cache, "--by", "provider", "--period", "all", "--format", "csv"])
        #expect(provider.out.contains("\nMicrosoft,"), "\(provider.out)")
    }
}
