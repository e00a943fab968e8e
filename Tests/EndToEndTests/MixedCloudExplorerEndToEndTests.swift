import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The real binary in tmux on a cache of AWS, Google Cloud and Azure (`MixedBill`): the first
/// screen is by provider, Enter drills provider → account → service, `--by` sets the path, and the
/// euros of the Azure export are named beside the dollar total, never added to it.
@Suite("Explorer on a mixed bill, end to end (tmux)", .serialized)
struct MixedCloudExplorerEndToEndTests {
    static let cachePath: String = {
        let path = Support.temporaryFolder() + "/mixed.ctc"
        let ingest = Support.costtop(["ingest", "--cache", path, "--quiet"] + MixedBill.inputs())
        precondition(ingest.status == 0, ingest.err)
        return path
    }()

    func start(_ extra: String = "") throws -> TmuxDriver {
        let driver = try TmuxDriver(command: "\(Support.binary) explore --cache \(Self.cachePath) \(extra)",
                                    width: 110, height: 30, environment: ["XDG_CONFIG_HOME": Support.temporaryFolder()])
        _ = try driver.waitFor("TOTAL")
        return driver
    }

    @Test("provider first, drill by command name to accounts and services, the USD total without the EUR spend")
    func providerFirst() throws {
        let cache = try CacheFile(path: Self.cachePath)
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        let result = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .fixed(.provider), period: period, comparison: nil))
        #expect(result.currency == "USD" && result.otherCurrencies == ["EUR"])
        let rows = result.rows.sorted { $0.cost > $1.cost }
        let driver = try start()
        defer { driver.kill() }
        var screen = try driver.waitUntil("the providers") {
            $0.contains("by provider") && $0.contains(Money.groupedString(result.total))
        }
        #expect(screen.contains("(also: EUR)"))
        #expect(screen.contains("AWS") && screen.contains("Google Cloud") && !screen.contains("Microsoft Azure"))
        let total = try #require(screen.split(separator: "\n").first { $0.contains("TOTAL") })
        #expect(total.contains(Money.groupedString(rows.reduce(Int128(0)) { $0 + $1.cost })))

        try driver.send(.drillDown)
        screen = try driver.waitUntil("the first provider's accounts") { $0.contains("All › \(rows[0].key)") && $0.contains("by account") }
        try driver.send(.drillDown)
        screen = try driver.waitUntil("the services") { $0.contains("by service") }
        try driver.send(.goUp)
        try driver.send(.goUp)
        _ = try driver.waitFor("All  by provider")
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
    }

    @Test("explore --by region,service starts at region and drills to service; a bad --by is a usage error")
    func explicitPath() throws {
        let driver = try start("--by region,service")
        defer { driver.kill() }
        _ = try driver.waitFor("All  by region")
        try driver.send(.drillDown)
        _ = try driver.waitUntil("the region's services") { $0.contains(" › ") && $0.contains("by service") }
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)

        let bad = Support.costtop(["explore", "--cache", Self.cachePath, "--by", "provider,nonsense"])
        #expect(bad.status == 64)
        #expect(bad.err.contains("unknown dimension 'nonsense'"), "\(bad.err)")
    }
}
