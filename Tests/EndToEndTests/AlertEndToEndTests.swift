import CostEngine
import CostReports
import Foundation
import CosttopTestSupport
import Testing

/// `costtop alert` end to end: only what no earlier run reported, exit 10 then 0, state beside the
/// cache surviving re-ingests, `--exec` receiving the JSON (docs/alerting.md).
@Suite("costtop alert")
struct AlertEndToEndTests {
    /// Two accounts over 40 days: account A's EC2 spikes on days 34–35, and from day 40 (the day a
    /// re-ingest adds) B's Lambda jumps too.
    func bill() -> AnomalyBill {
        var bill = AnomalyBill(series: [
            .init(account: "111111111111", service: "AmazonEC2", usageType: "BoxUsage:m5.large", env: "prod", team: "web", level: 100),
            .init(account: "111111111111", service: "AmazonS3", usageType: "TimedStorage-ByteHrs", env: "prod", team: "data", level: 40),
            .init(account: "222222222222", service: "AWSLambda", usageType: "Lambda-GB-Second", env: "dev", team: "web", level: 30),
        ])
        bill.plant(600, series: 0, days: [34, 35])
        bill.plant(900, series: 2, days: [40])
        return bill
    }

    func alert(_ cache: String, _ extra: [String] = []) -> (status: Int32, out: String, err: String) {
        Support.costtop(["alert", "--cache", cache] + extra)
    }

    func keysOfAnomaliesJSON(_ cache: String) throws -> Set<String> {
        let result = Support.costtop(["anomalies", "--cache", cache, "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]])
        return Set(try #require(list.first).keys)
    }

    @Test("twice on one cache: 10 with the anomaly, then 0 and silent; a re-ingest with one new day reports only the new one")
    func twiceThenNewDay() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        Support.write(bill().csv(days: 0..<40), to: folder + "/exports", "days-0-39.csv")
        #expect(Support.costtop(["ingest", folder + "/exports", "--cache", cache, "--quiet"]).status == 0)

        let first = alert(cache, ["--format", "json"])
        #expect(first.status == 10, "\(first.err)")
        let document = try JSONDecoder().decode(AlertDocument.self, from: Data(first.out.utf8))
        #expect(document.anomalies.map { $0.path.map(\.key) } == [["111111111111", "AmazonEC2", "BoxUsage:m5.large"]])
        #expect(document.anomalies.first?.start == "2024-08-04")
        // The same fields as `costtop anomalies --format json`, in an object.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["anomalies"])
        let alerted = try #require((object["anomalies"] as? [[String: Any]])?.first)
        #expect(Set(alerted.keys) == (try keysOfAnomaliesJSON(cache)))
        #expect(FileManager.default.fileExists(atPath: cache + ".alerted.csv"))

        let second = alert(cache)
        #expect(second.status == 0 && second.out.isEmpty, "\(second)")

        // The next day's export arrives: the cache is rebuilt from both files, the log beside it stays.
        Support.write(bill().csv(days: 40..<41), to: folder + "/exports", "day-40.csv")
        #expect(Support.costtop(["ingest", folder + "/exports", "--cache", cache, "--quiet"]).status == 0)
        let third = alert(cache, ["--format", "json"])
        #expect(third.status == 10, "\(third.err)")
        let fresh = try JSONDecoder().decode(AlertDocument.self, from: Data(third.out.utf8))
        #expect(fresh.anomalies.map { $0.path.first?.key } == ["222222222222"], "\(third.out)")
        #expect(fresh.anomalies.first?.start == "2024-08-10" && fresh.anomalies.first?.ongoing == true)
        #expect(alert(cache).status == 0)

        // `--fresh` rebuilds the cache from nothing: still nothing new.
        #expect(Support.costtop(["ingest", folder + "/exports", "--cache", cache, "--quiet", "--fresh"]).status == 0)
        #expect(alert(cache).status == 0)
    }

    @Test("--exec receives the JSON once; a failing command records nothing (exit 75) and the next run retries")
    func execReceivesJSON() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let file = Support.write(bill().csv(days: 0..<41), to: folder, "bill.csv")
        #expect(Support.costtop(["ingest", file, "--cache", cache, "--quiet"]).status == 0)

        let failed = alert(cache, ["--format", "json", "--exec", "cat > /dev/null; exit 3"])
        #expect(failed.status == 75 && failed.err.contains("status 3"), "\(failed)")
        #expect(!FileManager.default.fileExists(atPath: cache + ".alerted.csv"))

        let received = folder + "/received.json"
        let runs = folder + "/runs"
        let delivered = alert(cache, ["--format", "json", "--exec", "cat > '\(received)'; echo run >> '\(runs)'"])
        #expect(delivered.status == 10 && delivered.out.isEmpty, "\(delivered)")
        let document = try JSONDecoder().decode(AlertDocument.self, from: try Data(contentsOf: URL(fileURLWithPath: received)))
        #expect(Set(document.anomalies.map { $0.path.first!.key }) == ["111111111111", "222222222222"])
        #expect(try String(contentsOfFile: runs, encoding: .utf8) == "run\n", "one delivery per run")

        // Nothing new: the command is not run at all.
        #expect(alert(cache, ["--exec", "echo run >> '\(runs)'"]).status == 0)
        #expect(try String(contentsOfFile: runs, encoding: .utf8) == "run\n")
    }

    @Test("text and markdown name the new anomalies; a missing cache keeps its error code")
    func formatsAndErrors() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let file = Support.write(bill().csv(days: 0..<41), to: folder, "bill.csv")
        #expect(Support.costtop(["ingest", file, "--cache", cache, "--quiet"]).status == 0)
        let markdown = alert(cache, ["--format", "markdown", "--min-impact", "500"])
        #expect(markdown.status == 10 && markdown.out.contains("| ") && markdown.out.contains("new anomal"), "\(markdown)")
        #expect(alert(folder + "/none.ctc").status == 66)
        #expect(alert(cache, ["--format", "csv"]).status == 64)
    }
}
