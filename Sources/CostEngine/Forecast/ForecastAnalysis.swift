import CostCache
import CostModel

/// Month-end forecasts of a selection and of each node of a dimension (docs/forecast.md).
///
/// Each node's daily cost over the last 180 days is split into usage (which the `SeriesForecaster`
/// extrapolates: weekday factors, a recent level, level shifts) and scheduled charges (carried as
/// known amounts by `ScheduledCharges`). The forecast is the month's actual cost to date, plus the
/// usage forecast of its remaining days, plus the scheduled charges still to post. The interval
/// comes from the method's own errors on this bill (`ForecastErrors`).
public struct ForecastAnalysis {
    /// Days of history looked at, the as-of day included.
    public static let historyWindow = 180

    public let engine: QueryEngine

    /// An analysis over `cache`; `rules` define `category:NAME` dimensions and filters.
    public init(cache: CacheFile, rules: AllocationRules = .none) {
        engine = QueryEngine(cache: cache, rules: rules)
    }

    /// An analysis sharing an engine (and its category columns) with other questions.
    public init(engine: QueryEngine) {
        self.engine = engine
    }

    /// Forecasts the month of `spec` and the month after.
    /// - Throws: `QueryError` for an empty cache, a month before the data, an unknown tag key,
    ///   category or currency.
    public func run(_ spec: ForecastSpec) throws -> ForecastResult {
        guard let data = engine.cache.dayRange else { throw QueryError("the cache holds no data") }
        let lastKnown = min(spec.asOf ?? data.to, data.to)
        let month = (spec.month ?? lastKnown).firstOfMonth
        let monthEnd = month.lastOfMonth
        let asOf = min(lastKnown, monthEnd)
        guard asOf >= data.from else {
            throw QueryError("no data before \(asOf): the cache starts on \(data.from)")
        }
        let window = DayRange(from: max(data.from, asOf.adding(days: 1 - Self.historyWindow)), to: asOf)
        let nodes = try series(spec, window: window, month: month)
        let known = window.dayCount
        let context = NodeContext(window: window, month: month, asOf: asOf, level: spec.level, correctBias: spec.correctBias)

        var rows: [ForecastRow] = []
        var totalSeries = NodeSeriesPair(key: "total", name: nil, all: [Double](repeating: 0, count: known),
                                         fees: [Double](repeating: 0, count: known), exact: 0)
        var totalParts = NodeParts.zero
        for node in nodes.list {
            let parts = context.parts(of: node)
            totalParts = totalParts.adding(parts)
            totalSeries.add(node)
            if spec.groupBy != nil { rows.append(context.row(node: node, parts: parts)) }
        }
        // The total is the sum of its rows, and its interval comes from the summed backtests.
        var total = context.row(node: totalSeries, parts: totalParts)
        if !rows.isEmpty {
            // The rows' forecasts (each corrected by its own past errors) add up to the total's.
            total.current.forecast = rows.reduce(0) { $0 + $1.current.forecast }
            total.next.forecast = rows.reduce(0) { $0 + $1.next.forecast }
            for month in [\ForecastRow.current, \ForecastRow.next] {
                total[keyPath: month].lower = min(total[keyPath: month].lower, total[keyPath: month].forecast)
                total[keyPath: month].upper = max(total[keyPath: month].upper, total[keyPath: month].forecast)
            }
        }
        total.shiftSince = context.shiftSince(of: totalSeries)
        var result = ForecastResult(spec: spec, asOf: asOf, currency: nodes.currency, historyDays: known,
                                    empiricalInterval: totalParts.empirical, total: total, rows: rows, notes: [])
        result.notes = notes(result, totalShift: total.shiftSince, scheduled: total.current.scheduledRemaining)
        return result
    }

    // MARK: - Series

    /// Each node's daily cost, all charges and scheduled charges only, over `window`; nodes past
    /// `spec.limit` (by their last 30 days) summed into one `(other N)` node.
    private func series(_ spec: ForecastSpec, window: DayRange, month: Day) throws -> (list: [NodeSeriesPair], currency: String?) {
        var query = QuerySpec(groupBy: spec.groupBy ?? .fixed(.provider), filters: spec.filters, period: window,
                              comparison: nil, metric: spec.metric, currency: spec.currency)
        query.includeSeries = true
        let all = try engine.run(query)
        guard let currency = all.currency else { return ([], nil) }
        query.currency = currency
        query.filters += ScheduledCharges.filters
        let fees = try engine.run(query)
        var feesByKey: [String: [Int128]] = [:]
        for row in fees.rows { feesByKey[row.key] = row.series }
        let days = window.dayCount
        let monthOffset = max(0, Int(month.index - window.from.index))
        var nodes = all.rows.map { row in
            let exact = monthOffset < days ? row.series[monthOffset...].reduce(Int128(0), +) : 0
            return NodeSeriesPair(key: row.key, name: row.name, all: row.series.map(Self.units),
                                  fees: (feesByKey[row.key] ?? []).map(Self.units), exact: exact)
        }
        for index in nodes.indices where nodes[index].fees.isEmpty {
            nodes[index].fees = [Double](repeating: 0, count: days)
        }
        let recent = max(0, days - 30)
        nodes.sort { ($0.all[recent...].reduce(0, +), $1.key) > ($1.all[recent...].reduce(0, +), $0.key) }
        if spec.groupBy == nil || nodes.count <= spec.limit + 1 { return (nodes, currency) }
        let rest = nodes[spec.limit...]
        var other = NodeSeriesPair(key: "(other \(rest.count))", name: nil, all: [Double](repeating: 0, count: days),
                                   fees: [Double](repeating: 0, count: days), exact: 0)
        for node in rest { other.add(node) }
        return (Array(nodes[..<spec.limit]) + [other], currency)
    }

    static func units(_ nanos: Int128) -> Double { Double(nanos) / Double(Money.scale) }

    // MARK: - Notes

    private func notes(_ result: ForecastResult, totalShift: Day?, scheduled: Int128) -> [String] {
        var notes: [String] = []
        let monthEnd = result.total.current.month.lastOfMonth
        if result.asOf == monthEnd {
            notes.append("\(result.total.current.month.monthDescription) is complete: its forecast is its actual cost")
        }
        if result.shortHistory {
            notes.append("short history: \(result.historyDays) days of data; no weekly pattern, interval widened")
        }
        if !result.empiricalInterval && result.asOf < monthEnd {
            notes.append("interval from the fallback width: too little history to learn this bill's errors")
        }
        if let totalShift {
            notes.append("level shift under way since \(totalShift): forecast from the days since")
        }
        if scheduled != 0 {
            notes.append("includes \(Money.plainString(scheduled))\(result.currency.map { " " + $0 } ?? "") of scheduled charges (fees, tax, credits) expected after \(result.asOf)")
        }
        return notes
    }
}

extension Day {
    /// The last day of this day's month.
    public var lastOfMonth: Day {
        let (year, month, _) = components
        return Day(year: year, month: month, day: Day.daysInMonth(year: year, month: month))!
    }
}
