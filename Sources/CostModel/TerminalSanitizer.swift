/// Makes strings from billing data safe to show on a terminal.
///
/// Billing files are attacker-controllable (anyone who can tag a resource writes into them). Every
/// string from them passes here before it reaches a screen: C0 and C1 controls, ESC, DEL,
/// bidirectional overrides and isolates, zero-width and other invisible format characters become
/// visible escapes (`\x1b`, `\u202e`), so no escape sequence, OSC clipboard write, title change or
/// terminal query from the data can act on the terminal. Invalid UTF-8 was already replaced by U+FFFD
/// when the bytes were decoded.
public enum TerminalSanitizer {
    /// The string with every unsafe scalar replaced by a visible escape.
    public static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result += escape(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a scalar must not reach a terminal as is.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) { return true }
        if value == 0x5C { return false }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
            return true
        default:
            return false
        }
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        let hex = String(value, radix: 16)
        if value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
