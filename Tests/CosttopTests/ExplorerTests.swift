import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation
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
        let explorer = try explorer()
        _ = explorer.handle(.down)
        let account = explorer.data.rows[1].key
        _ = explorer.handle(.enter)
        #expect(explorer.state.level.groupBy == .fixed(.service))
        let services = try topRows(by: .fixed(.service), filters: [Filter("account=\(account)")!])
        var lines = screen(explorer)
        #expect(lines[2].contains("All › \(account)"))
        #expect(lines[5].contains(services[0].key) && lines[5].contains(Money.groupedString(services[0].cost)))
        _ = explorer.handle(.enter)
        let usageTypes = try topRows(by: .fixed(.usageType), filters: [Filter("account=\(account)")!, Filter("service=\(services[0].key)")!])
        lines = screen(explorer)
        #expect(lines[2].contains("All › \(account) › \(services[0].key)") && lines[2].contains("by usage-type"))
        #expect(lines[5].contains(String(usageTypes[0].key.prefix(15))))
        _ = explorer.handle(.left)
        _ = explorer.handle(.left)
        #expect(explorer.state.levels.count == 1)
        #expect(explorer.data.rows[explorer.state.selection].key == account)
    }

    @Test("g regroups the level; g g goes to the first row; drilling from a regrouped level starts at service")
    func regroup() throws {
        let explorer = try explorer()
        _ = explorer.handle(.character("g"))
        guard case .regroup = explorer.state.mode else { Issue.record("no chooser"); return }
        let index = explorer.groupChoices.firstIndex(of: .tag("team"))!
        for _ in 0..<index { _ = explorer.handle(.down) }
        _ = explorer.handle(.enter)
        #expect(explorer.state.level.groupBy == .tag("team"))
        let teams = try topRows(by: .tag("team"))
        #expect(explorer.data.rows.map(\.key) == teams.map(\.key))
        _ = explorer.handle(.enter)
        #expect(explorer.state.level.groupBy == .fixed(.service))
        _ = explorer.handle(.left)
        _ = explorer.handle(.end)
        #expect(explorer.state.selection == explorer.data.rows.count - 1)
        _ = explorer.handle(.character("g"))
        _ = explorer.handle(.character("g"))
        #expect(explorer.state.selection == 0 && explorer.state.mode == .browse)
    }

    @Test("/ filters rows as you type, by substring or regex; Esc clears")
    func rowFilter() throws {
        let explorer = try explorer()
        _ = explorer.perform(.drillDown)
        _ = explorer.handle(.character("/"))
        for character in "amazon" { _ = explorer.handle(.character(character)) }
        #expect(!explorer.data.rows.isEmpty)
        #expect(explorer.data.rows.allSatisfy { $0.key.lowercased().contains("amazon") })
        _ = explorer.handle(.escape)
        _ = explorer.handle(.character("/"))
        for character in "^AWS" { _ = explorer.handle(.character(character)) }
        #expect(explorer.data.rows.allSatisfy { $0.key.hasPrefix("AWS") })
        _ = explorer.handle(.enter)
        _ = explorer.handle(.escape)
        #expect(explorer.state.rowFilter.isEmpty && explorer.data.rows.count == explorer.data.unfilteredCount)
    }

    @Test("m switches the metric and every figure follows")
    func metric() throws {
        let explorer = try explorer()
        _ = explorer.handle(.character("m"))
        #expect(explorer.state.metric == .effective)
        let effective = try topRows(by: .fixed(.account), metric: .effective)
        #expect(explorer.data.rows.first?.cost == effective.first?.cost)
        #expect(screen(explorer)[0].contains("effective cost"))
        _ = explorer.handle(.character("m"))
        #expect(explorer.data.total == (try topRows(by: .fixed(.account), metric: .list)).reduce(Int128(0)) { $0 + $1.cost })
    }

    @Test("periods, comparisons and sort orders change the header and the figures")
    func periodsAndSort() throws {
        let explorer = try explorer()
        _ = explorer.handle(.character("1"))
        #expect(explorer.data.period.dayCount == 7)
        #expect(screen(explorer)[1].contains("(last 7 days)"))
        // `v` (versus) cycles the comparison; `c` is the commitments screen.
        _ = explorer.handle(.character("v"))
        #expect(explorer.state.comparison == .lastMonth)
        _ = explorer.handle(.character("v"))
        #expect(explorer.data.comparison == nil && screen(explorer)[1].contains("no comparison"))
        _ = explorer.handle(.character("v"))
        _ = explorer.handle(.character("s"))
        let deltas = explorer.data.rows.map(\.delta)
        #expect(deltas == deltas.sorted(by: >))
        _ = explorer.runCommandLine("period 2024-09-01..2024-09-10")
        #expect(explorer.data.period.description == "2024-09-01..2024-09-10")
        _ = explorer.runCommandLine("where region=us-east-1")
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

    @Test("help is generated from the command table and the key map")
    func help() throws {
        let explorer = try explorer()
        _ = explorer.handle(.character("?"))
        let lines = screen(explorer, 100, 30)
        for command in ExplorerCommand.allCases { #expect(lines.contains { $0.contains(command.rawValue) }) }
        _ = explorer.handle(.character("x"))
        #expect(explorer.state.mode == .browse)
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
        _ = explorer.runCommandLine("by tag:team")
        // Wide enough for the detail pane, whose title shows the whole value.
        var text = screen(explorer, 200, 40).joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || $0.value == 0x202E })
        #expect(text.contains("\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07evil\\u202e"))
        _ = explorer.runCommandLine("by account")
        text = screen(explorer, 200, 40).joined(separator: "\n")
        #expect(text.contains("acct\\x1b[31m"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("export writes the current view as CSV or Markdown")
    func export() throws {
        let explorer = try explorer()
        let folder = Support.temporaryFolder()
        _ = explorer.runCommandLine("export \(folder)/view.csv")
        let csv = try String(contentsOfFile: folder + "/view.csv", encoding: .utf8)
        #expect(csv.hasPrefix("key,name,cost,previous,delta,delta_pct,share\n"))
        #expect(csv.split(separator: "\n").count == explorer.data.rows.count + 1)
        _ = explorer.runCommandLine("export \(folder)/view.md")
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
