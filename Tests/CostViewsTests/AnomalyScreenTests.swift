import CostCache
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Anomalies in the explorer: row and sparkline marks, the anomalies screen (`a`), going to an
/// anomaly's node, verdicts in the feedback file, and detection in the background.
@Suite("Anomaly screen", .serialized)
struct AnomalyScreenTests {
    /// The first day of the test bill; it runs 70 days, to 2024-09-08.
    static let start = Day("2024-07-01")!
    /// The spike: account A's EC2 usage on days 60 and 61 (2024-08-30 and 08-31).
    static let spikeDays = DayRange(from: start.adding(days: 60), to: start.adding(days: 61))

    /// A cache of its own (the feedback file goes beside it) holding two accounts with two services
    /// each and one known spike, as in AnomalyTests.onABill.
    func bill() throws -> CacheFile {
        var lines = ["lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost"]
        for offset in 0..<70 {
            let day = Self.start.adding(days: offset)
            let weekend = offset % 7 >= 5
            for (account, service, type, base) in [("A", "AmazonEC2", "BoxUsage:m5.large", 100.0), ("A", "AmazonS3", "TimedStorage", 40.0),
                                                   ("B", "AmazonEC2", "BoxUsage:c6i.large", 70.0), ("B", "AWSLambda", "Lambda-GB-Second", 30.0)] {
                var cost = (weekend ? 0.6 : 1) * base + Double((offset * 31) % 3)
                if account == "A" && service == "AmazonEC2" && (offset == 60 || offset == 61) { cost += 500 }
                lines.append("\(day)T00:00:00Z,\(account),\(service),\(type),\(String(format: "%.2f", cost))")
            }
        }
        let folder = Support.temporaryFolder()
        let file = Support.write(lines.joined(separator: "\n") + "\n", to: folder, "cur.csv")
        return try Support.ingest([file], cache: folder + "/bill.ctc").1
    }

    /// What the detector reports on the bill: by default the spike once, at its deepest node;
    /// with `everyLevel`, also at the service and the account (with their root causes).
    func detect(_ cache: CacheFile, everyLevel: Bool = false) throws -> [Anomaly] {
        var settings = AnomalySettings()
        if everyLevel { settings.explainedShare = 2 }
        return try AnomalyDetector(cache: cache, settings: settings).detect()
    }

    func screen(_ explorer: Explorer, _ width: Int = 100, _ height: Int = 30) -> CellGrid {
        ExplorerRenderer.render(explorer, width: width, height: height, unicode: true)
    }

    /// The table line of row `key` (the name starts in column 1, after the marker's gutter).
    func line(_ grid: CellGrid, _ key: String) -> Int? {
        grid.lines.firstIndex { $0.dropFirst().hasPrefix(key + " ") }
    }

    @Test("the detector finds the spike once, at account A › AmazonEC2 › BoxUsage:m5.large")
    func knownSpike() throws {
        let found = try detect(try bill())
        #expect(found.count == 1, "\(found.map { ($0.path.map(\.key), $0.kind, $0.impact) })")
        let spike = try #require(found.first)
        #expect(spike.path.map(\.key) == ["A", "AmazonEC2", "BoxUsage:m5.large"])
        #expect(spike.start == Self.spikeDays.from && spike.end == Self.spikeDays.to && spike.kind == .spike)
    }

    @Test("rows whose subtree holds the anomaly are marked, at the top and after drilling; the sparkline marks its days")
    func markers() throws {
        let cache = try bill()
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        let session = ScriptedSession(explorer)
        #expect(explorer.data.anomalyDays.isEmpty)
        explorer.setAnomalies(try detect(cache))

        // Top level, by account: A holds the spike, B does not. (B selected, so A's roles show.)
        session.run(.moveDown)
        var grid = screen(explorer)
        let a = try #require(line(grid, "A"))
        let b = try #require(line(grid, "B"))
        // The $1,000 spike is about a fifth of A's month: notable (`*`); a severe mark is `!`.
        #expect(grid.lines[a].hasPrefix("*A ") && grid[0, a].role == .anomaly)
        #expect(grid.lines[b].hasPrefix(" B ") && grid[0, b].role != .anomaly)
        // The period is the last 30 days (offsets 0-29 from 2024-08-10); the spike is on offsets
        // 20 and 21. At 100 columns the sparkline has 14 cells, cell c showing days
        // c*30/14 ..< (c+1)*30/14: cell 9 shows days 19-20 and cell 10 days 21-22.
        #expect(explorer.data.anomalyDays["A"] == [20...21])
        let trend = TablePane.layout(width: 100, comparison: true).trendOffset
        let roles = (0..<14).map { grid[trend + $0, a].role }
        #expect(roles.indices.filter { roles[$0] == .anomaly } == [9, 10], "\(roles)")
        #expect(roles.filter { $0 == .sparkline }.count == 12)
        #expect(!(0..<14).contains { grid[trend + $0, b].role == .anomaly })

        // The selected row keeps its marks over the selection bar.
        session.run(.moveUp)
        grid = screen(explorer)
        #expect(grid[0, a].role == .anomaly && grid[trend + 9, a].role == .anomaly && grid[trend, a].role == .selection)

        // Inside A, by service: EC2 is marked, S3 is not; inside EC2 the usage type.
        session.run(.drillDown)
        grid = screen(explorer)
        #expect(grid.lines[try #require(line(grid, "AmazonEC2"))].hasPrefix("!"))
        #expect(grid.lines[try #require(line(grid, "AmazonS3"))].hasPrefix(" "))
        session.run(.drillDown)
        grid = screen(explorer)
        #expect(explorer.state.level.groupBy == .fixed(.usageType))
        #expect(grid.lines[try #require(line(grid, "BoxUsage:m5.large"))].hasPrefix("!"))

        // Inside B nothing is marked.
        session.run(.goUp)
        session.run(.goUp)
        session.run(.moveDown)
        session.run(.drillDown)
        #expect(explorer.state.steps.map(\.key) == ["B"])
        #expect(explorer.data.anomalyDays.isEmpty)

        // Regrouped at the top: by service, EC2 holds it (the path passes through it); by region,
        // nothing (the anomaly is on the account path, not a region's).
        session.run(.goUp)
        session.run(.groupBy, "service")
        #expect(Set(explorer.data.anomalyDays.keys) == ["AmazonEC2"])
        session.run(.groupBy, "region")
        #expect(explorer.data.anomalyDays.isEmpty)
        // By day, the anomalous days themselves.
        session.run(.groupBy, "day")
        #expect(Set(explorer.data.anomalyDays.keys) == ["2024-08-30", "2024-08-31"])

        // A period without the spike marks nothing.
        session.run(.groupBy, "account")
        session.run(.periodLast7Days)
        #expect(explorer.data.anomalyDays.isEmpty)
        #expect(!screen(explorer).lines.contains { $0.hasPrefix("!") })
    }

    @Test("a lists anomalies by impact: days, kind, path, impact, top root cause; snapshot at 100x30")
    func list() throws {
        let cache = try bill()
        let found = try detect(cache, everyLevel: true)
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        let session = ScriptedSession(explorer)
        explorer.setAnomalies(found)
        session.run(.anomalies)
        #expect(session.screen == .anomalies && selection(explorer) == 0)
        let entries = try #require(explorer.findings?.entries)
        #expect(entries.count == found.count)
        #expect(entries.map { abs($0.anomaly.impact) } == entries.map { abs($0.anomaly.impact) }.sorted(by: >))
        let lines = screen(explorer).lines
        // All on the same days: the on-call order (ongoing, most recent first) falls back to impact.
        #expect(lines[1].contains("\(found.count) anomalies, ongoing and most recent first"))
        #expect(lines[2].contains("FIRST") && lines[2].contains("PATH") && lines[2].contains("ROOT CAUSE"))
        for (offset, entry) in entries.enumerated() {
            let line = lines[3 + offset]
            let anomaly = entry.anomaly
            #expect(line.contains("08-30") && line.contains(AnomalyText.kind(anomaly.kind)), "\(line)")
            #expect(line.contains(Formatting.money(AnomalyText.nanos(abs(anomaly.impact)), symbol: "$")), "\(line)")
            #expect(line.contains(anomaly.path.last!.key) || line.contains("…"), "\(line)")
            // The cause column is narrow at 100 columns: its start and its share of the impact.
            if let cause = anomaly.rootCauses.first {
                let key = AnomalyText.shortStep(PathStep(dimension: cause.dimension, key: cause.key))
                #expect(line.contains(String(key.prefix(8))) && line.contains(String(format: "%.0f%%", cause.impact / anomaly.impact * 100)),
                        "\(line)")
            }
        }
        // The account-level anomaly names EC2 (AmazonEC2, by its short name) as its root cause.
        let account = try #require(entries.firstIndex { $0.anomaly.path.map(\.key) == ["A"] })
        #expect(lines[3 + account].contains("EC2 "))
        Snapshot.assert(lines, named: "anomalies-100x30")
        // ASCII terminals get ASCII only; narrow ones keep the path and the impact.
        let ascii = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: false).lines
        #expect(!ascii.joined().unicodeScalars.contains { $0.value > 127 })
        #expect(ascii[3].contains("A > EC2") && ascii[3].contains("^ $999.00"))
        for width in [60, 80] {
            let narrow = screen(explorer, width, 24).lines
            #expect(narrow[5].contains(" A ") && narrow[5].contains("$998.00"), "\(width): \(narrow[5])")
            // Below 100 the root cause column goes (the detail area shows the causes); the path keeps the room.
            #expect(!narrow[5].contains("EC2"), "\(width): \(narrow[5])")
        }

        // Moves stop at the ends; Esc, a and Left return to the table.
        session.run(.moveBottom)
        #expect(selection(explorer) == entries.count - 1)
        session.run(.moveDown)
        #expect(selection(explorer) == entries.count - 1)
        for key in [KeyEvent.escape, .character("a"), .left] {
            if key != .escape { session.run(.anomalies) }
            session.press(key)
            #expect(session.screen == .table, "\(key.name) returns")
        }
    }

    @Test("Enter goes to the anomaly's node with a period around it; the detail pane shows its root causes")
    func goTo() throws {
        let cache = try bill()
        let found = try detect(cache, everyLevel: true)
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        let session = ScriptedSession(explorer)
        explorer.setAnomalies(found)
        session.run(.addFilter, "account!=B")
        session.run(.toggleDetail)

        // The deepest one: the table of A › AmazonEC2's usage types, with m5.large selected.
        let entries = try #require(explorer.findings?.entries)
        let leaf = try #require(entries.firstIndex { $0.anomaly.path.count == 3 })
        session.run(.anomalies)
        for _ in 0..<leaf { session.run(.moveDown) }
        session.run(.goToAnomaly)
        #expect(session.screen == .table)
        #expect(explorer.state.steps.map(\.key) == ["A", "AmazonEC2"])
        #expect(explorer.state.level.groupBy == .fixed(.usageType))
        #expect(explorer.data.rows[explorer.state.selection].key == "BoxUsage:m5.large")
        // 14 days before the first day to 7 after the last, clipped to the data (it ends 2024-09-08).
        #expect(explorer.data.period == DayRange(from: Day("2024-08-16")!, to: Day("2024-09-07")!))
        #expect(explorer.state.period == .custom(explorer.data.period))
        #expect(explorer.state.filters.isEmpty && explorer.state.message?.contains(":where filters cleared") == true)
        #expect(explorer.state.showDetail)
        var lines = screen(explorer, 160, 40).lines
        #expect(lines[1].contains("period 2024-08-16..2024-09-07 (custom)"))
        #expect(lines[2].contains("All › A › AmazonEC2"))
        #expect(lines.contains { $0.contains("│ ! spike 08-30..08-31") })
        // No child explains more than the node itself, but the region view carries it (cross causes).
        #expect(lines.contains { $0.contains("root causes") })
        #expect(lines.contains { $0.contains("region") && $0.contains("(none)") })

        // The account-level one: the top level with A selected; its root cause is EC2.
        let account = try #require(entries.firstIndex { $0.anomaly.path.map(\.key) == ["A"] })
        let anomaly = entries[account].anomaly
        let cause = try #require(anomaly.rootCauses.first)
        session.run(.anomalies)
        for _ in 0..<account { session.run(.moveDown) }
        session.run(.goToAnomaly)
        #expect(explorer.state.steps.isEmpty && explorer.state.level.groupBy == .fixed(.account))
        #expect(explorer.data.rows[explorer.state.selection].key == "A")
        #expect(explorer.data.detail?.anomaly == anomaly)
        lines = screen(explorer, 160, 40).lines
        let title = try #require(lines.firstIndex { $0.contains("root causes:") })
        #expect(lines[title + 1].contains("\(cause.dimension) \(cause.key)")
                && lines[title + 1].contains(Formatting.money(AnomalyText.nanos(cause.impact), symbol: "$")))
        // Moving off the node hides the section; the table keeps the marks.
        session.run(.moveDown)
        #expect(explorer.data.detail?.anomaly == nil)
        #expect(!screen(explorer, 160, 40).lines.contains { $0.contains("root causes") })
    }

    @Test("E, P, R and 0 write verdicts to the file beside the cache; expected ones are hidden unless x")
    func feedback() throws {
        let cache = try bill()
        let found = try detect(cache, everyLevel: true)
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        let session = ScriptedSession(explorer)
        explorer.setAnomalies(found)
        session.run(.anomalies)
        let first = try #require(explorer.findings?.entries.first).anomaly
        let path = AnomalyFeedback.path(forCache: cache.path)

        session.run(.markPlanned)
        #expect(try AnomalyFeedback(path: path).verdict(for: first) == .planned)
        #expect(explorer.findings?.entries.first?.verdict == .planned)
        #expect(screen(explorer).lines[3].contains("planned"))
        session.run(.markProblem)
        #expect(try AnomalyFeedback(path: path).verdict(for: first) == .problem)

        // Expected: written, and hidden from the list and the marks.
        session.run(.markExpected)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("expected,spike,2024-08-30,"))
        #expect(explorer.findings?.entries.count == found.count - 1)
        #expect(!(explorer.findings?.entries.contains { $0.anomaly == first } ?? true))
        #expect(explorer.findings?.hiddenExpected == 1)
        #expect(screen(explorer).lines[1].contains("1 marked expected hidden (x shows)"))
        #expect(selection(explorer) == 0, "the selection moves to the next one")

        // x shows it again, with its verdict; 0 clears the verdict.
        session.run(.toggleExpected)
        #expect(explorer.findings?.entries.count == found.count)
        #expect(explorer.findings?.entries.first { $0.anomaly == first }?.verdict == .expected)
        session.run(.clearVerdict)
        #expect(try AnomalyFeedback(path: path).verdict(for: first) == nil)

        // Kept for the next session (and re-ingests, which replace the cache file only).
        session.run(.markExpected)
        let again = try Explorer(cache: cache, cacheName: "bill.ctc")
        again.setAnomalies(found)
        #expect(again.findings?.hiddenExpected == 1)
    }

    @Test("an expected anomaly marks no row; a malformed feedback file is never overwritten")
    func expectedAndMalformed() throws {
        let cache = try bill()
        let found = try detect(cache)
        var feedback = try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache.path))
        try feedback.set(.expected, for: try #require(found.first))
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        let session = ScriptedSession(explorer)
        explorer.setAnomalies(found)
        #expect(explorer.data.anomalyDays.isEmpty)
        session.run(.anomalies)
        #expect(screen(explorer).lines.contains { $0.contains("no anomalies but those marked expected") })
        session.run(.toggleExpected)
        session.run(.closeAnomalies)
        #expect(explorer.data.anomalyDays["A"] != nil, "shown again with x")

        let broken = try bill()
        let brokenPath = AnomalyFeedback.path(forCache: broken.path)
        try "verdict,kind,start,path\nmaybe,spike,2024-08-30,account=A\n".write(toFile: brokenPath, atomically: true, encoding: .utf8)
        let other = try Explorer(cache: broken, cacheName: "bill.ctc")
        let otherSession = ScriptedSession(other)
        other.setAnomalies(try detect(broken))
        #expect(other.state.message?.contains("anomaly feedback") == true)
        otherSession.run(.anomalies)
        otherSession.run(.markExpected)
        #expect(other.state.message?.contains("could not be read") == true)
        #expect(try String(contentsOfFile: brokenPath, encoding: .utf8).contains("maybe"))
    }

    @Test("detection runs in the background: the status line says so until the result arrives; a new metric runs again")
    func background() throws {
        let cache = try bill()
        let explorer = try Explorer(cache: cache, cacheName: "bill.ctc")
        let session = ScriptedSession(explorer)
        explorer.startAnomalySearch()
        guard case .searching(.billed) = explorer.anomalies else {
            Issue.record("not searching: \(explorer.anomalies)")
            return
        }
        #expect(screen(explorer).lines.last!.contains("looking for anomalies…"))
        // Keys are handled while it runs.
        session.run(.moveDown)
        #expect(explorer.state.selection == 1)
        try waitForAnomalies(explorer)
        #expect(explorer.findings?.metric == .billed)
        #expect(explorer.findings?.entries.map(\.anomaly) == (try detect(cache)))
        #expect(explorer.data.anomalyDays["A"] == [20...21])
        #expect(screen(explorer).lines.last!.hasSuffix("a 1 anomaly "))

        session.run(.cycleMetric)
        guard case .searching(.effective) = explorer.anomalies else {
            Issue.record("a new metric did not start a new run: \(explorer.anomalies)")
            return
        }
        #expect(explorer.data.anomalyDays.isEmpty, "no marks from another metric")
        try waitForAnomalies(explorer)
        #expect(explorer.findings?.metric == .effective)
    }

    /// The anomalies screen's selected row.
    func selection(_ explorer: Explorer) -> Int { explorer.screen(AnomaliesScreen.self).selection }

    /// Polls as the terminal loop does, every 10 ms, for up to 30 seconds.
    func waitForAnomalies(_ explorer: Explorer) throws {
        let deadline = Date().addingTimeInterval(30)
        while !explorer.pollAnomalies() {
            guard Date() < deadline else {
                Issue.record("no detection result within 30 s")
                return
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }
}
