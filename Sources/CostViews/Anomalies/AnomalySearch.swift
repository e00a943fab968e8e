import CostCache
import CostEngine
import CostModel
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs `AnomalyDetector` off the main thread and hands the result back through a lock that the
/// terminal loop polls between keys: detection takes up to a second on a large cache, and the
/// keyboard must never wait for it.
///
/// One run at a time. A request while a run is under way is remembered (the latest wins) and run
/// when it ends, so pressing `m` three times costs at most two runs, not three competing for two
/// cores with the keyboard. Only the result for the metric last asked for is delivered.
final class AnomalySearch: Sendable {
    /// A finished run.
    struct Outcome: Sendable {
        var metric: Metric
        var result: Result<[Anomaly], any Error>
    }

    private struct Slot {
        /// The metric last asked for.
        var wanted: Metric?
        var running = false
        /// The result for `wanted`, until taken.
        var outcome: Outcome?
    }

    // The cache is immutable once opened (a read-only mapping), so the worker may read it while
    // the main thread queries it.
    private let cache: CacheFile
    private let settings: AnomalySettings
    /// The rules file's categories: each value is a view of its own, as in `costtop anomalies`.
    private let rules: AllocationRules
    private let slot = Mutex(Slot())

    init(cache: CacheFile, settings: AnomalySettings = AnomalySettings(), rules: AllocationRules = .none) {
        self.cache = cache
        self.settings = settings
        self.rules = rules
    }

    /// Asks for the anomalies of `metric`; a result for another metric not yet taken is dropped.
    func request(_ metric: Metric) {
        let start = slot.withLock { slot -> Bool in
            slot.wanted = metric
            slot.outcome = nil
            guard !slot.running else { return false }
            slot.running = true
            return true
        }
        if start {
            // A thread of its own at the lowest priority: detection must not take a core from the
            // keypress that is being answered (queries use both cores on large ranges).
            let thread = Thread { [self] in
                AnomalySearch.lowerPriority()
                work()
            }
            thread.start()
        }
    }

    /// The result of the last request, once, when it is ready; never blocks for long (the lock is
    /// held only to swap a few fields).
    func take() -> Outcome? {
        slot.withLock { slot in
            defer { slot.outcome = nil }
            return slot.outcome
        }
    }

    /// Lowers the calling thread's scheduling priority (Linux keeps a nice value per thread).
    private static func lowerPriority() {
        #if canImport(Glibc)
        // On Linux, who = 0 means the calling thread, not the whole process.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }

    private func work() {
        while let metric = slot.withLock({ $0.wanted }) {
            let result = Result { try AnomalyDetector(cache: cache, settings: settings, rules: rules).detect(metric: metric) }
            let delivered = slot.withLock { slot -> Bool in
                // Asked for another metric meanwhile: this result is stale, run again.
                guard slot.wanted == metric else { return false }
                slot.outcome = Outcome(metric: metric, result: result)
                slot.running = false
                return true
            }
            if delivered { return }
        }
    }
}
