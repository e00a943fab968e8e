import CostCache
import CostEngine
import CostModel
import Foundation

/// The explorer's router. It holds the state the screens share (the browse question and its
/// figures, anomaly findings), sends each key to the active screen as a command from the key
/// map, and applies the effects the screen returns. The screens do the rest (`Screens/`); the
/// engine is asked through `ExplorerQueries`. It never touches a terminal: `ExplorerRenderer`
/// draws into a cell grid, so every screen is testable as text.
public final class Explorer {
    /// What the caller (the terminal loop) should do after a key.
    public enum Effect: Equatable, Sendable {
        case redraw
        case quit
        /// The theme changed; reload styles.
        case theme(String)
        /// Put this text on the clipboard (OSC 52, which works over SSH and inside tmux), then redraw.
        case copy(String)
    }

    /// The question every screen shares (drill path, period, metric, filters).
    public internal(set) var state: ExplorerState
    /// The figures of the current level.
    public internal(set) var data: ExplorerData
    public let cache: CacheFile
    public let cacheName: String
    public var keyMap: KeyMap
    /// Theme names that `:theme` accepts.
    public var themeNames: [String]
    /// When the commitment gauges warn and alarm (the config file's `[gauges]`).
    public var gaugeThresholds: GaugeThresholds
    /// When rows carry anomaly marks (the config file's `anomaly_marks:`).
    public var anomalyMarkRule: AnomalyMarkRule
    /// The engine's questions, in one place.
    let queries: ExplorerQueries
    /// Where anomaly detection stands; its findings mark rows and fill the anomalies screen.
    public internal(set) var anomalies: AnomalyStatus = .idle
    /// The background detection, once `startAnomalySearch` ran (the terminal session calls it).
    var anomalySearch: AnomalySearch?
    /// The feedback file beside the cache, read when the first result arrives (nil until then).
    var anomalyFeedback: Result<AnomalyFeedback, any Error>?
    /// One instance of every registered screen, by id.
    private var screens: [ScreenID: any Screen] = [:]
    /// The screen keys go to; the table when nothing else is open.
    public private(set) var activeScreen: ScreenID = TableScreen.id
    /// The terminal's size as last reported, for page sizes and scroll positions.
    private(set) var viewport: (width: Int, height: Int)?
    /// The views visited, for back and forward (`Views/`).
    var history = ViewHistory()
    /// Where named bookmarks are kept (the config folder's bookmarks.txt); nil keeps none.
    public var bookmarksPath: String?

    /// - Parameters:
    ///   - cache: the opened cache (must hold rows).
    ///   - cacheName: shown in the header.
    ///   - gauges: the thresholds of the commitment gauges.
    ///   - anomalyMarks: when rows carry anomaly marks.
    ///   - rules: the rules file's categories and splits (`category:NAME` in regroup and drill-downs).
    ///   - drillPath: the dimensions the drill path starts with (`explore --by`); nil: provider →
    ///     account → service → usage type when the cache holds several providers, else account → ….
    ///     The first screen is grouped by the path's first dimension unless `state` says otherwise.
    ///   - metrics: business metrics for unit costs (`state.unitMetric`, `:per`); by default none.
    ///   - backgroundGauges: compute the commitment gauges of a new context on a worker thread and
    ///     draw the table without them meanwhile (the terminal session; `pollGauges` between keys);
    ///     false computes them with the table, so every frame is complete (tests, scripts).
    public init(cache: CacheFile, cacheName: String, keyMap: KeyMap = KeyMap(), themeNames: [String] = ["default"],
                gauges: GaugeThresholds = GaugeThresholds(), anomalyMarks: AnomalyMarkRule = AnomalyMarkRule(),
                state: ExplorerState = ExplorerState(), rules: AllocationRules = .none,
                drillPath: [CostDimension]? = nil, metrics: BusinessMetrics = BusinessMetrics(),
                backgroundGauges: Bool = false) throws {
        guard let range = cache.dayRange else { throw CacheError.empty(path: cache.path) }
        self.cache = cache
        self.cacheName = cacheName
        self.keyMap = keyMap
        self.themeNames = themeNames
        self.gaugeThresholds = gauges
        self.anomalyMarkRule = anomalyMarks
        self.queries = ExplorerQueries(cache: cache, rules: rules, drillPath: drillPath, metrics: metrics)
        if backgroundGauges {
            queries.gaugeSearch = GaugeSearch(cache: cache, analysis: queries.commitmentFigures.analysis)
        }
        self.state = state
        if self.state.tagKey == nil { self.state.tagKey = cache.tagKeys.first }
        // A fresh state starts at the top of the drill path (provider for a mixed bill).
        if self.state.steps.isEmpty, self.state.levels == ExplorerState().levels,
           let top = queries.defaultPath(tagKey: self.state.tagKey).first {
            self.state.levels = [DrillLevel(groupBy: top, regrouped: false)]
        }
        data = ExplorerData(period: range, comparison: nil, currency: nil, otherCurrencies: [], total: 0,
                            previousTotal: 0, rows: [], unfilteredCount: 0, detail: nil)
        for type in ScreenRegistry.screens { screens[type.id] = type.init() }
        try refresh()
    }

    /// Every dimension the regroup chooser offers.
    public var groupChoices: [CostDimension] { queries.groupChoices }

    /// The commitment figures' memo (tests check which keys ask the engine).
    var commitmentFigures: CommitmentFigures { queries.commitmentFigures }

    /// The screen of type `type` (for tests and the renderer).
    func screen<S: Screen>(_ type: S.Type) -> S { screens[S.id] as! S }

    /// The active screen.
    var active: any Screen { screens[activeScreen]! }

    /// What screens read: the shared state, figures and services.
    func context(unicode: Bool = true) -> ScreenContext {
        ScreenContext(state: state, data: data, anomalies: anomalies, keyMap: keyMap, queries: queries, cacheName: cacheName,
                      themeNames: themeNames, gaugeThresholds: gaugeThresholds, viewport: viewport, unicode: unicode)
    }

    // MARK: - Input

    /// The terminal's size, reported by the terminal loop before it draws (and after SIGWINCH):
    /// screens use it for page sizes and to keep their selection in view.
    public func resize(width: Int, height: Int) {
        viewport = (width, height)
        _ = settled(.redraw)
    }

    /// Handles one key press: the active screen gets the command bound to it there, or the key.
    public func handle(_ key: KeyEvent) -> Effect {
        state.message = nil
        if key == .interrupt { return .quit }
        if key == .resize { return .redraw }
        let screen = active
        let type = type(of: screen)
        let input: ScreenInput
        if let command = keyMap.command(for: key, in: type.keyScopes) {
            input = .command(command)
        } else if type.takesText, case .character(let character) = key {
            input = .text(character)
        } else {
            input = .unbound(key)
        }
        return settled(apply(screen.handle(input, context: context())))
    }

    /// Lets every screen bring its own state in line after an input; passes `effect` through.
    private func settled(_ effect: Effect) -> Effect {
        let context = context()
        for screen in screens.values { screen.settle(context: context) }
        return effect
    }

    /// Runs a command by long name on the active screen, as its key would (scripted tests use
    /// this). A `:` verb (`period`, `by`) with an argument runs as the command line would.
    @discardableResult
    public func perform(_ command: ExplorerCommand, argument: String? = nil) -> Effect {
        state.message = nil
        if let argument, let verb = command.row.verbs.first {
            return runCommandLine(verb + " " + argument)
        }
        return settled(apply(active.handle(.command(command), context: context())))
    }

    /// Runs a `:` command line (`period last-7d`, `where region=us-east-1`, `by service`).
    @discardableResult
    public func runCommandLine(_ text: String) -> Effect { settled(apply(CommandVerbs.run(text, context: context()))) }

    /// Shows a transient message in the status line (until the next key).
    public func showMessage(_ message: String) { state.message = message }

    // MARK: - Effects

    /// Applies a screen's effect and says what the terminal loop should do.
    @discardableResult
    func apply(_ effect: ScreenEffect) -> Effect {
        switch effect {
        case .none: return .redraw
        case .quit: return .quit
        case .theme(let name):
            state.themeName = name
            return .theme(name)
        case .open(let id, let text):
            guard let screen = screens[id] else { return .redraw }
            activeScreen = id
            return apply(screen.open(text: text, context: context()))
        case .close:
            activeScreen = TableScreen.id
        case .message(let text):
            state.message = text
        case .select(let index):
            let clamped = max(0, min(index, data.rows.count - 1))
            guard clamped != state.selection else { break }
            state.selection = clamped
            state.level.selectedKey = data.rows.indices.contains(clamped) ? data.rows[clamped].key : nil
            updateDetail()
        case .browse(let change):
            // Every change of the question is a visit: back returns to the view before it.
            let before = ExplorerView(state: state)
            change(&state)
            recompute()
            if ExplorerView(state: state).place != before.place { history.visit(from: before) }
        case .browseView(let change):
            change(&state)
        case .session(let work):
            return apply(work(self))
        case .copy(let text):
            state.message = "copied: " + text
            return .copy(text)
        case .all(let effects):
            var result = Effect.redraw
            for effect in effects {
                let outcome = apply(effect)
                if outcome != .redraw { result = outcome }
                if outcome == .quit { break }
            }
            return result
        }
        return .redraw
    }

    // MARK: - Figures

    /// The period and comparison ranges of the current state.
    public var ranges: (period: DayRange, comparison: DayRange?) { queries.ranges(state) }

    private func refresh() throws {
        let (figures, message) = try queries.table(state, currency: data.currency)
        data = figures
        if let message { state.message = message }
        // A new metric needs its own detection; the marks follow the drill context and period.
        followMetricWithAnomalySearch()
        (data.anomalyDays, data.anomalySeverity) = anomalyMarks()
        // Keep the selection on the same key when it is still there.
        if let key = state.level.selectedKey, let index = data.rows.firstIndex(where: { $0.key == key }) {
            state.selection = index
        } else {
            state.selection = min(state.selection, max(0, data.rows.count - 1))
        }
        updateDetail()
    }

    /// Asks the engine for the level's figures again after the question changed.
    func recompute() {
        do { try refresh() } catch { state.message = "\(error)" }
    }

    /// The detail pane's figures for the selected row.
    func updateDetail() {
        guard data.rows.indices.contains(state.selection) else {
            data.detail = nil
            return
        }
        let row = data.rows[state.selection]
        var detail = queries.detail(row, state: state, data: data)
        detail.anomaly = anomalyAtNode(row)
        data.detail = detail
    }
}

// MARK: - Gauges in the background

extension Explorer {
    /// Takes the gauge summaries the background worker finished (`backgroundGauges`) and fills in
    /// the strip when one is the current context's. Call between keys, as `pollAnomalies`.
    /// - Returns: true when the screen changed (the strip filled in, or an error message).
    public func pollGauges() -> Bool {
        guard let search = queries.gaugeSearch else { return false }
        let answers = search.take()
        guard !answers.isEmpty else { return false }
        let current = CommitmentQuestion(filters: state.activeFilters, period: data.period, currency: data.currency)
        var changed = false
        for answer in answers {
            let isCurrent = data.commitmentPending && answer.question == current
            switch answer.result {
            case .success(let summary):
                queries.rememberGauges(summary, for: answer.question)
                if isCurrent {
                    data.commitmentSummary = summary
                    data.commitmentPending = false
                    changed = true
                }
            case .failure(let error):
                // A drill-ahead's failure is not reported here: the drill itself asks again and says so.
                if isCurrent {
                    data.commitmentPending = false
                    state.message = "commitment gauges: \(error)"
                    changed = true
                }
            }
        }
        return changed
    }

    /// Whether the background worker is still computing gauges or checking drill-aheads.
    public var gaugesBusy: Bool { queries.gaugeSearch?.isBusy ?? false }
}
