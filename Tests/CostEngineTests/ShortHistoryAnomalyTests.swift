import CostCache
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostEngine

/// Detection with less than the four weeks of baseline: new accounts, exports and services
/// (docs/anomalies.md, *Short history*).
@Suite("Anomalies on short history")
struct ShortHistoryAnomalyTests {
    let detector = SeriesDetector(settings: AnomalySettings())

    /// Weekday 100, weekend 60, ±2 of deterministic noise.
    func weekly(_ days: Int) -> [Double] {
        (0..<days).map { (day: Int) -> Double in
            let level: Double = day % 7 >= 5 ? 60 : 100
            return level + Double((day * 7919) % 5) - 2
        }
    }

    func episodes(_ series: [Double]) -> [SeriesDetector.Episode] {
        detector.episodes(series, missing: [Bool](repeating: false, count: series.count), partialLast: false, from: 0)
    }

    @Test("a quiet weekly pattern of 8 to 27 days raises nothing")
    func quiet() {
        for days in 8..<28 { #expect(episodes(weekly(days)).isEmpty, "\(days) days") }
    }

    @Test("from 7 days: a spike against the days there are, with the history it stood on")
    func spikeFromAWeek() throws {
        for day in [7, 13, 20] {
            var series = weekly(21)
            series[day] += 400
            let found = episodes(series)
            let spike = try #require(found.first, "spike on day \(day)")
            #expect(found.count == 1 && spike.kind == .spike && spike.first == day && spike.history == day)
        }
    }

    @Test("under a week: only a jump that dwarfs every earlier day, or new spend after 3 days")
    func underAWeek() {
        var series = weekly(6)
        series[4] += 150
        #expect(episodes(series).isEmpty, "2.5× a normal day is not judged on 4 days")
        series[4] += 1000
        #expect(episodes(series).map(\.first) == [4] && episodes(series).first?.history == 4)
        // A weekday-only series seen from a Saturday is not new on Monday (two days of history) ...
        let weekdays = [0, 0, 80, 80, 80, 80, 80, 0, 0, 80.0]
        #expect(episodes(weekdays).isEmpty)
        // ... but a series with nothing for three days is.
        let fresh = [0, 0, 0, 0, 50, 50, 50, 50.0]
        #expect(episodes(fresh).map(\.kind) == [.newSpend] && episodes(fresh).first?.first == 4)
    }

    @Test("the issue's case: a $4,992 one-day S3 burst on a 3-week bill is reported, at the usage type")
    func burstOnThreeWeeks() throws {
        var bill = AnomalyBill(series: [
            .init(account: "223344556677", service: "AmazonS3", usageType: "USE1-Requests-Tier1", env: "prod", team: "data", level: 3),
            .init(account: "223344556677", service: "AmazonEC2", usageType: "BoxUsage:m5.large", env: "prod", team: "web", level: 400),
            .init(account: "334455667788", service: "AmazonRDS", usageType: "InstanceUsage:db.r5", env: "prod", team: "web", level: 250),
        ])
        bill.plant(4992, series: 0, days: [18])
        let file = Support.write(bill.csv(days: 0..<21), to: Support.temporaryFolder(), "cur.csv")
        let (_, cache) = try Support.ingest([file])
        let found = try AnomalyDetector(cache: cache).detect()
        let burst = try #require(found.first)
        #expect(found.count == 1, "\(found.map { ($0.path.map(\.key), $0.kind, $0.impact) })")
        #expect(burst.path.map(\.key) == ["223344556677", "AmazonS3", "USE1-Requests-Tier1"] && burst.kind == .spike)
        #expect(burst.start == bill.start.adding(days: 18) && burst.history == 18)
        #expect(abs(burst.impact - 4992) < 10)
        // The tag values and the region that rose with it are the same cause.
        #expect(Set(burst.alsoSeenAs.map { "\($0.dimension)=\($0.key)" }).isSuperset(of: ["tag:env=prod", "tag:team=data"]))
    }
}
