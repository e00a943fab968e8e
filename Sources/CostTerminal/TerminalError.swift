/// Why the explorer cannot take over the terminal. Every case explains itself in plain words,
/// because the message is what a user sees instead of a screen.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or standard output is not a terminal (a pipe, a file, a CI runner).
    case notATerminal
    /// `TERM` is unset or names no terminfo entry.
    case unknownTerminal(String)
    /// The terminfo entry cannot move the cursor (`dumb`, hardcopy terminals).
    case unsupportedTerminal(String)
    /// ncurses refused to start for another reason.
    case initializationFailed(String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the explorer needs a terminal: standard input and output must both be a tty "
                + "(use `costtop query` for scripts and pipes)"
        case .unknownTerminal(let name) where name.isEmpty:
            return "TERM is not set, so the terminal type is unknown (try TERM=xterm-256color)"
        case .unknownTerminal(let name):
            return "unknown terminal type TERM=\(name): no terminfo entry (try TERM=xterm-256color)"
        case .unsupportedTerminal(let name):
            return "terminal type TERM=\(name) cannot position the cursor, so the explorer cannot draw "
                + "(use `costtop query`, or set TERM to your real terminal)"
        case .initializationFailed(let reason):
            return "could not start the terminal screen: \(reason)"
        }
    }
}
