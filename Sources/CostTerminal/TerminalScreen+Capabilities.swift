@preconcurrency import CNcurses
import CostViews
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deciding what the terminal can show: colours and Unicode.
extension TerminalScreen {
    // MARK: - The decision

    /// What a terminal can show, decided from facts gathered elsewhere (pure, for tests).
    ///
    /// - Parameters:
    ///   - environment: the process environment; only `NO_COLOR` and `TERM` matter.
    ///   - reportedColors: the colour count the terminal reports (terminfo `colors`, or ncurses'
    ///     `COLORS` once started); 0 or negative when it has none.
    ///   - codeset: the locale's character set after `setlocale(LC_ALL, "")`, such as "UTF-8".
    /// - Returns: colours 0 when `NO_COLOR` is set and non-empty (no-color.org) or `TERM` is unset
    ///   or `dumb`, else 256, 16 or 8 from the report; Unicode only under a UTF-8 codeset, because
    ///   anything else garbles block elements and box drawing, so the views draw ASCII instead.
    public nonisolated static func capabilities(environment: [String: String], reportedColors: Int,
                                                codeset: String?) -> TerminalCapabilities {
        TerminalCapabilities(colors: colorsAllowed(environment: environment) ? normalizedColors(reportedColors) : 0,
                             unicode: isUTF8(codeset))
    }

    /// What the terminal named by `environment["TERM"]` can show, asking terminfo and the locale.
    ///
    /// Sets the process locale from the environment (`setlocale(LC_ALL, "")`), as ncurses needs
    /// it to draw wide characters. A running screen reports the same answer in `capabilities`,
    /// from what ncurses found after starting.
    ///
    /// - Parameter environment: the process environment.
    public static func capabilities(environment: [String: String]) -> TerminalCapabilities {
        _ = setlocale(LC_ALL, "")
        let term = environment["TERM"] ?? ""
        let colors = colorsAllowed(environment: environment) ? terminfoColors(term: term) : 0
        return capabilities(environment: environment, reportedColors: colors, codeset: currentCodeset())
    }

    // MARK: - Pieces of the decision

    /// Colour is off when the user asked for none, or when the terminal type is unknown or dumb.
    nonisolated static func colorsAllowed(environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
        return true
    }

    /// 256, 16, 8 or 0. Direct-colour terminals (16 million) get the 256-colour palette the themes
    /// are written in; 88-colour ones get the 16 basic colours, which every such terminal shares.
    nonisolated static func normalizedColors(_ reported: Int) -> Int {
        switch reported {
        case 256...: return 256
        case 16..<256: return 16
        case 8..<16: return 8
        default: return 0
        }
    }

    /// "UTF-8" from glibc; "utf8" and "UTF8" elsewhere.
    nonisolated static func isUTF8(_ codeset: String?) -> Bool {
        guard let codeset else { return false }
        return codeset.uppercased().filter { $0 != "-" && $0 != "_" } == "UTF8"
    }

    /// The current locale's codeset.
    static func currentCodeset() -> String? {
        costtop_codeset().map { String(cString: $0) }
    }

    /// The colour count in the terminfo entry for `term`, or 0 when there is no entry.
    ///
    /// Loads the entry as a second terminal description and puts the current one back, so this
    /// works before, during and after a screen runs.
    static func terminfoColors(term: String) -> Int {
        guard let entry = TerminfoEntry(term: term) else { return 0 }
        defer { entry.close() }
        return Int(tigetnum("colors"))
    }
}

/// A terminfo entry loaded with `setupterm` for questions asked before (or beside) `newterm`.
///
/// `setupterm` with an error pointer reports a missing entry instead of exiting the process,
/// which is what `initscr` would do.
@MainActor
struct TerminfoEntry {
    private let previous: UnsafeMutablePointer<TERMINAL>?

    /// Loads the entry for `term` and makes it current; nil when there is none.
    init?(term: String) {
        guard !term.isEmpty else { return nil }
        previous = set_curterm(nil)
        var status: Int32 = 0
        // Descriptor 1 only serves to ask the size; any descriptor (even not a tty) will do.
        guard setupterm(term, 1, &status) == OK, status == 1 else {
            if let failed = set_curterm(previous) { _ = del_curterm(failed) }
            return nil
        }
    }

    /// Whether the terminal can move the cursor anywhere, which drawing a screen requires.
    var canAddressCursor: Bool {
        costtop_tigetstr("cup") != nil
    }

    /// Puts the previous description back and frees this one.
    func close() {
        if let mine = set_curterm(previous) { _ = del_curterm(mine) }
    }
}
