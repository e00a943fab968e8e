import Foundation

/// Short notes people attach to movers in a review, kept in a small CSV file next to the cache
/// (`<cache>.notes.csv`), so they survive re-ingests (which replace the cache file only) and can be
/// read and edited by hand. A note belongs to a node's path, whatever the windows:
///
/// ```
/// path,note
/// account=123456789012 > service=AWSDataTransfer,"egress test, ask Ana"
/// ```
public struct MoverNotes: Sendable {
    public let path: String
    /// Note per `Mover.pathText`.
    public private(set) var notes: [String: String] = [:]

    /// The notes file beside a cache.
    public static func path(forCache cache: String) -> String { cache + ".notes.csv" }

    /// Loads the file; a missing file is no notes, a malformed line an error naming it.
    public init(path: String) throws {
        self.path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for (index, line) in text.split(separator: "\n").enumerated() where index > 0 && !line.isEmpty {
            guard let fields = Self.fields(String(line)), fields.count == 2 else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path,
                    NSLocalizedDescriptionKey: "\(path):\(index + 1): expected path,note (quote a field holding a comma)"])
            }
            notes[fields[0]] = fields[1]
        }
    }

    /// The note on a node, if any.
    public func note(for pathText: String) -> String? { notes[pathText] }

    /// Sets (an empty text removes) the note on a node and writes the file atomically.
    public mutating func set(_ note: String, for pathText: String) throws {
        // One line per note: line breaks would split the record.
        let clean = note.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .trimmingCharacters(in: .whitespaces)
        notes[pathText] = clean.isEmpty ? nil : clean
        var lines = ["path,note"]
        for (key, value) in notes.sorted(by: { $0.key < $1.key }) { lines.append(Self.quote(key) + "," + Self.quote(value)) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func quote(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// The fields of one CSV line with RFC 4180 quotes; nil for an unterminated quote.
    private static func fields(_ line: String) -> [String]? {
        var fields: [String] = [], current = "", quoted = false, index = line.startIndex
        while index < line.endIndex {
            let char = line[index]
            if quoted {
                if char == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" { current.append("\""); index = next } else { quoted = false }
                } else { current.append(char) }
            } else if char == "\"" {
                quoted = true
            } else if char == "," {
                fields.append(current)
                current = ""
            } else { current.append(char) }
            index = line.index(after: index)
        }
        guard !quoted else { return nil }
        return fields + [current]
    }
}
