import CostCache
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostEngine

/// The detector on hand-made series with known answers.
@Suite("Anomaly detection")
struct AnomalyTests {
    let detector = SeriesDetector(settings: AnomalySettings())

    /// 70 days of a weekly pattern: 100 on weekdays, 60 on weekends, with ±2 of deterministic noise.
    func baseline(days: Int = 70) -> [Double] {
        (0..<days).map { (day: Int) -> Double in
            let level: Double = day % 7 >= 5 ? 60 : 100
            let noise = Double((day * 7919) % 5) - 2
            return level + noise
        }
    }

    func episodes(_ series: [Double], missing: [Int] = [], partialLast: Bool = false) -> [SeriesDetector.Episode] {
        var mask = [Bool](repeating: false, count: series.count)
        for day in missing { mask[day] = true }
        return detector.episodes(series, missing: mask, partialLast: partialLast, from: 28)
    }

    @Test("a steady weekly pattern has no anomalies (weekends are not drops)")
    func quiet() {
        #expect(episodes(baseline()).isEmpty)
    }

    @Test("a two-day spike: kind, days, expected and actual")
    func spike() throws {
        var series = baseline()
        series[50] += 400
        series[51] += 300
        let found = episodes(series)
        #expect(found.count == 1)
        let spike = try #require(found.first)
        #expect(spike.kind == .spike && spike.first == 50 && spike.last == 51 && !spike.ongoing)
        #expect(abs(spike.actual - spike.expected - 700) < 10)
    }

    @Test("a level shift is reported once, at its start")
    func levelShift() throws {
        var series = baseline()
        for day in 45..<70 { series[day] *= 2 }
        let found = episodes(series)
        #expect(found.count == 1)
        #expect(found.first?.kind == .levelShift && found.first?.first == 45 && found.first?.ongoing == true)
    }

    @Test("new spend and stopped spend")
    func newAndStopped() {
        var fresh = [Double](repeating: 0, count: 70)
        for day in 55..<70 { fresh[day] = 80 }
        #expect(episodes(fresh).map(\.kind) == [.newSpend])
        #expect(episodes(fresh).first?.first == 55)
        var stopped = baseline()
        for day in 60..<70 { stopped[day] = 0 }
        let found = episodes(stopped)
        #expect(found.map(\.kind) == [.stoppedSpend] && found.first?.first == 60)
    }

    @Test("gradual growth over weeks")
    func growth() {
        let series = (0..<70).map { day in day < 42 ? 100.0 : 100.0 * pow(1.03, Double(day - 42)) }
        let found = episodes(series)
        #expect(found.contains { $0.kind == .gradualGrowth })
    }

    @Test("missing days are not anomalies; a partial last day is not a stop")
    func missingAndPartial() {
        var series = baseline()
        series[60] = 0
        series[61] = 0
        #expect(episodes(series, missing: [60, 61]).isEmpty)
        var late = baseline()
        late[68] = 0
        late[69] = 0
        #expect(episodes(late, missing: [68], partialLast: true).isEmpty)
    }

    @Test("on a bill: root causes explain the impact, and each cause is reported once, at the deepest node")
    func onABill() throws {
        // Two accounts, two services each, 70 days; account A's EC2 usage spikes on two days.
        var lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost"]
        let start = Day("2024-07-01")!
        for offset in 0..<70 {
            let day = start.adding(days: offset)
            let weekend = offset % 7 >= 5
            for (account, service, type, base) in [("A", "AmazonEC2", "BoxUsage:m5.large", 100.0), ("A", "AmazonS3", "TimedStorage", 40.0),
                                                   ("B", "AmazonEC2", "BoxUsage:c6i.large", 70.0), ("B", "AWSLambda", "Lambda-GB-Second", 30.0)] {
                let factor: Double = weekend ? 0.6 : 1
                var cost = factor * base + Double((offset * 31) % 3)
                if account == "A" && service == "AmazonEC2" && (offset == 60 || offset == 61) { cost += 500 }
                lines.append("\(day)T00:00:00Z,\(account),\(service),\(type),\(String(format: "%.2f", cost))")
            }
        }
        let file = Support.write(lines.joined(separator: "\n") + "\n", to: Support.temporaryFolder(), "cur.csv")
        let (_, cache) = try Support.ingest([file])
        let anomalies = try AnomalyDetector(cache: cache).detect(since: start.adding(days: 28))
        let hierarchy = anomalies.filter { $0.path.first?.dimension == "account" }
        #expect(hierarchy.count == 1, "\(anomalies.map { ($0.path.map(\.key), $0.kind, $0.impact) })")
        let spike = try #require(hierarchy.first)
        #expect(spike.path.map(\.key) == ["A", "AmazonEC2", "BoxUsage:m5.large"])
        // The region carries the whole spike too (all of this usage runs there).
        #expect(spike.rootCauses.contains { $0.dimension == "region" && $0.key == "(none)" && abs($0.impact - spike.impact) < 20 })
        #expect(spike.start == start.adding(days: 60) && spike.end == start.adding(days: 61))
        #expect(abs(spike.impact - 1000) < 20)
        // At the account level, the root cause that explains the impact is EC2.
        let detector = AnomalyDetector(cache: cache, settings: { var s = AnomalySettings(); s.explainedShare = 2; return s }())
        let all = try detector.detect(since: start.adding(days: 28))
        let account = try #require(all.first { $0.path.map(\.key) == ["A"] })
        #expect(account.rootCauses.first?.key == "AmazonEC2")
        // The attribution adds up: EC2 carries the spike, S3 (unchanged) next to nothing. (Each view —
        // children, regions, tag values — adds up on its own; here the children.)
        let causes = account.rootCauses.filter { $0.dimension == "service" }.reduce(0) { $0 + $1.impact }
        #expect(abs(causes - account.impact) < 0.02 * account.impact)
        #expect(account.rootCauses.first!.impact > 0.95 * account.impact)
    }

    @Test("feedback: an anomaly marked expected is hidden unless asked for, and the mark survives a re-ingest")
    func feedback() throws {
        var lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost"]
        let start = Day("2024-07-01")!
        for offset in 0..<70 {
            let cost = (offset % 7 >= 5 ? 60.0 : 100.0) + (offset == 60 ? 600 : 0)
            lines.append("\(start.adding(days: offset))T00:00:00Z,A,AmazonEC2,BoxUsage:m5.large,\(cost)")
        }
        let folder = Support.temporaryFolder()
        let file = Support.write(lines.joined(separator: "\n") + "\n", to: folder, "cur.csv")
        let cache = folder + "/c.ctc"
        #expect(Support.costtop(["ingest", file, "--cache", cache, "--quiet"]).status == 0)
        func listed(_ extra: [String] = []) throws -> [[String: Any]] {
            let result = Support.costtop(["anomalies", "--cache", cache, "--format", "json"] + extra)
            #expect(result.status == 0, "\(result.err)")
            return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [[String: Any]]
        }
        let before = try listed()
        #expect(before.count == 1 && before.first?["kind"] as? String == "spike")
        #expect(Set(before[0].keys).isSuperset(of: ["start", "end", "ongoing", "path", "kind", "expected", "actual", "impact",
                                                    "impactPct", "score", "rootCauses"]))
        let anomaly = try #require(try AnomalyDetector(cache: CacheFile(path: cache)).detect().first)
        var feedback = try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache))
        try feedback.set(.expected, for: anomaly)
        #expect(try listed().isEmpty)
        #expect(try listed(["--all"]).count == 1)
        #expect(Support.costtop(["ingest", file, "--cache", cache, "--quiet", "--fresh"]).status == 0)
        #expect(try listed().isEmpty)
        #expect(try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache)).verdict(for: anomaly) == .expected)
    }
}

@Suite("Sliding window statistics")
struct SortedWindowTests {
    @Test("a window kept sorted while it slides gives the same median and MAD as sorting fresh copies")
    func slidingMatchesSorting() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            // Small integers make ties common; zeros are frequent in real series.
            let series = (0..<60).map { _ in Double(Int.random(in: 0...6, using: &generator)) * 1.5 }
            let width = Int.random(in: 1...28, using: &generator)
            var window = SortedWindow(capacity: width)
            for index in 0..<width { window.insert(series[index]) }
            for end in width..<series.count {
                let copy = Array(series[(end - width)..<end])
                let center = median(copy)
                #expect(window.values == copy.sorted())
                #expect(window.medianAbsoluteDeviation() == median(copy.map { abs($0 - center) }))
                window.remove(series[end - width])
                window.insert(series[end])
            }
        }
        #expect(SortedWindow(capacity: 4).medianAbsoluteDeviation() == 0)
    }
}
