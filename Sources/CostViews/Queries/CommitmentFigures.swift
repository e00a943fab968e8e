import CostCache
import CostEngine
import CostModel

/// The explorer's questions to `CommitmentAnalysis`, remembered by what was asked: the gauge
/// summary and the commitments list each cost several scans of the period, so a key that changes
/// neither the period, the currency nor the filters (sort, metric, `/`, moving) must not pay them again.
struct CommitmentFigures {
    /// The analysis, shared with `GaugeSearch` (its whole-bill memo then serves both threads).
    let analysis: CommitmentAnalysis
    /// Whether the cache holds any commitment or any usage a commitment could cover; without
    /// either the gauges would only ever say "—", so the strip is not drawn at all.
    let available: Bool
    /// Summaries by question. Several, not just the last: going back up a level (a frequent key)
    /// then costs nothing. Bounded, since each is small but a session can ask many questions.
    private var summaries: [CommitmentQuestion: CommitmentSummary] = [:]
    private static let remembered = 32
    private var lastList: CommitmentList?
    /// How many times the engine was asked (tests check that browsing keys do not ask).
    private(set) var engineCalls = 0

    init(cache: CacheFile) {
        analysis = CommitmentAnalysis(cache: cache)
        let commitments = cache.dictionary(.commitment)
        // Code 0 is the empty value in every dictionary. Once per explorer: the usage-type
        // dictionary holds about a thousand names on a large bill, and the search stops at the first hit.
        available = (1..<max(1, commitments.count)).contains { !commitments[$0].isEmpty }
            || CommitmentEligibility.hasEligibleUsage(cache)
    }

    /// The gauges of a drill context, or nil when the cache has nothing for them to measure.
    mutating func summary(filters: [Filter], period: DayRange, currency: String?) throws -> CommitmentSummary? {
        guard available else { return nil }
        let question = CommitmentQuestion(filters: filters, period: period, currency: currency)
        if let known = summaries[question] { return known }
        engineCalls += 1
        let summary = try analysis.summary(filters: filters, period: period, currency: currency)
        remember(summary, for: question)
        return summary
    }

    /// The summary of `question` when it was computed already (here or by `GaugeSearch`).
    func known(_ question: CommitmentQuestion) -> CommitmentSummary? { summaries[question] }

    /// Keeps a summary computed elsewhere (`GaugeSearch`), so asking again costs nothing.
    mutating func remember(_ summary: CommitmentSummary, for question: CommitmentQuestion) {
        if summaries.count >= Self.remembered { summaries.removeAll() }
        summaries[question] = summary
    }

    /// Every commitment with cost in the period within `filters`.
    mutating func list(filters: [Filter], period: DayRange, currency: String?) throws -> CommitmentList {
        if let lastList, lastList.filters == filters, lastList.period == period, lastList.currency == currency {
            return lastList
        }
        engineCalls += 1
        let rows = try analysis.commitments(filters: filters, period: period, currency: currency)
        let list = CommitmentList(period: period, currency: currency, filters: filters, rows: rows)
        lastList = list
        return list
    }
}
