import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing

/// The detector against planted, labelled anomalies of every kind (a small set; the large one is
/// scripts/eval-anomalies.py, figures in docs/anomalies.md). Targets from issue #4: recall ≥ 0.9,
/// precision ≥ 0.8, and at most one false alarm per 30 days on a quiet bill of 12 accounts.
@Suite("Anomaly evaluation", .serialized)
struct AnomalyEvaluationTests {
    struct Label {
        var kind: String
        var path: [String]
        var start: Day
        var end: Day
    }

    func generate(_ extra: [String]) throws -> (CacheFile, [Label]) {
        let folder = Support.temporaryFolder()
        let generator = (Support.binary as NSString).deletingLastPathComponent + "/costtop-samplegen"
        let labels = folder + "/labels.csv"
        let result = Support.run(generator, ["--out", folder + "/bill", "--rows", "120000", "--days", "120", "--seed", "5",
                                             "--format", "cur", "--no-gzip", "--no-stories", "--labels", labels] + extra)
        #expect(result.status == 0, "\(result.err)")
        let (_, cache) = try Support.ingest([folder + "/bill"])
        let text = (try? String(contentsOfFile: labels, encoding: .utf8)) ?? ""
        let parsed = text.split(separator: "\n").dropFirst().map { line -> Label in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Label(kind: f[0], path: [f[1], f[2], f[3]], start: Day(f[4])!, end: Day(f[5])!)
        }
        return (cache, parsed)
    }

    /// A detection matches a label on the labelled node or an ancestor, starting between the
    /// label's first day and three days after its last.
    func matches(_ anomaly: Anomaly, _ label: Label) -> Bool {
        guard anomaly.path.first?.dimension == "account" else { return false }
        let keys = anomaly.path.map(\.key)
        return keys == Array(label.path.prefix(keys.count)) && anomaly.start >= label.start
            && anomaly.start <= label.end.adding(days: 3)
    }

    @Test("recall ≥ 0.9 and precision ≥ 0.8 on planted anomalies; few false alarms on a quiet bill")
    func evaluation() throws {
        let (planted, labels) = try generate(["--anomalies", "20"])
        #expect(labels.count == 20)
        let since = labels.map(\.start).min()!
        let found = try AnomalyDetector(cache: planted).detect(since: since)
        let recalled = labels.filter { label in found.contains { matches($0, label) } }.count
        let correct = found.filter { anomaly in labels.contains { matches(anomaly, $0) } }.count
        let recall = Double(recalled) / Double(labels.count)
        let precision = Double(correct) / Double(max(1, found.count))
        #expect(recall >= 0.9, "recall \(recall)")
        #expect(precision >= 0.8, "precision \(precision)")

        let (quiet, none) = try generate([])
        #expect(none.isEmpty)
        let days = Int(quiet.dayRange!.to.index - since.index) + 1
        let alarms = try AnomalyDetector(cache: quiet).detect(since: since)
        #expect(Double(alarms.count) * 30 / Double(days) <= 1, "\(alarms.count) false alarms in \(days) days")
    }
}
