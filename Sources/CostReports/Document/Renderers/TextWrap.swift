/// Word wrapping for the text renderer: lines of at most `width` characters, broken at spaces; a
/// word longer than a line is cut after a `-`, `/`, `:`, `_` or `.` where one is near the end of
/// the room (usage types and ARNs have no spaces), else at the room's end.
enum TextWrap {
    static let breakAfter: Set<Character> = ["-", "/", ":", "_", "."]

    /// `text` in lines of at most `width` characters; the first line is prefixed with `first`, the
    /// others with `rest` (hanging indents for bullets, figures and table details).
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            var word = word
            while !word.isEmpty {
                let separator = lineHasWord ? 1 : 0
                if line.count + separator + word.count <= width {
                    line += (lineHasWord ? " " : "") + word
                    lineHasWord = true
                    break
                }
                if lineHasWord {
                    lines.append(line)
                    line = rest
                    lineHasWord = false
                    continue
                }
                // A word longer than the whole line: cut it, at a break character when one is near the end.
                let room = max(1, width - line.count)
                let characters = Array(word.prefix(room))
                var cut = room
                if let index = characters.lastIndex(where: { breakAfter.contains($0) }), index + 1 >= room / 3, index + 1 < word.count {
                    cut = index + 1
                }
                lines.append(line + String(word.prefix(cut)))
                word = String(word.dropFirst(cut))
                line = rest
            }
        }
        if lineHasWord || lines.isEmpty || line != rest { lines.append(line) }
        return lines
    }
}
