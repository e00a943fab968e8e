import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// The explorer driven by keys, rendered into a cell grid, on the bundled sample data.
@Suite("Explorer views", .serialized)
struct ExplorerTests {
    static let cache: CacheFile = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        return try! Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path).1
    }()

    func explorer() throws -> Explorer { try Explorer(cache: ExplorerTests.cache, cacheName: "sample.ctc") }

    func session() throws -> ScriptedSession { ScriptedSession(try explorer()) }

    func screen(_ explorer: Explorer, _ width: Int = 100, _ height: Int = 30, unicode: Bool = true) -> [String] {
        ExplorerRenderer.render(explorer, width: width, height: height, unicode: unicode).lines
    }

    /// The engine's answer for the same question, for independent figures.
    func topRows(by dimension: CostDimension, filters: [Filter] = [], metric: Metric = .billed) throws -> [QueryRow] {
        let period = PeriodSpec.last30Days.resolve(in: ExplorerTests.cache.dayRange!)
        let result = try QueryEngine(cache: ExplorerTests.cache).run(QuerySpec(
            groupBy: dimension, filters: filters, period: period, comparison: nil, metric: metric))
        return result.rows.sorted { $0.cost > $1.cost }
    }

    @Test("the first screen lists the top accounts with their costs and the total")
    func firstScreen() throws {
        let explorer = try explorer()
        let lines = screen(explorer)
        let top = try topRows(by: .fixed(.account))
        #expect(lines[0].contains("sample.ctc") && lines[0].contains("billed cost · USD"))
        #expect(lines[2].contains("All") && lines[2].contains("by account"))
        // Line 3 is the commitment gauge strip (GaugeTests), line 4 the column titles.
        #expect(lines[3].contains("coverage") && lines[3].contains("utilization"))
        #expect(lines[5].contains(top[0].key) && lines[5].contains(Money.groupedString(top[0].cost)))
        #expect(lines[6].contains(top[1].key))
        let total = top.reduce(Int128(0)) { $0 + $1.cost }
        #expect(lines.contains { $0.contains("TOTAL") && $0.contains(Money.groupedString(total)) })
        Snapshot.assert(screen(explorer, 80, 24), named: "first-screen-80x24")
    }

    @Test("drilling twice shows the account's services, then the service's usage types; going up restores the selection")
    func drillDown() throws {
        let session = try session()
        let explorer = session.explorer
        session.run(.moveDown)
        let account = explorer.data.rows[1].key
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.service))
        let services = try topRows(by: .fixed(.service), filters: [Filter("account=\(account)")!])
        var lines = screen(explorer)
        #expect(lines[2].contains("All › \(account)"))
        #expect(lines[5].contains(services[0].key) && lines[5].contains(Money.groupedString(services[0].cost)))
        session.run(.drillDown)
        let usageTypes = try topRows(by: .fixed(.usageType), filters: [Filter("account=\(account)")!, Filter("service=\(services[0].key)")!])
        lines = screen(explorer)
        #expect(lines[2].contains("All › \(account) › \(services[0].key)") && lines[2].contains("by usage-type"))
        #expect(lines[5].contains(String(usageTypes[0].key.prefix(15))))
        session.run(.goUp)
        session.run(.goUp)
        #expect(explorer.state.levels.count == 1)
        #expect(explorer.data.rows[explorer.state.selection].key == account)
    }

    @Test("g regroups the level; g g goes to the first row; drilling from a regrouped level starts at service")
    func regroup() throws {
        let session = try session()
        let explorer = session.explorer
        session.run(.regroup)
        #expect(session.screen == .regroup)
        #expect(session.lines()[4].contains("group this level by (g g: top)"))
        session.run(.closeRegroup)
        #expect(session.screen == .table)
        session.run(.regroup, "tag:team")
        #expect(session.screen == .table)
        #expect(explorer.state.level.groupBy == .tag("team"))
        let teams = try topRows(by: .tag("team"))
        #expect(explorer.data.rows.map(\.key) == teams.map(\.key))
        session.run(.drillDown)
        #expect(explorer.state.level.groupBy == .fixed(.service))
        session.run(.goUp)
        session.run(.moveBottom)
        #expect(explorer.state.selection == explorer.data.rows.count - 1)
        // `g g`: the second g is the chooser's first-row key.
        session.press(.character("g"))
        session.press(.character("g"))
        #expect(explorer.state.selection == 0 && session.screen == .table)
    }

    @Test("/ filters rows as you type, by substring or regex; Esc clears")
    func rowFilter() throws {
        let session = try session()
        let explorer = session.explorer
        session.run(.drillDown)
        session.run(.filterRows, "amazon")
        #expect(session.screen == .filter && session.lines().last!.hasPrefix("/amazon"))
        #expect(!explorer.data.rows.isEmpty)
        #expect(explorer.data.rows.allSatisfy { $0.key.lowercased().contains("amazon") })
        session.run(.filterClear)
        #expect(session.screen == .table && explorer.state.rowFilter.isEmpty)
        session.run(.filterRows, "^AWSx")
        session.run(.filterErase)
        #expect(explorer.data.rows.allSatisfy { $0.key.hasPrefix("AWS") })
        session.run(.filterKeep)
        #expect(session.screen == .table && session.lines()[1].contains("/^AWS"))
        session.run(.clearRowFilter)
        #expect(explorer.state.rowFilter.isEmpty && explorer.data.rows.count == explorer.data.unfilteredCount)
    }

    @Test("m switches the metric and every figure follows")
    func metric() throws {
        let session = try session()
        let explorer = session.explorer
        session.run(.cycleMetric)
        #expect(explorer.state.metric == .effective)
        let effective = try topRows(by: .fixed(.account), metric: .effective)
        #expect(explorer.data.rows.first?.cost == effective.first?.cost)
        #expect(screen(explorer)[0].contains("effective cost"))
        session.run(.cycleMetric)
        #expect(explorer.data.total == (try topRows(by: .fixed(.account), metric: .list)).reduce(Int128(0)) { $0 + $1.cost })
    }

    @Test("periods, comparisons and sort orders change the header and the figures")
    func periodsAndSort() throws {
        let session = try session()
        let explorer = session.explorer
        session.run(.periodLast7Days)
        #expect(explorer.data.period.dayCount == 7)
        #expect(screen(explorer)[1].contains("(last 7 days)"))
        // `v` (versus) cycles the comparison; `c` is the commitments screen.
        session.run(.cycleComparison)
        #expect(explorer.state.comparison == .lastMonth)
        session.run(.cycleComparison)
        #expect(explorer.data.comparison == nil && screen(explorer)[1].contains("no comparison"))
        session.run(.cycleComparison)
        session.run(.cycleSort)
        let deltas = explorer.data.rows.map(\.delta)
        #expect(deltas == deltas.sorted(by: >))
        session.run(.setPeriod, "2024-09-01..2024-09-10")
        #expect(explorer.data.period.description == "2024-09-01..2024-09-10")
        // The same verb typed on the command line.
        session.run(.commandLine, "where region=us-east-1")
        session.run(.commandRun)
        #expect(screen(explorer)[1].contains("where region=us-east-1"))
    }

    @Test("layouts: detail pane on the right when wide, below when tall, hidden at 80x24; too small says so")
    func layouts() throws {
        let explorer = try explorer()
        Snapshot.assert(screen(explorer, 160, 40), named: "detail-right-160x40")
        Snapshot.assert(screen(explorer, 100, 40), named: "detail-below-100x40")
        let small = screen(explorer, 40, 10)
        #expect(small.joined().contains("Terminal too small: 40×10"))
        Snapshot.assert(screen(explorer, 80, 24, unicode: false), named: "ascii-80x24")
        #expect(!screen(explorer, 80, 24, unicode: false).joined().unicodeScalars.contains { $0.value > 127 })
    }

    @Test("help opens from the table and closes on any key but the move keys")
    func help() throws {
        let session = try session()
        session.run(.help)
        #expect(session.screen == .help)
        #expect(session.lines()[0].contains("costtop help"))
        session.run(.moveDown)
        #expect(session.screen == .help, "move keys scroll")
        session.press(.character("x"))
        #expect(session.screen == .table)
    }

    @Test("hostile strings from billing data reach the grid only as visible escapes")
    func hostileStrings() throws {
        let folder = Support.temporaryFolder()
        let tags = #"{""team"":""\u001b[2J\u001b]52;c;ZXZpbA==\u0007evil\u202e""}"#
        let csv = "SubAccountId,ServiceName,ChargePeriodStart,BilledCost,Tags\n"
            + "acct\u{1b}[31m,svc,2024-09-01T00:00:00Z,1.00,\"\(tags)\"\n"
        let file = Support.write(csv, to: folder, "hostile.csv")
        let (_, cache) = try Support.ingest([file])
        let explorer = try Explorer(cache: cache, cacheName: "h.ctc")
        let session = ScriptedSession(explorer)
        session.run(.groupBy, "tag:team")
        // Wide enough for the detail pane, whose title shows the whole value.
        var text = screen(explorer, 200, 40).joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || $0.value == 0x202E })
        #expect(text.contains("\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07evil\\u202e"))
        session.run(.groupBy, "account")
        text = screen(explorer, 200, 40).joined(separator: "\n")
        #expect(text.contains("acct\\x1b[31m"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("export writes the current view as CSV or Markdown")
    func export() throws {
        let session = try session()
        let explorer = session.explorer
        let folder = Support.temporaryFolder()
        session.run(.export, "\(folder)/view.csv")
        #expect(explorer.state.message == "wrote \(folder)/view.csv")
        let csv = try String(contentsOfFile: folder + "/view.csv", encoding: .utf8)
        #expect(csv.hasPrefix("key,name,cost,previous,delta,delta_pct,share\n"))
        #expect(csv.split(separator: "\n").count == explorer.data.rows.count + 1)
        // `e` opens the command line with `export ` typed.
        session.run(.export)
        #expect(session.lines().last!.hasPrefix(":export "))
        session.type("\(folder)/view.md")
        session.run(.commandRun)
        #expect(try String(contentsOfFile: folder + "/view.md", encoding: .utf8).contains("| account | cost |"))
    }

    @Test("config: key rebinding and theme choice; themes in themes/ all load")
    func config() throws {
        let folder = Support.temporaryFolder()
        let path = Support.write("theme: light\nkeys:\n  move-down: [n, Down]\n  quit: Q\n", to: folder, "config.yaml")
        let config = try ExplorerConfig.load(path: path)
        #expect(config.theme == "light")
        #expect(config.keyMap.command(for: .character("n")) == .moveDown)
        #expect(config.keyMap.command(for: .character("j")) == nil)
        #expect(config.keyMap.command(for: .character("Q")) == .quit)
        let broken = Support.write("keys:\n  fly: f\n", to: folder, "broken.yaml")
        #expect(throws: CostConfig.ConfigError.self) { try ExplorerConfig.load(path: broken) }
        let themes = Support.repository + "/themes"
        let names = Theme.availableNames(searchFolders: [themes])
        #expect(Set(["default", "light", "high-contrast", "colorblind", "monochrome"]).isSubset(of: Set(names)))
        for name in names {
            let theme = try Theme.load(name, searchFolders: [themes])
            #expect(theme.styles.count == StyleRole.allCases.count)
        }
        #expect(try Theme.load("monochrome", searchFolders: [themes]).styles.values.allSatisfy { $0.foreground == nil })
    }

    @Test("display width: wide and combining characters never spill into the next column")
    func displayWidth() {
        var grid = CellGrid(width: 10, height: 1)
        grid.put("東京都庁舎ビル", x: 0, y: 0, maxWidth: 7)
        #expect(DisplayWidth.of(grid.lines[0]) == 10)
        #expect(grid.lines[0].hasPrefix("東京都…"))
        var combining = CellGrid(width: 6, height: 1)
        combining.put("e\u{301}e\u{301}e\u{301}", x: 0, y: 0)
        #expect(combining.lines[0] == "e\u{301}e\u{301}e\u{301}   ")
    }
}
