#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the signal handlers noted and the key loop has not reported yet.
///
/// Handlers may only do async-signal-safe work, so they set bits here and `nextKey` polls them.
enum SignalFlags {
    /// INT, TERM or HUP: the user or the system wants the program to stop.
    static let interrupt: UInt32 = 1
    /// WINCH: the terminal changed size.
    static let resize: UInt32 = 2
    /// The bits set by the handlers and not yet taken.
    static let pending = Atomic<UInt32>(0)

    /// Clears `flag` and tells whether it was set.
    static func take(_ flag: UInt32) -> Bool {
        pending.bitwiseAnd(~flag, ordering: .acquiringAndReleasing).oldValue & flag != 0
    }
}

/// Installs the process's signal handlers while a screen is active, and puts the previous ones
/// back when it stops.
///
/// - INT, TERM, HUP set `SignalFlags.interrupt`; a second one arriving before the key loop took
///   the first means the program is stuck, so it restores the terminal and dies of the signal.
/// - WINCH sets `SignalFlags.resize`. (Ours replaces ncurses' own handler, so the resize is
///   handled in one place and reported once.)
/// - SEGV, BUS, ILL, FPE, ABRT, TRAP and QUIT restore the terminal, then hand the signal to
///   whoever handled it before (the Swift runtime's backtracer, or the default action), so the
///   crash report appears on a usable terminal and the process still dies of the signal.
///
/// Deliberately not main-actor isolated: handlers run on whatever thread the signal lands on, and
/// a closure formed in main-actor code would check its executor there (a crash, and nothing a
/// signal handler may do). `TerminalScreen` calls `capture`, `install` and `uninstall` from the
/// main actor, in that order.
enum SignalHandling {
    static let termination: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatal: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT]
    /// Signals whose disposition is saved before ncurses starts and put back by `uninstall`;
    /// TSTP is in the list only because ncurses installs a handler for it.
    private static let managed = termination + fatal + [SIGWINCH, SIGTSTP]

    /// The dispositions from before `capture`, indexed by signal number. Raw memory, allocated
    /// once and never freed: the crash handler reads it to chain to the previous handler.
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    // MARK: - Installing

    /// Saves the current dispositions. Call before `newterm`, which installs handlers of its own
    /// for INT, TERM, WINCH and TSTP.
    static func capture() {
        for signal in managed {
            _ = sigaction(signal, nil, previous + Int(signal))
        }
    }

    /// Installs the handlers and unblocks the signals. Call after `newterm`.
    static func install() {
        SignalFlags.pending.store(0, ordering: .relaxed)
        // Without SA_RESTART, a read interrupted by WINCH would fail in code outside the key loop.
        let restart = Int32(truncatingIfNeeded: SA_RESTART)
        for signal in termination {
            setHandler(signal, flags: restart) { signal in
                let before = SignalFlags.pending.bitwiseOr(SignalFlags.interrupt, ordering: .acquiringAndReleasing).oldValue
                guard before & SignalFlags.interrupt != 0 else { return }
                TerminalRestore.restoreTerminal()
                SignalHandling.dieOf(signal)
            }
        }
        setHandler(SIGWINCH, flags: restart) { _ in
            SignalFlags.pending.bitwiseOr(SignalFlags.resize, ordering: .acquiringAndReleasing)
        }
        // SA_ONSTACK: a stack overflow can only be handled on the alternate stack, which the
        // Swift runtime sets up for its backtracer. SA_SIGINFO tells faults from kill(2).
        let crashFlags = Int32(truncatingIfNeeded: SA_SIGINFO | SA_ONSTACK)
        for signal in fatal {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { signal, info, _ in
                TerminalRestore.restoreTerminal()
                SignalHandling.reinstatePrevious(signal)
                // A fault raised by the CPU happens again when the handler returns, this time with
                // the original context, which is what a backtracer wants. Anything else (abort,
                // kill, int3 which does not re-execute) must be raised again.
                let code = info?.pointee.si_code ?? 0
                let refaults = code > 0
                    && (signal == SIGSEGV || signal == SIGBUS || signal == SIGILL || signal == SIGFPE)
                if !refaults { raise(signal) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = crashFlags
            _ = sigaction(signal, &action, nil)
        }
        unblock(termination + [SIGWINCH])
    }

    /// Puts back the dispositions saved by `capture`. Call after `endwin`.
    static func uninstall() {
        for signal in managed {
            _ = sigaction(signal, previous + Int(signal), nil)
        }
    }

    // MARK: - Inside handlers (async-signal-safe)

    /// Reinstates the disposition from before `capture`; an ignored fault becomes the default
    /// action, since returning to a faulting instruction with the signal ignored loops forever.
    private static func reinstatePrevious(_ signal: Int32) {
        var action = previous[Int(signal)]
        if unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == 1 /* SIG_IGN */ {
            action = sigaction()
            sigemptyset(&action.sa_mask)
        }
        _ = sigaction(signal, &action, nil)
    }

    /// Terminates the process by `signal` with its default action, so the parent sees the real
    /// cause (a shell prints 130 for INT).
    private static func dieOf(_ signal: Int32) {
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        _ = sigaction(signal, &action, nil)
        // Blocked while its handler runs: delivered, with the default action, when it returns.
        raise(signal)
    }

    // MARK: - Helpers

    private static func setHandler(_ signal: Int32, flags: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        _ = sigaction(signal, &action, nil)
    }

    /// Processes started by test harnesses and some supervisors inherit these signals blocked;
    /// blocked, Ctrl-C and resizes would never reach the handlers.
    private static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        _ = pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
