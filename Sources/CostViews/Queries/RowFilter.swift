import CostEngine
import Foundation

/// The `/` filter: a case-insensitive substring, or a regular expression when the text is one.
enum RowFilter {
    static func matches(_ row: QueryRow, _ text: String) -> Bool {
        let haystacks = [row.key, row.name ?? ""]
        if let regex = try? Regex(text).ignoresCase() {
            return haystacks.contains { (try? regex.firstMatch(in: $0)) != nil }
        }
        return haystacks.contains { $0.localizedCaseInsensitiveContains(text) }
    }
}
