import Foundation

/// Named views, kept in `bookmarks.txt` in the config folder (beside config.yaml): one
/// `NAME<TAB>VIEW` line each, so the file reads and edits by hand and diffs well.
public struct Bookmarks: Sendable {
    public let path: String
    /// View text per name.
    public private(set) var views: [String: String] = [:]

    /// The bookmarks file beside a config file.
    public static func path(configFile: String) -> String {
        (configFile as NSString).deletingLastPathComponent + "/bookmarks.txt"
    }

    /// Loads the file; a missing file is no bookmarks.
    public init(path: String) {
        self.path = path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { views[parts[0]] = parts[1] }
        }
    }

    /// Saves `view` under `name` (names are one word: tabs and line breaks become spaces).
    public mutating func save(_ view: ExplorerView, as name: String) throws {
        let clean = name.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
        views[clean] = view.text
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let text = views.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
