@preconcurrency import CNcurses
import CostViews
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading keys and signals.
extension TerminalScreen {
    /// How long one wait inside `nextKey` lasts at most: the delay before a signal that arrived
    /// during the wait is reported (ncurses keeps waiting when a signal interrupts it).
    static let signalLatencyMilliseconds: Int32 = 100

    /// The next key press or event, waiting at most `timeoutMilliseconds` (negative: no limit).
    ///
    /// Signals come first: INT, TERM and HUP report `.interrupt`, WINCH `.resize` (after adopting
    /// the new size). Keys the views have no name for are skipped, not reported.
    ///
    /// - Parameter timeoutMilliseconds: how long to wait; 0 only looks.
    /// - Returns: the event, or nil when the time ran out (or the screen is stopped).
    public func nextKey(timeoutMilliseconds: Int32) -> KeyEvent? {
        guard let window else { return nil }
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds < 0 ? nil : clock.now + .milliseconds(timeoutMilliseconds)
        while true {
            if let event = pendingSignalEvent() { return event }
            var slice = Self.signalLatencyMilliseconds
            if let deadline {
                let left = clock.now.duration(to: deadline)
                let leftMilliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                slice = Int32(clamping: min(Int64(slice), max(leftMilliseconds, 0)))
            }
            wtimeout(window, slice)
            let started = clock.now
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status != ERR {
                if status == KEY_CODE_YES && Int32(bitPattern: code) == KEY_RESIZE { needsClear = true }
                if let event = KeyDecoding.event(status: status, code: code) { return event }
            } else if slice > 0 && started.duration(to: clock.now) < .milliseconds(Int(slice) / 2) && inputClosed() {
                // ncurses answers at once, without waiting, when the input is gone (terminal
                // closed without SIGHUP); treat it as a hang-up instead of spinning.
                return .interrupt
            }
            if let deadline, clock.now >= deadline { return pendingSignalEvent() }
        }
    }

    /// The event for a signal noted by the handlers, if any; interrupt wins over resize.
    private func pendingSignalEvent() -> KeyEvent? {
        if SignalFlags.take(SignalFlags.interrupt) { return .interrupt }
        if SignalFlags.take(SignalFlags.resize) {
            adoptTerminalSize()
            return .resize
        }
        return nil
    }

    /// Whether the terminal behind standard input has hung up.
    private func inputClosed() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) == 1 else { return false }
        return Int32(descriptor.revents) & (Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)) != 0
    }
}
