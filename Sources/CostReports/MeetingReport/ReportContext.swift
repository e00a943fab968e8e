import CostCache
import CostEngine
import CostModel

/// What every report section is built from: the cache, the rules file, the two windows, the
/// metric, and the notes and feedback people keep beside the cache. Sections ask the engine
/// themselves; nothing here depends on the clock, so the same cache and arguments give the same report.
public struct ReportContext {
    public let cache: CacheFile
    public let rules: AllocationRules
    /// The period reported and the window it is compared with.
    public let period: DayRange
    public let comparison: DayRange
    public let metric: Metric
    /// Mover notes per `Mover.pathText` (`MoverNotes`).
    public let moverNotes: [String: String]
    /// Verdicts on anomalies; those marked expected are left out, as `costtop anomalies` does.
    public let anomalyFeedback: AnomalyFeedback?

    /// - Parameters:
    ///   - cache: the cache reported on.
    ///   - rules: the rules file's categories and splits (`.none` without one).
    ///   - period: the window reported.
    ///   - comparison: the window compared with.
    ///   - metric: billed, effective or list cost.
    ///   - moverNotes: notes on movers, by path text.
    ///   - anomalyFeedback: verdicts given in the explorer, if any.
    public init(cache: CacheFile, rules: AllocationRules = .none, period: DayRange, comparison: DayRange,
                metric: Metric = .billed, moverNotes: [String: String] = [:], anomalyFeedback: AnomalyFeedback? = nil) {
        self.cache = cache
        self.rules = rules
        self.period = period
        self.comparison = comparison
        self.metric = metric
        self.moverNotes = moverNotes
        self.anomalyFeedback = anomalyFeedback
    }

    /// The day the Forecast and Budgets sections treat as the last one known: the period's last
    /// day, or the cache's last day when the period runs past the data; nil when the period ends
    /// before the data starts (nothing to forecast from).
    public var asOf: Day? {
        guard let data = cache.dayRange, period.to >= data.from else { return nil }
        return min(period.to, data.to)
    }

    /// A query engine over the cache with the rules file's categories.
    public var engine: QueryEngine { QueryEngine(cache: cache, rules: rules) }

    /// Cost of the period and the comparison window grouped by `dimension`.
    func query(by dimension: CostDimension) throws -> QueryResult {
        try engine.run(QuerySpec(groupBy: dimension, period: period, comparison: comparison, metric: metric))
    }

    /// `amount` with its currency: `18,848.06 USD`.
    static func money(_ amount: Int128, _ currency: String?) -> String {
        Money.groupedString(amount) + (currency.map { " " + $0 } ?? "")
    }

    /// A change as `+1,128.77 USD (+6.4%)`, `+5.00 USD (new)` when there was nothing before, and
    /// `0.00 USD (none)` when there is nothing in either window.
    static func change(_ now: Int128, _ before: Int128, _ currency: String?) -> String {
        let delta = now - before
        let percent = before == 0 ? (now == 0 ? "none" : "new")
            : (delta > 0 ? "+" : "") + NumberText.oneDecimal(Double(delta) / Double(abs(before)) * 100) + "%"
        return (delta > 0 ? "+" : "") + money(delta, currency) + " (" + percent + ")"
    }
}
