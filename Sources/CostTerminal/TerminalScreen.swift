@preconcurrency import CNcurses
import CostViews
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal: the only place that calls ncurses.
///
/// Views render rows of `Cell`s; this class puts them on the screen, turns key presses and
/// signals into `KeyEvent`s, and gives the terminal back in a usable state however the program
/// ends (see `stop()`, `SignalHandling` and `TerminalRestore`).
///
/// ncurses is not thread-safe, so everything runs on the main actor and the compiler keeps it
/// there. Only one screen can run at a time, as ncurses' signal and terminal state is global.
@MainActor
public final class TerminalScreen {
    /// What this terminal can show, decided when the screen started.
    public private(set) var capabilities: TerminalCapabilities

    /// ncurses' screen and its standard window; nil once stopped.
    var screen: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    /// The colour pair and attributes of every role.
    var pairs: ColorPairs
    /// Whether the terminal accepted `use_default_colors` (themes' "no colour" stays the
    /// terminal's own colour instead of white on black).
    let defaultColors: Bool
    /// The rows drawn last, so unchanged rows are not sent to ncurses again.
    var drawnRows: [[Cell]] = []
    /// Set after a resize: the next draw clears the whole screen once.
    var needsClear = true

    /// Whether a screen is running in this process.
    private static var running = false

    // MARK: - Starting

    /// Takes over the terminal: alternate screen, no echo, keys one at a time, hidden cursor.
    ///
    /// - Parameter styles: the theme, one style per role; missing roles draw as `.normal`.
    /// - Throws: `TerminalError` when standard input or output is not a terminal, when `TERM` is
    ///   unknown or cannot position the cursor, or when ncurses fails to start. The terminal is
    ///   untouched when it throws.
    public init(styles: [StyleRole: Style]) throws {
        guard !Self.running else { throw TerminalError.initializationFailed("a screen is already running") }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        _ = setlocale(LC_ALL, "")
        let environment = Self.environment(["TERM", "NO_COLOR"])
        let term = environment["TERM"] ?? ""
        // Ask terminfo first: initscr prints a message and exits the process on an unknown TERM.
        guard let entry = TerminfoEntry(term: term) else { throw TerminalError.unknownTerminal(term) }
        let addressable = entry.canAddressCursor
        entry.close()
        guard addressable else { throw TerminalError.unsupportedTerminal(term) }

        guard TerminalRestore.saveSettings(of: STDOUT_FILENO) else { throw TerminalError.notATerminal }
        SignalHandling.capture()
        guard let screen = newterm(nil, costtop_stdout(), costtop_stdin()) else {
            SignalHandling.uninstall()
            throw TerminalError.initializationFailed("ncurses could not open TERM=\(term)")
        }
        self.screen = screen
        _ = set_term(screen)
        guard let window = costtop_stdscr() else {
            _ = endwin()
            delscreen(screen)
            SignalHandling.uninstall()
            throw TerminalError.initializationFailed("ncurses created no window")
        }
        self.window = window
        Self.configureInput(window)

        let wantsColor = TerminalScreen.colorsAllowed(environment: environment) && has_colors()
        var defaultColors = false
        if wantsColor && start_color() == OK {
            defaultColors = use_default_colors() == OK
        }
        let reported = wantsColor ? Int(costtop_colors()) : 0
        capabilities = Self.capabilities(environment: environment, reportedColors: reported,
                                         codeset: Self.currentCodeset())
        self.defaultColors = defaultColors
        pairs = ColorPairs(styles: styles, colors: capabilities.colors, defaultColors: defaultColors)
        costtop_set_background(window, pairs[.normal].pair)

        TerminalRestore.arm(escapeBytes: Self.restoreSequence())
        SignalHandling.install()
        Self.running = true
    }

    /// Line discipline and keyboard settings for a full-screen program.
    private static func configureInput(_ window: UnsafeMutablePointer<WINDOW>) {
        // cbreak rather than raw: Ctrl-C and Ctrl-Z stay signals, so they work even when the
        // program is busy and not reading keys.
        _ = cbreak()
        _ = noecho()
        // nonl: Return arrives as \r and ncurses may use cursor-down moves (fewer bytes).
        _ = nonl()
        _ = intrflush(window, false)
        _ = keypad(window, true)
        _ = curs_set(0)
        // Escape alone would otherwise wait a full second for the rest of a key sequence.
        _ = set_escdelay(25)
        for (sequence, key) in KeyDecoding.extraSequences {
            _ = define_key(sequence, key)
        }
    }

    /// The terminfo strings that undo curses mode: attributes off, cursor shown, keypad off,
    /// alternate screen left. Padding markers (`$<5>`) are for hardware terminals and dropped.
    private static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = costtop_tigetstr(name) else { continue }
            var skipping = false
            var previous: UInt8 = 0
            for byte in String(cString: value).utf8 {
                if skipping {
                    skipping = byte != UInt8(ascii: ">")
                } else if previous == UInt8(ascii: "$") && byte == UInt8(ascii: "<") {
                    bytes.removeLast()
                    skipping = true
                } else {
                    bytes.append(byte)
                }
                previous = byte
            }
        }
        return bytes
    }

    /// The values of `keys` in the process environment.
    private static func environment(_ keys: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for key in keys {
            if let value = getenv(key) { values[key] = String(cString: value) }
        }
        return values
    }

    // MARK: - Size

    /// The screen size in cells; (0, 0) once stopped.
    public var size: (width: Int, height: Int) {
        guard let window else { return (0, 0) }
        var height: Int32 = 0
        var width: Int32 = 0
        costtop_getmaxyx(window, &height, &width)
        return (Int(max(width, 0)), Int(max(height, 0)))
    }

    /// Adopts the tty's new size after SIGWINCH and schedules a full repaint.
    func adoptTerminalSize() {
        var rows: Int32 = 0
        var columns: Int32 = 0
        // resize_term, not resizeterm: the latter also queues KEY_RESIZE, which would report the
        // same resize twice.
        if costtop_tty_size(STDOUT_FILENO, &rows, &columns) == 0 {
            _ = resize_term(rows, columns)
        }
        needsClear = true
    }

    // MARK: - Stopping

    /// Gives the terminal back: normal screen, cursor, echo and line editing, previous signal
    /// handlers. Safe to call more than once; after it, drawing does nothing and `nextKey`
    /// returns nil.
    public func stop() {
        guard let screen else { return }
        TerminalRestore.disarm()
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
        self.screen = nil
        window = nil
        drawnRows = []
        SignalHandling.uninstall()
        // ncurses writes through the C stdout buffer; flush it so later output follows.
        fflush(costtop_stdout())
        Self.running = false
    }

    isolated deinit {
        stop()
    }
}
