import Foundation
import Testing

/// Compares rendered text with a recorded snapshot in Tests/CostViewsTests/Snapshots/NAME.txt.
/// Snapshots are recorded on purpose only: run with COSTTOP_RECORD_SNAPSHOTS=1 and review the diff.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Snapshots"

    static func assert(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = lines.map { line in
            var trimmed = line
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }.joined(separator: "\n") + "\n"
        let path = folder + "/" + name + ".txt"
        if ProcessInfo.processInfo.environment["COSTTOP_RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let recorded = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no snapshot \(name); record it with COSTTOP_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if recorded != text {
            Issue.record("screen differs from snapshot \(name):\n--- recorded\n\(recorded)--- now\n\(text)", sourceLocation: sourceLocation)
        }
    }
}
