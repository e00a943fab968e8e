/// Terminal display width of text, per grapheme cluster: East Asian wide and fullwidth characters
/// and emoji-presentation characters take two columns, combining marks and other zero-width scalars
/// take none (they stay in their cluster), everything else one. `wcwidth` is not used: it depends
/// on the locale and returns -1 under the C locale.
public enum DisplayWidth {
    /// Columns one grapheme cluster occupies (0, 1 or 2).
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if character.unicodeScalars.count > 1 {
            // A variation selector 16 asks for emoji presentation: two columns.
            if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        }
        return scalarWidth(first)
    }

    /// Columns a string occupies.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 { return 0 }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 1 }  // shown escaped by the sanitizer
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        if isWide(value) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
             0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `width` columns, with an ellipsis (`…`, or `~` without Unicode) when cut.
    public static func truncate(_ text: String, to width: Int, unicode: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let mark = unicode ? "…" : "~"
        var result = ""
        var used = 0
        for character in text {
            let columns = of(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + mark
    }

    /// `text` cut to at most `width` columns from the start, keeping its end, with an ellipsis
    /// (`…`, or `~` without Unicode) in front when cut: for ids whose end is the distinctive part.
    public static func truncateHead(_ text: String, to width: Int, unicode: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var kept: [Character] = []
        var used = 0
        for character in text.reversed() {
            let columns = of(character)
            if used + columns > width - 1 { break }
            kept.append(character)
            used += columns
        }
        return (unicode ? "…" : "~") + String(kept.reversed())
    }
}
