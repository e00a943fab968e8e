/// The characters charts and frames are drawn with: Unicode block elements and box drawing when
/// the locale is UTF-8, ASCII otherwise.
public struct Glyphs: Sendable {
    /// Eight heights for sparklines, lowest first.
    public let spark: [String]
    /// Eighths of a cell for horizontal bars, 1/8 first, full last.
    public let barEighths: [String]
    public let full: String
    public let horizontal: String
    public let vertical: String
    public let up: String
    public let down: String
    public let separator: String
    public let ellipsisAllowed: Bool
    /// Marks a row with an anomaly. `!` in both sets: symbols such as `◆` are East Asian
    /// ambiguous-width and take two columns in some terminals.
    public let anomalyMark = "!"

    public static let unicode = Glyphs(
        spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        barEighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        full: "█", horizontal: "─", vertical: "│", up: "▲", down: "▼", separator: " › ", ellipsisAllowed: true)

    public static let ascii = Glyphs(
        spark: ["_", "_", ".", ".", "-", "-", "=", "#"],
        barEighths: ["", "", "", "", "#", "#", "#", "#"],
        full: "#", horizontal: "-", vertical: "|", up: "^", down: "v", separator: " > ", ellipsisAllowed: false)

    public static func forTerminal(unicode: Bool) -> Glyphs { unicode ? .unicode : .ascii }
}
