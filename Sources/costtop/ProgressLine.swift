import CostIngest
import Foundation
import Synchronization

/// A one-line progress display on stderr, shown only when stderr is a terminal (quiet in pipes and CI).
///
/// Several threads read at once, so the line shows the whole ingest (files, share of bytes read,
/// line items), not one file, then the cache rows written; it is redrawn at most ten times a second, which keeps a slow SSH link
/// free for what matters.
final class ProgressLine: Sendable {
    private let lastShown = Mutex<ContinuousClock.Instant?>(nil)

    /// A progress line when stderr is a terminal and not silenced, else nil.
    static func ifTerminal(quiet: Bool) -> ProgressLine? {
        quiet || isatty(STDERR_FILENO) == 0 ? nil : ProgressLine()
    }

    func show(_ progress: IngestProgress) {
        let now = ContinuousClock.now
        let due = lastShown.withLock { last in
            guard last.map({ now - $0 >= .milliseconds(100) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        FileHandle.standardError.write(Data(ProgressLine.text(progress).utf8))
    }

    /// The line for `progress`, starting with a carriage return and an erase to the end of the line.
    static func text(_ progress: IngestProgress) -> String {
        if let written = progress.rowsWritten {
            let percent = progress.rowsToWrite > 0 ? written * 100 / progress.rowsToWrite : 100
            return "\r\u{1b}[Kwriting the cache  \(percent)%  \(IngestSummaryText.grouped(Int64(written))) of "
                + "\(IngestSummaryText.grouped(Int64(progress.rowsToWrite))) rows"
        }
        let percent = progress.bytesTotal > 0 ? Int(progress.bytesDone * 100 / progress.bytesTotal) : 0
        let files = progress.fileCount == 1 ? "1 file" : "\(progress.fileCount) files"
        return "\r\u{1b}[Kreading \(files)  \(percent)%  \(IngestSummaryText.grouped(progress.lineItems)) line items"
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
    }
}
