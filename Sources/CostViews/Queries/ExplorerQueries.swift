import CostCache
import CostEngine
import CostModel

/// The one place the explorer's screens ask the engine: the level's table, the detail pane's
/// three queries, commitment figures, and the period arithmetic (comparison ranges, the days
/// around an anomaly). Screens call this; none of them builds a `QuerySpec` or counts days itself.
final class ExplorerQueries {
    let cache: CacheFile
    let engine: QueryEngine
    /// The current node's forecast, remembered by question (`nodeForecast`).
    var forecastMemo: (key: String, value: NodeForecast?)?
    /// Commitment summaries and lists, remembered so keys that do not change the question cost no scan.
    private(set) var commitmentFigures: CommitmentFigures
    /// Business metrics imported beside the cache, for unit costs; none when there are none.
    let metrics: BusinessMetrics
    /// When set, the gauges of a context not seen before are computed on this worker and the table
    /// is drawn without them meanwhile (`ExplorerData.commitmentPending`); nil computes them in line.
    var gaugeSearch: GaugeSearch?

    /// The front of the drill path: the user's (`explore --by`, the config's `drill_path`), else
    /// provider → account → service → usage type when the cache holds several providers, else
    /// account → service → usage type.
    let pathStart: [CostDimension]

    /// - Parameters:
    ///   - drillPath: the dimensions the drill path starts with, outermost first (nil: the
    ///     default, which starts at provider when the cache holds more than one).
    ///   - metrics: business metrics for unit costs.
    init(cache: CacheFile, rules: AllocationRules = .none, drillPath: [CostDimension]? = nil,
         metrics: BusinessMetrics = BusinessMetrics()) {
        self.cache = cache
        engine = QueryEngine(cache: cache, rules: rules)
        commitmentFigures = CommitmentFigures(cache: cache)
        self.metrics = metrics
        let standard: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType)]
        if let drillPath, !drillPath.isEmpty {
            pathStart = drillPath
        } else {
            pathStart = Self.providerCount(cache) > 1 ? [.fixed(.provider)] + standard : standard
        }
    }

    /// How many providers the cache's rows name (counting stops at two): the provider dictionary
    /// answers a one-cloud cache at once; otherwise the column is scanned, since a dictionary may
    /// keep a value whose rows a re-ingest dropped.
    static func providerCount(_ cache: CacheFile) -> Int {
        let names = cache.dictionary(.provider)
        guard (0..<names.count).filter({ !names[$0].isEmpty }).count > 1 else { return min(1, cache.rowCount) }
        let codes = cache.codes(.provider)
        var first: UInt32?
        for code in codes where code != 0 {
            if let first, first != code { return 2 }
            first = code
        }
        return first == nil ? 0 : 1
    }

    /// The rules file's categories and splits.
    var rules: AllocationRules { engine.rules }

    /// The engine, for the screens' query files (`ExplorerQueries+Movers`).
    var queryEngine: QueryEngine { engine }

    /// The days of the cache (a cache without rows never reaches the explorer).
    var dataRange: DayRange { cache.dayRange! }

    // MARK: - Paths and dimensions

    /// The default drill order: `pathStart`, then account, service and usage type where it left
    /// them out, the chosen tag key and resources (only when kept).
    func defaultPath(tagKey: String?) -> [CostDimension] {
        var path = pathStart
        var rest: [CostDimension] = [.fixed(.account), .fixed(.service), .fixed(.usageType)]
        if let tagKey { rest.append(.tag(tagKey)) }
        if cache.footer.settings.keepResources { rest.append(.fixed(.resource)) }
        path += rest.filter { !path.contains($0) }
        return path
    }

    /// Every dimension the regroup chooser offers.
    var groupChoices: [CostDimension] {
        [.fixed(.account), .fixed(.service), .fixed(.usageType), .fixed(.region), .fixed(.chargeCategory),
         .fixed(.pricingCategory), .fixed(.provider), .fixed(.billingAccount), .fixed(.commitment)]
            + (cache.footer.settings.keepResources ? [.fixed(.resource)] : [])
            + cache.tagKeys.map { .tag($0) } + engine.rules.categories.map { .category($0.name) } + [.day]
    }

    /// The dimension drilling from the current level goes to, or nil at the end of the path.
    func nextDimension(_ state: ExplorerState) -> CostDimension? {
        let used = Set(state.steps.map(\.dimension.description) + [state.level.groupBy.description])
        let path = defaultPath(tagKey: state.tagKey)
        let start: Int
        if !state.level.regrouped, let index = path.firstIndex(of: state.level.groupBy) {
            start = index + 1
        } else {
            start = 1
        }
        return path[min(start, path.count)...].first { !used.contains($0.description) }
            ?? path.first { !used.contains($0.description) && $0 != .day }
    }

    /// The account name for an account step, as the table shows it (from the cache's labels).
    func displayName(_ dimension: CostDimension, _ key: String) -> String? {
        guard case .fixed(let fixed) = dimension, let labels = cache.labels(fixed),
              let code = cache.dictionary(fixed).index(of: key), code < labels.count, !labels[code].isEmpty else { return nil }
        return labels[code]
    }

    // MARK: - Periods

    /// The period and comparison ranges of a state.
    func ranges(_ state: ExplorerState) -> (period: DayRange, comparison: DayRange?) {
        let period = state.period.resolve(in: dataRange)
        switch state.comparison {
        case .previous: return (period, state.period.previous(of: period))
        case .lastMonth: return (period, Self.shiftedOneMonthBack(period))
        case .none: return (period, nil)
        }
    }

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

    /// The days anomaly detection looks at: the last 90 days of data.
    var anomalyWindow: DayRange { DayRange(from: max(dataRange.from, dataRange.to.adding(days: -89)), to: dataRange.to) }

    /// The period that shows an anomaly against its usual level: 14 days before its first day to 7
    /// after its last, clipped to the data.
    func periodAround(_ anomaly: Anomaly) -> DayRange {
        DayRange(from: max(dataRange.from, anomaly.start.adding(days: -14)), to: min(dataRange.to, anomaly.end.adding(days: 7)))
    }

    // MARK: - The table

    /// The level's figures for `state`: rows sorted and `/`-filtered, totals, series and the
    /// commitment gauges (remembered by question, so only a new period, currency or filter scans).
    /// - Parameter currency: the currency shown so far (nil: the engine picks the main one).
    /// - Returns: the figures, and a message when the gauges could not be computed.
    func table(_ state: ExplorerState, currency shown: String?) throws -> (data: ExplorerData, message: String?) {
        let (period, comparison) = ranges(state)
        // A `:where currency=EUR` filter picks the currency shown (amounts of two are never added);
        // otherwise the one shown so far stays, so drilling never switches currency under the user.
        let chosen = state.activeFilters.last { $0.dimension == .fixed(.currency) && !$0.exclude }?.value
        let currency = chosen ?? shown
        var spec = QuerySpec(groupBy: state.level.groupBy, filters: state.activeFilters, period: period,
                             comparison: comparison, metric: state.metric, currency: currency)
        spec.includeSeries = true
        let result = try engine.run(spec)
        let report = QueryReport(result, sort: state.level.groupBy == .day && state.sort == .cost ? .name : state.sort, limit: nil)
        let order = Dictionary(uniqueKeysWithValues: report.lines.enumerated().map { ($1.key, $0) })
        // Each row's place looked up once, not twice per comparison: at 40,000 resources the
        // string hashing of a comparator lookup was a tenth of a keypress (docs/scale.md).
        var rows = result.rows.map { (order[$0.key] ?? 0, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        let unfiltered = rows.count
        if !state.rowFilter.isEmpty { rows = rows.filter { RowFilter.matches($0, state.rowFilter) } }
        var summary: CommitmentSummary?
        var pending = false
        var message: String?
        let question = CommitmentQuestion(filters: state.activeFilters, period: period, currency: result.currency)
        if let gaugeSearch, commitmentFigures.available {
            summary = commitmentFigures.known(question)
            pending = summary == nil
            // The contexts a drill opens next, unless already summarized (and so checked): also when
            // this context's summary is known, as after a drill into a row that was asked ahead.
            let ahead = drillAheads(state, rows: rows, period: period, comparison: comparison, currency: result.currency)
                .filter { commitmentFigures.known($0.question) == nil }
            if pending || !ahead.isEmpty { gaugeSearch.request(pending ? question : nil, ahead: ahead) }
        } else {
            do {
                summary = try commitmentFigures.summary(filters: state.activeFilters, period: period, currency: result.currency)
            } catch {
                message = "commitment gauges: \(error)"
            }
        }
        var data = ExplorerData(period: period, comparison: comparison, currency: result.currency,
                                otherCurrencies: result.otherCurrencies, total: result.total,
                                previousTotal: result.previousTotal, rows: rows, unfilteredCount: unfiltered, detail: nil,
                                commitmentSummary: summary, commitmentPending: pending)
        (data.unitCosts, data.totalUnitCost) = unitCosts(state, rows: rows, total: result.total, previousTotal: result.previousTotal,
                                                         period: period, comparison: comparison)
        data.forecast = nodeForecast(filters: state.activeFilters, metric: state.metric, currency: result.currency)
        return (data, message)
    }

    /// The detail pane's figures for `row` of the level: its days in the comparison period, its
    /// largest children one level down, and how much of it carries the chosen tag key.
    func detail(_ row: QueryRow, state: ExplorerState, data: ExplorerData) -> RowDetail {
        var detail = RowDetail(row: row, comparisonSeries: [], childDimension: nil, children: [],
                               shareOfParent: data.total == 0 ? nil : Double(row.cost) / Double(data.total) * 100,
                               tagCoverage: nil)
        guard state.level.groupBy != .day else { return detail }
        let filters = state.activeFilters + [Filter(dimension: state.level.groupBy, value: row.key, exclude: false)]
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
        if let next = nextDimension(state) {
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
        return detail
    }

    // MARK: - Commitments

    /// Keeps a gauge summary `GaugeSearch` computed, so the context's next visit costs nothing.
    func rememberGauges(_ summary: CommitmentSummary, for question: CommitmentQuestion) {
        commitmentFigures.remember(summary, for: question)
    }

    /// The contexts a drill from this level most likely opens next, for `GaugeSearch` to check and
    /// summarize ahead: the top three rows and the selected one, when the level groups by the next
    /// cluster dimension (account, then service, then usage type) under include filters on the
    /// ones before it, so each context's rows are runs of the raw rows. None otherwise.
    func drillAheads(_ state: ExplorerState, rows: [QueryRow], period: DayRange, comparison: DayRange?,
                     currency: String?) -> [GaugeSearch.DrillAhead] {
        let cluster = cache.clusterDimensions
        var prefix: [UInt32] = []
        for filter in state.activeFilters {
            guard !filter.exclude, prefix.count < cluster.count, filter.dimension == .fixed(cluster[prefix.count]),
                  let code = cache.dictionary(cluster[prefix.count]).index(of: filter.value) else { return [] }
            prefix.append(UInt32(code))
        }
        guard prefix.count < cluster.count, state.level.groupBy == .fixed(cluster[prefix.count]) else { return [] }
        let dimension = cluster[prefix.count]
        // A drill reads its period and the comparison (the level's and the detail pane's queries),
        // and the header's forecast reads the node's last `ForecastAnalysis.historyWindow` days:
        // checked here too, the first visit of a level finds them checked (at 50M rows the first
        // visit of the usage-type level spent most of its 14 ms checking the forecast's history).
        var days = comparison.map { DayRange(from: min($0.from, period.from), to: max($0.to, period.to)) } ?? period
        if let last = cache.dayRange?.to {
            let history = last.adding(days: 1 - ForecastAnalysis.historyWindow)
            days = DayRange(from: min(days.from, history), to: max(days.to, last))
        }
        var keys = rows.prefix(3).map(\.key)
        if rows.indices.contains(state.selection), !keys.contains(rows[state.selection].key) {
            keys.append(rows[state.selection].key)
        }
        return keys.compactMap { key in
            guard let code = cache.dictionary(dimension).index(of: key) else { return nil }
            let filters = state.activeFilters + [Filter(dimension: state.level.groupBy, value: key, exclude: false)]
            return GaugeSearch.DrillAhead(prefix: prefix + [UInt32(code)], days: days,
                                          question: CommitmentQuestion(filters: filters, period: period, currency: currency))
        }
    }

    /// Every commitment with cost in the period within `filters` (the commitments screen's list).
    func commitmentList(filters: [Filter], period: DayRange, currency: String?) throws -> CommitmentList {
        try commitmentFigures.list(filters: filters, period: period, currency: currency)
    }
}
