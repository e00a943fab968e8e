import CostCache
import CostEngine
import CostModel
import Foundation

/// The explorer's controller: holds the state, turns keys into commands and commands into state
/// changes, and asks the engine for the numbers. It never touches a terminal: `render` returns a
/// cell grid, so every screen is testable as text.
public final class Explorer {
    /// What the caller (the terminal loop) should do after a key.
    public enum Effect: Equatable, Sendable {
        case redraw
        case quit
        /// The theme changed; reload styles.
        case theme(String)
    }

    // Settable in the module: the commitments screen's handling lives in its own file.
    public internal(set) var state: ExplorerState
    public internal(set) var data: ExplorerData
    public let cache: CacheFile
    public let cacheName: String
    public var keyMap: KeyMap
    /// Theme names that `:theme` accepts.
    public var themeNames: [String]
    /// When the commitment gauges warn and alarm (the config file's `[gauges]`).
    public var gaugeThresholds: GaugeThresholds
    private let engine: QueryEngine
    /// Commitment summaries and lists, remembered so keys that do not change the question cost no scan.
    var commitmentFigures: CommitmentFigures
    /// Where anomaly detection stands; its findings mark rows and fill the anomalies screen.
    public internal(set) var anomalies: AnomalyStatus = .idle
    /// The background detection, once `startAnomalySearch` ran (the terminal session calls it).
    var anomalySearch: AnomalySearch?
    /// The feedback file beside the cache, read when the first result arrives (nil until then).
    var anomalyFeedback: Result<AnomalyFeedback, any Error>?
    private var pendingG = false

    /// - Parameters:
    ///   - cache: the opened cache (must hold rows).
    ///   - cacheName: shown in the header.
    ///   - gauges: the thresholds of the commitment gauges.
    public init(cache: CacheFile, cacheName: String, keyMap: KeyMap = KeyMap(), themeNames: [String] = ["default"],
                gauges: GaugeThresholds = GaugeThresholds(), state: ExplorerState = ExplorerState()) throws {
        guard cache.dayRange != nil else { throw ConfigError("the cache \(cache.path) holds no rows") }
        self.cache = cache
        self.cacheName = cacheName
        self.keyMap = keyMap
        self.themeNames = themeNames
        self.gaugeThresholds = gauges
        self.engine = QueryEngine(cache: cache)
        self.commitmentFigures = CommitmentFigures(cache: cache)
        self.state = state
        if self.state.tagKey == nil { self.state.tagKey = cache.tagKeys.first }
        data = ExplorerData(period: cache.dayRange!, comparison: nil, currency: nil, otherCurrencies: [], total: 0,
                            previousTotal: 0, rows: [], unfilteredCount: 0, detail: nil)
        try refresh()
    }

    /// The default drill order; the tag level uses the chosen tag key, resources only when kept.
    var defaultPath: [CostDimension] {
        var path: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType)]
        if let tagKey = state.tagKey { path.append(.tag(tagKey)) }
        if cache.footer.settings.keepResources { path.append(.fixed(.resource)) }
        return path
    }

    /// Every dimension the regroup chooser offers.
    public var groupChoices: [CostDimension] {
        [.fixed(.account), .fixed(.service), .fixed(.usageType), .fixed(.region), .fixed(.chargeCategory),
         .fixed(.pricingCategory), .fixed(.provider), .fixed(.billingAccount), .fixed(.commitment)]
            + (cache.footer.settings.keepResources ? [.fixed(.resource)] : [])
            + cache.tagKeys.map { .tag($0) } + [.day]
    }

    /// The dimension drilling from the current level goes to, or nil at the end of the path.
    var nextDimension: CostDimension? {
        let used = Set(state.steps.map(\.dimension.description) + [state.level.groupBy.description])
        let path = defaultPath
        let start: Int
        if !state.level.regrouped, let index = path.firstIndex(of: state.level.groupBy) {
            start = index + 1
        } else {
            start = 1
        }
        return path[min(start, path.count)...].first { !used.contains($0.description) }
            ?? path.first { !used.contains($0.description) && $0 != .day }
    }

    // MARK: - Keys

    /// Handles one key press.
    public func handle(_ key: KeyEvent) -> Effect {
        state.message = nil
        switch state.mode {
        case .filter: return handleFilterInput(key)
        case .command(let text): return handleCommandInput(key, text)
        case .regroup(let index): return handleRegroup(key, index)
        case .commitments(let index): return handleCommitments(key, index)
        case .anomalies(let index): return handleAnomalies(key, index)
        case .help:
            if key == .interrupt { return .quit }
            state.mode = .browse
            return .redraw
        case .browse:
            break
        }
        if key == .interrupt { return .quit }
        if key == .resize { return .redraw }
        if key == .escape {
            if !state.rowFilter.isEmpty {
                state.rowFilter = ""
                recompute()
            }
            return .redraw
        }
        guard let command = keyMap.command(for: key) else {
            state.message = "\(key.name): no command here; ? for help"
            return .redraw
        }
        return perform(command)
    }

    /// Runs a command by name (scripted tests and the command table use this too).
    public func perform(_ command: ExplorerCommand) -> Effect {
        switch command {
        case .moveDown: moveSelection(by: 1)
        case .moveUp: moveSelection(by: -1)
        case .pageDown: moveSelection(by: 10)
        case .pageUp: moveSelection(by: -10)
        case .moveTop: moveSelection(to: 0)
        case .moveBottom: moveSelection(to: data.rows.count - 1)
        case .drillDown: drillDown()
        case .goUp: goUp()
        case .regroup:
            let current = groupChoices.firstIndex(of: state.level.groupBy) ?? 0
            state.mode = .regroup(current)
        case .cycleTagKey: cycleTagKey()
        case .cycleSort:
            let order: [RowOrder] = [.cost, .delta, .absoluteDelta, .name]
            state.sort = order[((order.firstIndex(of: state.sort) ?? 0) + 1) % order.count]
            recompute()
        case .periodLast7Days: setPeriod(.last7Days)
        case .periodLast30Days: setPeriod(.last30Days)
        case .periodMonthToDate: setPeriod(.monthToDate)
        case .periodLastMonth: setPeriod(.lastMonth)
        case .cycleComparison:
            let all = ComparisonChoice.allCases
            state.comparison = all[((all.firstIndex(of: state.comparison) ?? 0) + 1) % all.count]
            recompute()
        case .cycleMetric:
            let all = Metric.allCases
            state.metric = all[((all.firstIndex(of: state.metric) ?? 0) + 1) % all.count]
            recompute()
        case .commitments: openCommitments()
        case .anomalies: openAnomalies()
        case .filterRows: state.mode = .filter
        case .commandLine: state.mode = .command("")
        case .toggleDetail: state.showDetail.toggle()
        case .export: state.mode = .command("export ")
        case .help: state.mode = .help
        case .quit: return .quit
        }
        return .redraw
    }

    /// Shows a transient message in the status line (until the next key).
    public func showMessage(_ message: String) { state.message = message }

    /// Remembers the table's scroll position (the renderer keeps the selection in view).
    func setScroll(_ scroll: Int) { state.scroll = scroll }

    // MARK: - Navigation

    private func moveSelection(by delta: Int) { moveSelection(to: state.selection + delta) }

    private func moveSelection(to index: Int) {
        let clamped = max(0, min(index, data.rows.count - 1))
        guard clamped != state.selection else { return }
        state.selection = clamped
        state.level.selectedKey = data.rows.indices.contains(clamped) ? data.rows[clamped].key : nil
        updateDetail()
    }

    private func drillDown() {
        guard data.rows.indices.contains(state.selection) else { return }
        guard let next = nextDimension else {
            state.message = "nothing deeper: press g to group this level another way"
            return
        }
        let row = data.rows[state.selection]
        if state.level.groupBy == .day {
            state.message = "days are the last level"
            return
        }
        state.level.selectedKey = row.key
        state.steps.append(DrillStep(dimension: state.level.groupBy, key: row.key, name: row.name))
        state.levels.append(DrillLevel(groupBy: next, regrouped: false, selectedKey: nil))
        state.rowFilter = ""
        state.selection = 0
        recompute()
    }

    private func goUp() {
        guard state.levels.count > 1 else {
            state.message = "already at the top"
            return
        }
        state.levels.removeLast()
        state.steps.removeLast()
        state.rowFilter = ""
        recompute()
    }

    private func cycleTagKey() {
        guard !cache.tagKeys.isEmpty else {
            state.message = "this cache has no tags"
            return
        }
        let keys = cache.tagKeys
        let index = state.tagKey.flatMap(keys.firstIndex(of:)).map { ($0 + 1) % keys.count } ?? 0
        let old = state.tagKey
        state.tagKey = keys[index]
        // A level grouped by the old tag key follows the new one.
        if let old, state.level.groupBy == .tag(old), !state.level.regrouped {
            state.level.groupBy = .tag(keys[index])
            recompute()
        }
        state.message = "tag key: \(keys[index])"
    }

    private func setPeriod(_ period: PeriodSpec) {
        state.period = period
        recompute()
    }

    // MARK: - Input modes

    private func handleFilterInput(_ key: KeyEvent) -> Effect {
        switch key {
        case .escape:
            state.rowFilter = ""
            state.mode = .browse
        case .enter:
            state.mode = .browse
        case .backspace, .delete:
            if !state.rowFilter.isEmpty { state.rowFilter.removeLast() }
        case .character(let character):
            state.rowFilter.append(character)
        case .interrupt:
            return .quit
        default:
            return .redraw
        }
        recompute()
        return .redraw
    }

    private func handleCommandInput(_ key: KeyEvent, _ text: String) -> Effect {
        switch key {
        case .escape:
            state.mode = .browse
        case .enter:
            state.mode = .browse
            return runCommandLine(text)
        case .backspace, .delete:
            state.mode = text.isEmpty ? .browse : .command(String(text.dropLast()))
        case .character(let character):
            state.mode = .command(text + String(character))
        case .interrupt:
            return .quit
        default:
            break
        }
        return .redraw
    }

    private func handleRegroup(_ key: KeyEvent, _ index: Int) -> Effect {
        let choices = groupChoices
        switch key {
        case .character("g"):
            // `g g` goes to the first row, as in vi.
            state.mode = .browse
            moveSelection(to: 0)
        case .down, .character("j"):
            state.mode = .regroup(min(index + 1, choices.count - 1))
        case .up, .character("k"):
            state.mode = .regroup(max(index - 1, 0))
        case .enter, .right, .character("l"):
            state.mode = .browse
            state.level.groupBy = choices[index]
            state.level.regrouped = true
            state.level.selectedKey = nil
            state.rowFilter = ""
            recompute()
        case .interrupt:
            return .quit
        default:
            state.mode = .browse
        }
        return .redraw
    }

    /// Runs a `:` command: `period FROM..TO|last-7d|…`, `where DIM=VALUE` (or `DIM!=VALUE`, or
    /// `where` alone to clear), `by DIM`, `metric NAME`, `theme NAME`, `export FILE`.
    public func runCommandLine(_ text: String) -> Effect {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = parts.first else { return .redraw }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        switch verb {
        case "period":
            guard let period = PeriodSpec(argument) else {
                state.message = "period: use last-7d, last-30d, mtd, last-month, all or YYYY-MM-DD..YYYY-MM-DD"
                return .redraw
            }
            setPeriod(period)
        case "where":
            if argument.isEmpty {
                state.filters = []
            } else if let filter = Filter(argument) {
                state.filters.append(filter)
            } else {
                state.message = "where: write DIM=VALUE or DIM!=VALUE"
                return .redraw
            }
            recompute()
        case "by":
            guard let dimension = CostDimension(argument) else {
                state.message = "by: unknown dimension \(argument)"
                return .redraw
            }
            state.level.groupBy = dimension
            state.level.regrouped = true
            recompute()
        case "metric":
            guard let metric = Metric(rawValue: argument) else {
                state.message = "metric: billed, effective or list"
                return .redraw
            }
            state.metric = metric
            recompute()
        case "theme":
            guard themeNames.contains(argument) else {
                state.message = "theme: one of \(themeNames.joined(separator: ", "))"
                return .redraw
            }
            state.themeName = argument
            return .theme(argument)
        case "export":
            guard !argument.isEmpty else {
                state.message = "export: give a file name (.csv or .md)"
                return .redraw
            }
            do {
                try ViewExporter.export(self, to: argument)
                state.message = "wrote \(argument)"
            } catch {
                state.message = "export failed: \(error)"
            }
        case "q", "quit":
            return .quit
        default:
            state.message = "unknown command: \(verb) (period, where, by, metric, theme, export)"
        }
        return .redraw
    }

    // MARK: - Data

    /// The period and comparison ranges of the current state.
    public var ranges: (period: DayRange, comparison: DayRange?) {
        let period = state.period.resolve(in: cache.dayRange!)
        switch state.comparison {
        case .previous: return (period, state.period.previous(of: period))
        case .lastMonth: return (period, ComparisonChoice.shiftedOneMonthBack(period))
        case .none: return (period, nil)
        }
    }

    private func refresh() throws {
        let (period, comparison) = ranges
        let spec = QuerySpec(groupBy: state.level.groupBy, filters: state.activeFilters, period: period,
                             comparison: comparison, metric: state.metric, currency: data.currency)
        var seriesSpec = spec
        seriesSpec.includeSeries = true
        let result = try engine.run(seriesSpec)
        let report = QueryReport(result, sort: state.level.groupBy == .day && state.sort == .cost ? .name : state.sort, limit: nil)
        let order = Dictionary(uniqueKeysWithValues: report.lines.enumerated().map { ($1.key, $0) })
        var rows = result.rows.sorted { (order[$0.key] ?? 0) < (order[$1.key] ?? 0) }
        let unfiltered = rows.count
        if !state.rowFilter.isEmpty { rows = rows.filter { RowFilter.matches($0, state.rowFilter) } }
        // The gauges follow the drill context; the figures are remembered, so only a change of the
        // period, currency or filters scans again (not sort, metric or the `/` filter).
        var summary: CommitmentSummary?
        do {
            summary = try commitmentFigures.summary(filters: state.activeFilters, period: period, currency: result.currency)
        } catch {
            state.message = "commitment gauges: \(error)"
        }
        data = ExplorerData(period: period, comparison: comparison, currency: result.currency,
                            otherCurrencies: result.otherCurrencies, total: result.total,
                            previousTotal: result.previousTotal, rows: rows, unfilteredCount: unfiltered, detail: nil,
                            commitmentSummary: summary, commitmentList: data.commitmentList)
        // A new metric needs its own detection; the marks follow the drill context and period.
        followMetricWithAnomalySearch()
        data.anomalyDays = anomalyMarks()
        // Keep the selection on the same key when it is still there.
        if let key = state.level.selectedKey, let index = rows.firstIndex(where: { $0.key == key }) {
            state.selection = index
        } else {
            state.selection = min(state.selection, max(0, rows.count - 1))
        }
        updateDetail()
    }

    func recompute() {
        do { try refresh() } catch { state.message = "\(error)" }
    }

    func updateDetail() {
        guard data.rows.indices.contains(state.selection) else {
            data.detail = nil
            return
        }
        let row = data.rows[state.selection]
        let rowFilter = Filter(dimension: state.level.groupBy, value: row.key, exclude: false)
        var detail = RowDetail(row: row, comparisonSeries: [], childDimension: nil, children: [],
                               shareOfParent: data.total == 0 ? nil : Double(row.cost) / Double(data.total) * 100,
                               tagCoverage: nil)
        guard state.level.groupBy != .day else {
            data.detail = detail
            return
        }
        let filters = state.activeFilters + [rowFilter]
        if let comparison = data.comparison {
            // The row's days in the comparison period, aligned by offset from its first day.
            let spec = QuerySpec(groupBy: .day, filters: filters, period: comparison, comparison: nil,
                                 metric: state.metric, currency: data.currency)
            if let result = try? engine.run(spec) {
                var series = [Int128](repeating: 0, count: comparison.dayCount)
                for dayRow in result.rows {
                    if let day = Day(dayRow.key) { series[Int(day.index - comparison.from.index)] = dayRow.cost }
                }
                detail.comparisonSeries = series
            }
        }
        if let next = nextDimension {
            let spec = QuerySpec(groupBy: next, filters: filters, period: data.period, comparison: data.comparison,
                                 metric: state.metric, currency: data.currency)
            if let result = try? engine.run(spec) {
                detail.childDimension = next
                detail.children = Array(result.rows.sorted { $0.cost > $1.cost }.prefix(5))
            }
        }
        if let tagKey = state.tagKey, state.level.groupBy != .tag(tagKey) {
            let spec = QuerySpec(groupBy: .tag(tagKey), filters: filters, period: data.period, comparison: nil,
                                 metric: state.metric, currency: data.currency)
            if let result = try? engine.run(spec), result.total != 0 {
                let untagged = result.rows.first { $0.isMissing }?.cost ?? 0
                detail.tagCoverage = Double(result.total - untagged) / Double(result.total) * 100
            }
        }
        detail.anomaly = anomalyAtNode(row)
        data.detail = detail
    }
}

extension ComparisonChoice {
    /// The same days one month earlier (days past the end of a shorter month are clipped).
    static func shiftedOneMonthBack(_ range: DayRange) -> DayRange {
        func back(_ day: Day) -> Day {
            let (year, month, dayOfMonth) = day.components
            let (targetYear, targetMonth) = month == 1 ? (year - 1, 12) : (year, month - 1)
            return Day(year: targetYear, month: targetMonth,
                       day: min(dayOfMonth, Day.daysInMonth(year: targetYear, month: targetMonth)))!
        }
        return DayRange(from: back(range.from), to: back(range.to))
    }
}

/// The `/` filter: a case-insensitive substring, or a regular expression when the text is one.
enum RowFilter {
    static func matches(_ row: QueryRow, _ text: String) -> Bool {
        let haystacks = [row.key, row.name ?? ""]
        if let regex = try? Regex(text).ignoresCase() {
            return haystacks.contains { (try? regex.firstMatch(in: $0)) != nil }
        }
        return haystacks.contains { $0.localizedCaseInsensitiveContains(text) }
    }
}
