import Synchronization

/// Adds up what every worker has read and reports it, one report at a time (the display is a
/// single terminal line).
final class ProgressTracker: Sendable {
    private struct Totals {
        var bytes: Int64 = 0
        var lineItems: Int64 = 0
    }

    private let totals = Mutex(Totals())
    private let paths: [String]
    private let bytesTotal: Int64
    private let report: @Sendable (IngestProgress) -> Void

    init(paths: [String], bytesTotal: Int64, report: @escaping @Sendable (IngestProgress) -> Void) {
        self.paths = paths
        self.bytesTotal = bytesTotal
        self.report = report
    }

    /// Adds what a worker read since its last call and reports the new totals.
    func advance(file: Int, bytes: Int64, lineItems: Int64) {
        totals.withLock { totals in
            totals.bytes += bytes
            totals.lineItems += lineItems
            report(IngestProgress(file: paths[file], fileIndex: file, fileCount: paths.count,
                                  bytesDone: min(totals.bytes, bytesTotal), bytesTotal: bytesTotal,
                                  lineItems: totals.lineItems))
        }
    }

    /// Starts over (the input is read again).
    func reset() {
        totals.withLock { $0 = Totals() }
    }
}
