import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The anomalies screen on call: ongoing and most recent first with a key for largest impact, the
/// selected anomaly in full in a detail area, rows abbreviated to fit 80 columns.
@Suite("Anomaly screen on call", .serialized)
struct AnomalyScreenOnCallTests {
    /// A $2,400 spike on days 40–41 of S3 in one account, and later (from day 62, still going) a
    /// $150-a-day EC2 level shift in another, on a 70-day bill with two tag keys.
    func explorer() throws -> (Explorer, ScriptedSession, [Anomaly]) {
        var bill = AnomalyBill(series: [
            .init(account: "223344556677", service: "AmazonS3", usageType: "USE1-TimedStorage-ByteHrs", env: "prod", team: "data", level: 200),
            .init(account: "334455667788", service: "AmazonEC2", usageType: "USE1-BoxUsage:m5.2xlarge", env: "prod", team: "web", level: 300),
            .init(account: "334455667788", service: "AWSLambda", usageType: "USE1-Lambda-GB-Second", env: "dev", team: "web", level: 90),
        ])
        bill.plant(1200, series: 0, days: [40, 41])
        bill.plant(150, series: 1, days: Array(62..<70))
        let folder = Support.temporaryFolder()
        let file = Support.write(bill.csv(days: 0..<70), to: folder, "cur.csv")
        let cache = try Support.ingest([file], cache: folder + "/bill.ctc").1
        let found = try AnomalyDetector(cache: cache).detect()
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        explorer.setAnomalies(found)
        return (explorer, ScriptedSession(explorer), found)
    }

    func lines(_ explorer: Explorer, _ width: Int = 80, _ height: Int = 24) -> [String] {
        ExplorerRenderer.render(explorer, width: width, height: height, unicode: true).lines
    }

    @Test("ongoing and most recent first; s switches to largest impact first and the selection follows")
    func order() throws {
        let (explorer, session, found) = try explorer()
        #expect(found.count == 2, "\(found.map { ($0.path.map(\.key), $0.kind, $0.impact) })")
        session.run(.anomalies)
        var screen = lines(explorer)
        #expect(screen[1].contains("2 anomalies, ongoing and most recent first"))
        // At 80 columns the usage type stays whole and the service short; the account gives way.
        #expect(screen[3].contains("ongoing") && screen[3].contains("334455667… › EC2 › USE1-BoxUsage:m5.2xlarge"), "\(screen[3])")
        #expect(screen[4].contains("08-10") && screen[4].contains("223344556… › S3 › USE1-TimedStorage-ByteHrs"), "\(screen[4])")
        session.run(.toggleAnomalyOrder)
        screen = lines(explorer)
        #expect(screen[1].contains("largest impact first"))
        #expect(screen[3].contains("223344") && screen[4].contains("334455"))
        // The selection stayed on the ongoing shift, now second.
        #expect(explorer.screen(AnomaliesScreen.self).selection == 1)
        session.run(.toggleAnomalyOrder)
        #expect(explorer.screen(AnomaliesScreen.self).selection == 0)
    }

    @Test("at 80x24 the detail area shows the selected anomaly's whole path, kind, days, history, impact, causes and other views")
    func detailAt80() throws {
        let (explorer, session, _) = try explorer()
        session.run(.anomalies)
        session.run(.moveDown)
        let screen = lines(explorer)
        let detail = screen.joined(separator: "\n")
        #expect(screen.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(detail.contains("account 223344556677 › service AmazonS3 › usage type USE1-TimedStorage-ByteHrs"), "\(detail)")
        #expect(detail.contains("spike · 2024-08-10..2024-08-11 (2 days) · 4 weeks of history"), "\(detail)")
        #expect(detail.contains("impact ▲ $2,397.00") && detail.contains("expected $"), "\(detail)")
        // This bill has no region column: its region is (none), named as a region.
        #expect(detail.contains("root causes: region=(none) 100%"), "\(detail)")
        #expect(detail.contains("also seen as ") && detail.contains("env=prod") && detail.contains("team=data"), "\(detail)")
        // On a short terminal the list keeps the room.
        #expect(!lines(explorer, 80, 12).joined().contains("root causes:"))
    }

    @Test("short service names; whole keys of tag views as env=prod")
    func abbreviations() {
        #expect(AnomalyText.shortService("AmazonEC2") == "EC2")
        #expect(AnomalyText.shortService("AWSDataTransfer") == "DataTransfer")
        #expect(AnomalyText.shortService("ElasticMapReduce") == "ElasticMapReduce")
        #expect(AnomalyText.shortStep(PathStep(dimension: "tag:env", key: "prod")) == "env=prod")
        #expect(AnomalyText.shortStep(PathStep(dimension: "region", key: "us-east-1")) == "us-east-1")
        #expect(AnomalyText.shortStep(PathStep(dimension: "region", key: "(none)")) == "region=(none)")
    }
}
