import Foundation

/// The anomalies `costtop alert` has already reported, kept in a small CSV file next to the cache
/// (`<cache>.alerted.csv`), so each run reports only what is new. Like the feedback file it is
/// beside the cache, not in it: a re-ingest replaces the cache file and must not make every
/// anomaly new again.
///
/// ```
/// start,kind,path
/// 2024-08-14,spike,account=123456789012 > service=AmazonS3 > usage-type=USE1-Requests-Tier1
/// ```
public struct AlertLog: Sendable {
    /// One reported anomaly: its first day and path (the kind is kept for people reading the file).
    struct Entry: Hashable, Sendable {
        var start: String
        var path: [String]
    }

    public let path: String
    private var entries: [Entry] = []
    private var lines: [String] = []

    /// The log beside a cache.
    public static func path(forCache cache: String) -> String { cache + ".alerted.csv" }

    /// Loads the log; a missing file is an empty log (the first run), a malformed line an error naming it.
    /// - Throws: `CocoaError(.fileReadCorruptFile)` for a line without start, kind and path.
    public init(path: String) throws {
        self.path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for (index, line) in text.split(separator: "\n").enumerated() where index > 0 && !line.isEmpty {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, !fields[0].isEmpty else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path,
                    NSLocalizedDescriptionKey: "\(path):\(index + 1): expected start,kind,path"])
            }
            entries.append(Entry(start: fields[0], path: fields[2].components(separatedBy: " > ")))
            lines.append(String(line))
        }
    }

    /// Whether `anomaly` was reported by an earlier run: the same first day at the same node, or
    /// at a node above or below it. The detector names the deepest node that explains a cause, and
    /// a day more data can move that up or down a level; its kind can change too (a spike on the
    /// last day becomes a level shift), and neither is a new cause.
    public func wasReported(_ anomaly: Anomaly) -> Bool {
        let start = anomaly.start.description
        let path = Self.steps(anomaly)
        return entries.contains { entry in
            entry.start == start && (entry.path.starts(with: path) || path.starts(with: entry.path))
        }
    }

    /// Adds `anomalies` to the log and writes the file atomically (a temporary file renamed over it).
    /// - Throws: the write's error; the log on disk is then unchanged.
    public mutating func record(_ anomalies: [Anomaly]) throws {
        for anomaly in anomalies where !wasReported(anomaly) {
            let steps = Self.steps(anomaly)
            entries.append(Entry(start: anomaly.start.description, path: steps))
            lines.append("\(anomaly.start),\(anomaly.kind.rawValue),\(steps.joined(separator: " > "))")
        }
        try ((["start,kind,path"] + lines).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The path as `dimension=key` steps; line breaks in keys become spaces so one entry is one line.
    static func steps(_ anomaly: Anomaly) -> [String] {
        anomaly.path.map { "\($0.dimension)=\($0.key.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))" }
    }
}
