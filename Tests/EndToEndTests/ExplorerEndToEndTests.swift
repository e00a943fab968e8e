import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The real `costtop` binary in tmux, driven by keys, with the screen checked between steps.
@Suite("Explorer end to end (tmux)", .serialized)
struct ExplorerEndToEndTests {
    /// A cache of the bundled sample data, built once.
    static let cachePath: String = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        _ = try! Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path)
        return path
    }()

    func start(_ extra: String = "", width: Int = 100, height: Int = 30, cache: String = cachePath,
               environment: [String: String] = [:]) throws -> TmuxDriver {
        let config = Support.temporaryFolder()
        var env = ["XDG_CONFIG_HOME": config]
        env.merge(environment) { _, given in given }
        let driver = try TmuxDriver(command: "\(Support.binary) explore --cache \(cache) \(extra)",
                                    width: width, height: height, environment: env)
        _ = try driver.waitFor("TOTAL")
        return driver
    }

    /// Figures from the engine for the same question, to check the screen against.
    func rows(_ dimension: CostDimension, _ filters: [Filter] = [], metric: Metric = .billed) throws -> [QueryRow] {
        let cache = try CacheFile(path: ExplorerEndToEndTests.cachePath)
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        return try QueryEngine(cache: cache).run(QuerySpec(groupBy: dimension, filters: filters, period: period,
                                                           comparison: nil, metric: metric)).rows.sorted { $0.cost > $1.cost }
    }

    @Test("first screen, drill twice, regroup, filter, metric switch, resize, quit with status 0")
    func walkthrough() throws {
        let driver = try start()
        let accounts = try rows(.fixed(.account))
        let total = accounts.reduce(Int128(0)) { $0 + $1.cost }
        var screen = try driver.waitUntil("the accounts and the total") {
            $0.contains(Money.groupedString(accounts[0].cost)) && $0.contains(Money.groupedString(total))
        }
        #expect(screen.contains(accounts[0].key))

        // Drill into the first account, then its first service. Keys are sent by command name,
        // looked up in the command table.
        try driver.send(.drillDown)
        let services = try rows(.fixed(.service), [Filter("account=\(accounts[0].key)")!])
        // Wait for the whole frame: tmux may be captured while a frame is still arriving.
        screen = try driver.waitUntil("the services") { $0.contains("by service") && $0.contains(Money.groupedString(services[0].cost)) }
        #expect(screen.contains("All › \(accounts[0].key)"))
        try driver.send(.drillDown)
        let usageTypes = try rows(.fixed(.usageType), [Filter("account=\(accounts[0].key)")!, Filter("service=\(services[0].key)")!])
        screen = try driver.waitUntil("the usage types") {
            $0.contains("by usage-type") && $0.contains(Money.groupedString(usageTypes[0].cost))
        }

        // Back to the top, regroup by region with g.
        try driver.send(.goUp)
        try driver.send(.goUp)
        _ = try driver.waitFor("All  by account")
        try driver.send(.regroup)
        _ = try driver.waitFor("group this level by")
        for _ in 0..<3 { try driver.send(.regroupNext) }
        try driver.send(.regroupChoose)
        let regions = try rows(.fixed(.region))
        screen = try driver.waitUntil("the regions") { $0.contains("by region") && $0.contains(Money.groupedString(regions[0].cost)) }
        #expect(screen.contains(regions[0].key))

        // Filter as you type.
        try driver.send(.filterRows)
        try driver.send(text: "eu-")
        screen = try driver.waitUntil("only eu- regions") { screen in
            screen.contains("/eu-") && !screen.contains("us-east-1")
        }
        #expect(regions.filter { $0.key.hasPrefix("eu-") }.allSatisfy { screen.contains($0.key) })
        try driver.send(.filterClear)

        // Metric switch: effective cost figures.
        try driver.send(.cycleMetric)
        let effective = try rows(.fixed(.region), metric: .effective)
        screen = try driver.waitUntil("effective figures") {
            $0.contains("effective cost") && $0.contains(Money.groupedString(effective[0].cost))
        }

        // Resize to 80×24 and back: redrawn at once, nothing left over.
        try driver.resize(width: 80, height: 24)
        screen = try driver.waitUntil("redrawn at 80 columns") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 24 && lines.allSatisfy { $0.count <= 80 } && screen.contains("TOTAL")
        }
        try driver.resize(width: 120, height: 35)
        _ = try driver.waitUntil("redrawn at 120 columns") { $0.contains("DAILY") && $0.contains("TOTAL") }

        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
        // The terminal is restored: alternate screen off, cursor visible again.
        let modes = try driver.run(["display-message", "-p", "-t", "main", "#{alternate_on} #{cursor_flag}"]).output
        #expect(modes.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1")
    }

    @Test("c opens the commitments screen, Enter shows what a commitment covered, q quits with status 0")
    func commitments() throws {
        let cache = try CacheFile(path: ExplorerEndToEndTests.cachePath)
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        let commitments = try CommitmentAnalysis(cache: cache).commitments(filters: [], period: period, currency: "USD")
        let first = try #require(commitments.first)
        let driver = try start()
        _ = try driver.waitFor("utilization")

        try driver.send(.commitments)
        // At 100 columns a long ARN shows its end.
        var screen = try driver.waitUntil("the commitments screen") {
            $0.contains("commitments in the whole bill") && $0.contains(String(first.id.suffix(12))) && $0.contains("TOTAL")
        }
        #expect(screen.contains(String(format: "%.1f%%", try #require(first.utilization))))

        // Enter: the table of the usage it covered, by account, in effective cost, with the engine's total.
        try driver.send(.showCovered)
        let filters = [Filter(dimension: .fixed(.commitment), value: first.id, exclude: false),
                       Filter(dimension: .fixed(.commitmentStatus), value: "Used", exclude: false)]
        let covered = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .fixed(.account), filters: filters, period: period,
                                                                  comparison: nil, metric: .effective))
        screen = try driver.waitUntil("what it covered") {
            $0.contains("› Used") && $0.contains("by account") && $0.contains("effective cost")
                && $0.contains(Money.groupedString(covered.total))
        }
        #expect(screen.contains("All › commitment …"))

        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
    }

    @Test("anomalies: the marker appears once background detection is done; a lists them, Enter goes there, q quits with status 0")
    func anomalies() throws {
        // One EC2 series with a spike on its 61st day (2024-08-30), as in AnomalyTests.feedback.
        var lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost"]
        let first = Day("2024-07-01")!
        for offset in 0..<70 {
            let cost = (offset % 7 >= 5 ? 60.0 : 100.0) + (offset == 60 ? 600 : 0)
            lines.append("\(first.adding(days: offset))T00:00:00Z,A,AmazonEC2,BoxUsage:m5.large,\(cost)")
        }
        let folder = Support.temporaryFolder()
        let file = Support.write(lines.joined(separator: "\n") + "\n", to: folder, "cur.csv")
        let cache = folder + "/spike.ctc"
        _ = try Support.ingest([file], cache: cache)
        let driver = try start(cache: cache)

        // The first frame comes before detection ends; the marker in front of account A follows
        // (`*`: the $600 spike is a notable part of A's month, docs/anomalies.md, *Marks*).
        let screen = try driver.waitUntil("the anomaly marker on account A") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("*A ") } && screen.contains("a 1 anomaly")
        }
        #expect(!screen.contains("looking for anomalies"))
        try driver.send(.anomalies)
        _ = try driver.waitUntil("the anomalies screen") {
            // Services by their short names; the detail area below the list shows the whole path.
            $0.contains("1 anomaly, ongoing and most recent first") && $0.contains("A › EC2 › BoxUsage:m5.large") && $0.contains("spike")
                && $0.contains("service AmazonEC2")
        }
        try driver.send(.goToAnomaly)
        _ = try driver.waitUntil("the anomaly's node, around its days") {
            $0.contains("All › A › AmazonEC2") && $0.contains("by usage-type") && $0.contains("period 2024-08-16..2024-09-06 (custom)")
                && $0.split(separator: "\n").contains { $0.hasPrefix("*BoxUsage:m5.large") || $0.hasPrefix("!BoxUsage:m5.large") }
        }
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
    }

    @Test("SIGTERM and SIGHUP end the explorer cleanly with status 0")
    func signals() throws {
        for signal in ["TERM", "HUP"] {
            // A cache path of its own, to find this explorer's process among any others.
            let cache = Support.temporaryFolder() + "/signal.ctc"
            try FileManager.default.copyItem(atPath: ExplorerEndToEndTests.cachePath, toPath: cache)
            let driver = try start(cache: cache)
            let processes = Support.run("/bin/ps", ["-eo", "pid=,comm=,args="]).out.split(separator: "\n")
            let pid = processes.first { line in
                let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                return fields.count == 3 && fields[1] == "costtop" && fields[2].contains(cache)
            }.map { String($0.split(separator: " ", omittingEmptySubsequences: true)[0]) }
            #expect(pid != nil)
            if let pid { _ = Support.run("/bin/kill", ["-\(signal)", pid]) }
            #expect(driver.exitStatus() == 0, "after SIG\(signal)")
        }
    }

    @Test("hostile tag values show as escapes; no raw control bytes reach the terminal")
    func hostile() throws {
        let folder = Support.temporaryFolder()
        let tags = #"{""team"":""\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned\u0007\u001b[6n""}"#
        let csv = "SubAccountId,ServiceName,ChargePeriodStart,BilledCost,Tags\n"
            + "acct,svc,2024-09-01T00:00:00Z,1.00,\"\(tags)\"\n"
        let file = Support.write(csv, to: folder, "hostile.csv")
        let cache = folder + "/h.ctc"
        _ = try Support.ingest([file], cache: cache)
        let driver = try start(cache: cache)
        try driver.send(.commandLine)
        try driver.send(text: "by tag:team")
        try driver.send(.commandRun)
        let screen = try driver.waitFor("\\x1b[2J")
        #expect(screen.contains("\\x1b]52;c;"))
        let raw = driver.capture(escapes: true)
        // capture-pane -e shows attributes as SGR sequences only; an OSC (ESC ]) or a clear (ESC [2J)
        // from the data would have acted on the terminal, not been captured as text.
        #expect(!raw.contains("\u{1b}]") && !raw.contains("\u{1b}[2J") && !raw.contains("\u{07}"))
        let title = try driver.run(["display-message", "-p", "-t", "main", "#{pane_title}"]).output
        #expect(!title.contains("pwned"))
        try driver.send(.quit)
        #expect(driver.exitStatus() == 0)
    }
}
