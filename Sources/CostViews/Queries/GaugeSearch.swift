import CostCache
import CostEngine
import CostModel
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Computes the commitment gauges off the main thread, so the table is drawn first and the gauge
/// strip fills in when its summary is ready (docs/scale.md, *The first frame*): at 50M rows the
/// whole bill's commitment scan behind the first summary took about half of the first frame.
///
/// After the summary it asked for, a run goes on with "drill-aheads": the rows the user is most
/// likely to open next (the top rows and the selected one). For each it checks the row groups a
/// drill into that row reads (so the first drill does not pay the first check) and computes that
/// context's summary (so the drill's gauges are there at once). A damaged group found here is left
/// for the foreground to find again and report: the key that reads it gets the error, as before.
///
/// One run at a time; a request while one is under way replaces what is wanted (the latest wins)
/// and ends the running drill-aheads early. Answers are handed back through a lock that the
/// terminal loop polls between keys (`Explorer.pollGauges`), as `AnomalySearch` does.
final class GaugeSearch: Sendable {
    /// A context to check and summarize ahead of a drill: the cluster-dimension codes of its rows
    /// (`CacheFile.runs(in:matching:)`), the days a drill reads, and its gauge question.
    struct DrillAhead: Sendable {
        var prefix: [UInt32]
        var days: DayRange
        var question: CommitmentQuestion
    }

    /// A finished summary.
    struct Answer: Sendable {
        var question: CommitmentQuestion
        var result: Result<CommitmentSummary, any Error>
    }

    private struct Job: Sendable {
        /// nil when the context's own summary is known and only the drill-aheads are wanted.
        var question: CommitmentQuestion?
        var ahead: [DrillAhead]
    }

    private struct Slot {
        var wanted: Job?
        var running = false
        /// The job being run; a newer request makes its drill-aheads stop.
        var generation = 0
        var answers: [Answer] = []
    }

    // Both read-only once built: the cache is an immutable mapping whose row-group checks are
    // shared by threads, and the analysis holds tables built at init plus a locked memo.
    private let cache: CacheFile
    private let analysis: UncheckedSendable<CommitmentAnalysis>
    private let slot = Mutex(Slot())

    init(cache: CacheFile, analysis: CommitmentAnalysis) {
        self.cache = cache
        self.analysis = UncheckedSendable(analysis)
    }

    /// Asks for the summary of `question` (nil: none needed), then the drill-aheads `ahead`.
    func request(_ question: CommitmentQuestion?, ahead: [DrillAhead]) {
        let start = slot.withLock { slot -> Bool in
            slot.wanted = Job(question: question, ahead: ahead)
            slot.generation += 1
            guard !slot.running else { return false }
            slot.running = true
            return true
        }
        if start {
            let thread = Thread { [self] in
                GaugeSearch.lowerPriority()
                work()
            }
            thread.start()
        }
    }

    /// The summaries finished since the last call; never blocks for long.
    func take() -> [Answer] {
        slot.withLock { slot in
            defer { slot.answers.removeAll() }
            return slot.answers
        }
    }

    /// Whether a run is under way or a request waits (tests and the benchmark wait on it).
    var isBusy: Bool { slot.withLock { $0.running } }

    private func work() {
        while true {
            let next = slot.withLock { slot -> (Job, Int)? in
                guard let job = slot.wanted else {
                    slot.running = false
                    return nil
                }
                slot.wanted = nil
                return (job, slot.generation)
            }
            guard let (job, generation) = next else { return }
            if let question = job.question { answer(question) }
            for ahead in job.ahead {
                // A newer question (the user moved on) matters more than these guesses.
                guard slot.withLock({ $0.generation == generation }) else { break }
                if let runs = try? cache.runs(in: ahead.days, matching: ahead.prefix) {
                    try? cache.verify(runs, columns: CacheColumn.all)
                }
                answer(ahead.question)
            }
        }
    }

    private func answer(_ question: CommitmentQuestion) {
        let result = Result {
            try analysis.value.summary(filters: question.filters, period: question.period, currency: question.currency)
        }
        slot.withLock { $0.answers.append(Answer(question: question, result: result)) }
    }

    /// Lowers the calling thread's priority below the keyboard's, not to the bottom: anomaly
    /// detection (nice 19) runs meanwhile and the gauges should not wait behind it.
    private static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
