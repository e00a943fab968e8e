import Foundation

/// What people said about anomalies: expected, planned, or a real problem. Kept in a small CSV file
/// next to the cache (`<cache>.feedback.csv`), so it survives re-ingests (which replace the cache
/// file only) and can be read and edited by hand:
///
/// ```
/// verdict,kind,start,path
/// expected,spike,2024-08-14,account=123456789012 > service=AWSDataTransfer > usage-type=USE1-DataTransfer-Out-Bytes
/// ```
public struct AnomalyFeedback: Sendable {
    /// A person's verdict on an anomaly.
    public enum Verdict: String, CaseIterable, Sendable {
        case expected, planned, problem
    }

    public let path: String
    private var verdicts: [String: Verdict] = [:]

    /// The feedback file beside a cache.
    public static func path(forCache cache: String) -> String { cache + ".feedback.csv" }

    /// Loads the file; a missing file is no feedback, a malformed line an error naming it.
    public init(path: String) throws {
        self.path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for (index, line) in text.split(separator: "\n").enumerated() where index > 0 && !line.isEmpty {
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4, let verdict = Verdict(rawValue: fields[0]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path,
                    NSLocalizedDescriptionKey: "\(path):\(index + 1): expected verdict,kind,start,path with verdict expected, planned or problem"])
            }
            verdicts[[fields[1], fields[2], fields[3]].joined(separator: ",")] = verdict
        }
    }

    /// The verdict on `anomaly`, if someone gave one.
    public func verdict(for anomaly: Anomaly) -> Verdict? { verdicts[Self.identity(anomaly)] }

    /// Records a verdict (nil removes it) and writes the file atomically.
    public mutating func set(_ verdict: Verdict?, for anomaly: Anomaly) throws {
        verdicts[Self.identity(anomaly)] = verdict
        var lines = ["verdict,kind,start,path"]
        for (identity, verdict) in verdicts.sorted(by: { $0.key < $1.key }) { lines.append("\(verdict.rawValue),\(identity)") }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Kind, first day and path: an anomaly keeps them across re-ingests and detection runs.
    static func identity(_ anomaly: Anomaly) -> String {
        let path = anomaly.path.map { "\($0.dimension)=\($0.key.replacingOccurrences(of: "\n", with: " "))" }.joined(separator: " > ")
        return "\(anomaly.kind.rawValue),\(anomaly.start),\(path)"
    }
}
