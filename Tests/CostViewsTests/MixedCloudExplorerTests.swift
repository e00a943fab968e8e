import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The explorer on a bill of three clouds in two currencies (`MixedBill`): the first screen starts
/// at provider, drilling follows provider → account → service, `--by` sets the path, and the totals
/// row never adds euros to dollars.
@Suite("Explorer on a mixed bill", .serialized)
struct MixedCloudExplorerTests {
    static let inputs = MixedBill.inputs()
    static let cache: CacheFile = try! Support.ingest(inputs).1

    func screen(_ explorer: Explorer) -> [String] {
        ExplorerRenderer.render(explorer, width: 110, height: 30, unicode: true).lines
    }

    /// Each provider's billed cost over `period`, from a cache holding that provider's input alone.
    func aloneTotals(_ period: DayRange) throws -> [String: Int128] {
        var result: [String: Int128] = [:]
        for input in Self.inputs {
            let (_, alone) = try Support.ingest([input])
            let answer = try QueryEngine(cache: alone).run(QuerySpec(groupBy: .fixed(.provider), period: period, comparison: nil))
            for row in answer.rows { result[row.key, default: 0] += row.cost }
        }
        return result
    }

    @Test("the first screen groups by provider; the USD total is AWS + Google Cloud, and euros are named, not added")
    func firstScreenByProvider() throws {
        let explorer = try Explorer(cache: Self.cache, cacheName: "mixed.ctc")
        #expect(explorer.state.level.groupBy == .fixed(.provider))
        #expect(explorer.queries.defaultPath(tagKey: nil).prefix(4)
                == [.fixed(.provider), .fixed(.account), .fixed(.service), .fixed(.usageType)])
        let lines = screen(explorer)
        #expect(lines[0].contains("billed cost · USD") && lines[0].contains("(also: EUR)"), "\(lines[0])")
        #expect(lines[2].contains("All") && lines[2].contains("by provider"), "\(lines[2])")
        let alone = try aloneTotals(explorer.data.period)
        let aws = try #require(alone["AWS"]), gcp = try #require(alone["Google Cloud"])
        let azure = try #require(alone["Microsoft Azure"])
        #expect(lines.contains { $0.contains("AWS") && $0.contains(Money.groupedString(aws)) })
        #expect(lines.contains { $0.contains("Google Cloud") && $0.contains(Money.groupedString(gcp)) })
        #expect(!lines.contains { $0.contains("Microsoft Azure") })
        let total = try #require(lines.first { $0.contains("TOTAL") })
        #expect(total.contains(Money.groupedString(aws + gcp)), "\(total)")
        #expect(!total.contains(Money.groupedString(aws + gcp + azure)))
        #expect(explorer.data.total == aws + gcp)
    }

    @Test("drilling a provider lists its accounts, then an account's services; :where currency=EUR shows Azure alone")
    func drillFromProvider() throws {
        let session = ScriptedSession(try Explorer(cache: Self.cache, cacheName: "mixed.ctc"))
        let explorer = session.explorer
        let gcpIndex = try #require(explorer.data.rows.firstIndex { $0.key == "Google Cloud" })
        for _ in 0..<gcpIndex { session.run(.moveDown) }
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.account))
        var lines = screen(explorer)
        #expect(lines[2].contains("All › Google Cloud") && lines[2].contains("by account"), "\(lines[2])")
        #expect(Set(explorer.data.rows.map(\.key)) == ["web-prod-4711", "data-lake-0815", "sandbox-9001"])
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.service))
        lines = screen(explorer)
        #expect(lines[2].contains("by service"))

        explorer.runCommandLine("where currency=EUR")
        session.run(.goUp)
        session.run(.goUp)
        #expect(explorer.state.level.groupBy == .fixed(.provider))
        lines = screen(explorer)
        #expect(lines[0].contains("billed cost · EUR"), "\(lines[0])")
        #expect(explorer.data.rows.map(\.key) == ["Microsoft Azure"])
        let euros = Int128(NSDecimalNumber(decimal: MixedBill.azureTotal * 100).int64Value) * 10_000_000
        let total = try #require(lines.first { $0.contains("TOTAL") })
        // The period is the last 30 days of the bill, which hold every day of the Azure export.
        #expect(total.contains(Money.groupedString(euros)), "\(total)")
    }

    @Test("a drill path given to the explorer (explore --by) sets the first screen and the drill order")
    func explicitPath() throws {
        let session = ScriptedSession(try Explorer(cache: Self.cache, cacheName: "mixed.ctc",
                                                   drillPath: [.fixed(.region), .fixed(.provider)]))
        let explorer = session.explorer
        #expect(explorer.state.level.groupBy == .fixed(.region))
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.provider))
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.account))
    }

    @Test("a one-cloud cache still starts at account")
    func oneCloud() throws {
        let (_, aws) = try Support.ingest([Support.repository + "/sample-data/aws-cur"])
        #expect(ExplorerQueries.providerCount(aws) == 1)
        #expect(ExplorerQueries.providerCount(Self.cache) == 2)
        let explorer = try Explorer(cache: aws, cacheName: "aws.ctc")
        #expect(explorer.state.level.groupBy == .fixed(.account))
    }
}
