@preconcurrency import CNcurses
import CostViews

/// Turns what `wget_wch` returns into the views' `KeyEvent`, with no ncurses state involved, so
/// the mapping is testable without a terminal.
enum KeyDecoding {
    /// The event for one `wget_wch` result.
    ///
    /// - Parameters:
    ///   - status: `OK` for a character, `KEY_CODE_YES` for a function key, `ERR` for nothing.
    ///   - code: the character or the `KEY_*` code.
    /// - Returns: the event, or nil for no input and for keys the views have no name for (the
    ///   caller keeps waiting instead of reporting a key that does nothing).
    static func event(status: Int32, code: UInt32) -> KeyEvent? {
        switch status {
        case OK: return character(code)
        case KEY_CODE_YES: return functionKey(Int32(bitPattern: code))
        default: return nil
        }
    }

    /// Home and End as terminals actually send them, whatever their terminfo entry says.
    ///
    /// Entries disagree with the terminals using them: xterm-256color names Home `ESC O H`,
    /// while tmux, screen, PuTTY and the Linux console send `ESC [ 1 ~`, and rxvt `ESC [ 7 ~`.
    /// Unknown to ncurses, such a sequence arrives as Escape followed by stray characters.
    static let extraSequences: [(sequence: String, key: Int32)] = [
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
        ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
    ]

    // MARK: - Characters

    private static func character(_ code: UInt32) -> KeyEvent? {
        switch code {
        // nonl() makes Return arrive as \r; some terminals and tmux send-keys still give \n.
        case 10, 13: return .enter
        // 127 is what most terminals send for Backspace, 8 (^H) what some others send.
        case 8, 127: return .backspace
        case 27: return .escape
        case 9: return .tab
        default:
            guard isPrintable(code), let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// False for C0 and C1 control characters: they have no glyph, and the views bind no
    /// control keys (Ctrl-C arrives as a signal, not as a character).
    static func isPrintable(_ code: UInt32) -> Bool {
        !(code < 0x20 || (0x7F...0x9F).contains(code))
    }

    // MARK: - Function keys

    private static func functionKey(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        // Some terminfo entries name Home and End as the keypad's top-left and bottom-left keys.
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }
}
