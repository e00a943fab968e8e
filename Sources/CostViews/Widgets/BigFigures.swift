/// Figures three rows high for the meeting layout, so the change reads from the back of a room on
/// a projector: the seven-segment digits of ASCII art (`_`, `|`), which need no colour, no
/// special font and no Unicode.
enum BigFigures {
    /// Rows of each character, top to bottom.
    private static let shapes: [Character: [String]] = [
        "0": [" _ ", "| |", "|_|"], "1": ["   ", "  |", "  |"], "2": [" _ ", " _|", "|_ "],
        "3": [" _ ", " _|", " _|"], "4": ["   ", "|_|", "  |"], "5": [" _ ", "|_ ", " _|"],
        "6": [" _ ", "|_ ", "|_|"], "7": [" _ ", "  |", "  |"], "8": [" _ ", "|_|", "|_|"],
        "9": [" _ ", "|_|", " _|"], "+": ["   ", "_|_", " | "], "-": ["   ", "___", "   "],
        ".": [" ", " ", "."], ",": [" ", " ", ","], "$": [" _ ", "(|_", "_|)"], " ": ["  ", "  ", "  "],
    ]

    /// The three rows of `text` (characters without a shape are left out).
    static func rows(_ text: String) -> [String] {
        (0..<3).map { row in text.compactMap { shapes[$0]?[row] }.joined(separator: " ") }
    }

    /// Columns `text` takes.
    static func width(_ text: String) -> Int { rows(text)[0].count }
}
