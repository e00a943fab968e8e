import CostModel
import Foundation

/// The whole bill's commitments per (period, currency), remembered: every commitment summary
/// (the explorer's gauges, on each drill step into a new context) measures the commitments it
/// found against the whole bill's, and at 50M rows that scan costs more than the step's own query.
final class WholeBillCommitments: @unchecked Sendable {
    private struct Key: Hashable {
        var period: DayRange
        var currency: String?
    }

    private let lock = NSLock()
    private var remembered: [Key: [CommitmentRow]] = [:]

    /// The rows for `period` and `currency`, computed by `compute` the first time.
    func rows(period: DayRange, currency: String?, compute: () throws -> [CommitmentRow]) rethrows -> [CommitmentRow] {
        let key = Key(period: period, currency: currency)
        lock.lock()
        let known = remembered[key]
        lock.unlock()
        if let known { return known }
        let rows = try compute()
        lock.lock()
        remembered[key] = rows
        lock.unlock()
        return rows
    }
}
