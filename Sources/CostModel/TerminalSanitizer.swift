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

extension TerminalSanitizer {
    /// Decodes UTF-8 from a billing file, writing each byte that is not part of a valid sequence as
    /// a visible `\xNN` escape instead of silently replacing it, so a Latin-1 byte or a truncated
    /// sequence is shown for what it is.
    public static func decodeEscapingInvalidUTF8(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var result = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                result.unicodeScalars.append(Unicode.Scalar(lead))
                index += 1
                continue
            }
            if let (scalar, length) = decodeSequence(bytes, at: index) {
                result.unicodeScalars.append(scalar)
                index += length
            } else {
                let hex = String(lead, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                index += 1
            }
        }
        return result
    }

    /// The scalar of the multi-byte sequence at `index`, or nil when it is invalid (bad lead or
    /// continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
    private static func decodeSequence(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0x80
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
