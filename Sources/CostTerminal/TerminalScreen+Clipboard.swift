#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copying text to the user's clipboard with OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`): the terminal
/// emulator sets its clipboard, so it works over SSH, where no local clipboard tool could. Inside
/// tmux the plain sequence sets tmux's buffer (and, with `set-clipboard on`, the outer terminal's);
/// the same sequence wrapped for tmux's passthrough reaches the outer terminal when tmux allows
/// passthrough instead. Terminals that do not know OSC 52 ignore it; the views show the text on
/// screen too, so it can always be copied by hand.
extension TerminalScreen {
    /// Sends `text` to the clipboard.
    public func copyToClipboard(_ text: String) {
        let payload = Self.base64(Array(text.utf8))
        var sequence = "\u{1B}]52;c;" + payload + "\u{07}"
        if getenv("TMUX") != nil {
            // DCS passthrough: tmux hands the inner sequence (its ESCs doubled) to the outer terminal.
            sequence += "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;" + payload + "\u{07}\u{1B}\\"
        }
        let bytes = Array(sequence.utf8)
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    /// Standard base64 with padding (the terminal module has no Foundation).
    nonisolated static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var result = ""
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<4 {
                result.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : "=")
            }
            index += 3
        }
        return result
    }
}
