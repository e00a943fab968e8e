/// A key press (or terminal event) as the views understand it, independent of ncurses.
public enum KeyEvent: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, backspace, escape, tab, delete
    case function(Int)
    /// The terminal changed size.
    case resize
    /// The process was asked to stop (SIGINT, SIGTERM, SIGHUP).
    case interrupt
}
