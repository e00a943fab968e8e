import CostEngine
import CostModel

/// One question to the commitment gauges: the filters, period and currency a summary is computed
/// for (the key of `CommitmentFigures`' memo and of `GaugeSearch`'s answers).
struct CommitmentQuestion: Hashable, Sendable {
    var filters: [Filter]
    var period: DayRange
    var currency: String?

    // `Filter` is only Equatable; its description (`DIM=VALUE`, `DIM!=VALUE`) identifies it.
    func hash(into hasher: inout Hasher) {
        hasher.combine(filters.map(\.description))
        hasher.combine(period)
        hasher.combine(currency)
    }
}
