import Synchronization

/// Hands work units to workers: each worker starts with its own contiguous run of units (so the
/// line items it reads cover few days, which keeps its roll-up small), and a worker whose run is
/// done takes units from the end of the longest remaining run.
final class WorkQueue: Sendable {
    private struct State {
        var runs: [Range<Int>]
        /// Units after this one are not handed out (an earlier one stopped the ingest).
        var cutoff: Int
    }

    private let state: Mutex<State>

    init(unitCount: Int, workers: Int) {
        let runs = (0..<workers).map { worker in
            (unitCount * worker / workers)..<(unitCount * (worker + 1) / workers)
        }
        state = Mutex(State(runs: runs, cutoff: unitCount))
    }

    /// The next unit for `worker`, or nil when there is none left.
    func next(worker: Int) -> Int? {
        state.withLock { state in
            while let unit = state.runs[worker].first {
                state.runs[worker] = (unit + 1)..<state.runs[worker].upperBound
                if unit <= state.cutoff { return unit }
            }
            while let victim = state.runs.indices.max(by: { state.runs[$0].count < state.runs[$1].count }),
                  let unit = state.runs[victim].last {
                state.runs[victim] = state.runs[victim].lowerBound..<unit
                if unit <= state.cutoff { return unit }
            }
            return nil
        }
    }

    /// Stops handing out units after `unit` (the first error in input order is all that is reported).
    func stop(after unit: Int) {
        state.withLock { $0.cutoff = min($0.cutoff, unit) }
    }
}
