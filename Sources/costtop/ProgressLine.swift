import CostIngest
import Foundation

/// A one-line progress display on stderr, shown only when stderr is a terminal (quiet in pipes and CI).
final class ProgressLine: Sendable {
    /// A progress line when stderr is a terminal and not silenced, else nil.
    static func ifTerminal(quiet: Bool) -> ProgressLine? {
        quiet || isatty(STDERR_FILENO) == 0 ? nil : ProgressLine()
    }

    func show(_ progress: IngestProgress) {
        let percent = progress.bytesTotal > 0 ? Int(progress.bytesDone * 100 / progress.bytesTotal) : 0
        let name = (progress.file as NSString).lastPathComponent
        let text = "\r\u{1b}[K[\(progress.fileIndex + 1)/\(progress.fileCount)] \(name) \(percent)%  "
            + "\(IngestSummaryText.grouped(progress.lineItems)) line items"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
    }
}
