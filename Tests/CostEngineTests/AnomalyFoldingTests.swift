import CostCache
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostEngine

/// One anomaly per cause: tag values and regions folded into the hierarchy anomaly that explains
/// them, and tag-only causes kept as their own anomaly (docs/anomalies.md, *One anomaly per cause*).
@Suite("Anomalies: one per cause across views")
struct AnomalyFoldingTests {
    @Test("a usage type's new level lifts env=prod and team=(untagged): one anomaly, at the usage type, also seen as both")
    func echoesFolded() throws {
        var bill = AnomalyBill(series: [
            .init(account: "111111111111", service: "AmazonEC2", usageType: "BoxUsage:m5.large", env: "prod", team: "", level: 300),
            .init(account: "111111111111", service: "AmazonS3", usageType: "TimedStorage-ByteHrs", env: "prod", team: "data", level: 200),
            .init(account: "222222222222", service: "AmazonRDS", usageType: "InstanceUsage:db.r5", env: "dev", team: "web", level: 150),
        ])
        bill.plant(250, series: 0, days: Array(42..<56))
        let file = Support.write(bill.csv(days: 0..<56), to: Support.temporaryFolder(), "cur.csv")
        let (_, cache) = try Support.ingest([file])
        let found = try AnomalyDetector(cache: cache).detect()
        #expect(found.count == 1, "\(found.map { ($0.path.map(\.key), $0.kind, $0.impact, $0.alsoSeenAs) })")
        let shift = try #require(found.first)
        #expect(shift.path.map(\.key) == ["111111111111", "AmazonEC2", "BoxUsage:m5.large"] && shift.kind == .levelShift)
        let views = shift.alsoSeenAs.map { "\($0.dimension)=\($0.key)" }
        #expect(Set(views).isSuperset(of: ["tag:env=prod", "tag:team=(untagged)"]), "\(views)")
    }

    @Test("new resources tagged team=ml spread thin over busy usage types: reported at the tag value")
    func tagOnlyCauseStays() throws {
        var series: [AnomalyBill.Series] = []
        for (index, type) in ["BoxUsage:m5.large", "BoxUsage:c6i.xlarge", "EBS:VolumeUsage.gp3", "DataTransfer-Out-Bytes"].enumerated() {
            series.append(.init(account: "111111111111", service: "AmazonEC2", usageType: type, env: "prod", team: "web", level: 500 + 50 * Double(index)))
            series.append(.init(account: "111111111111", service: "AmazonEC2", usageType: type, env: "prod", team: "ml", level: 3))
        }
        var bill = AnomalyBill(series: series)
        for index in stride(from: 1, to: 8, by: 2) { bill.plant(25, series: index, days: Array(40..<50)) }
        let file = Support.write(bill.csv(days: 0..<50), to: Support.temporaryFolder(), "cur.csv")
        let (_, cache) = try Support.ingest([file])
        let found = try AnomalyDetector(cache: cache).detect()
        #expect(found.map { $0.path.map { "\($0.dimension)=\($0.key)" } } == [["tag:team=ml"]],
                "\(found.map { ($0.path.map(\.key), $0.kind, $0.impact) })")
        #expect(found.first.map { $0.impact > 900 && $0.impact < 1100 } == true)
    }
}
