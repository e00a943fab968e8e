#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What it takes to give the terminal back when the program cannot call `endwin`: after a crash,
/// a second unanswered Ctrl-C, or `exit()` without `stop()`.
///
/// The restore runs inside signal handlers, so it only reads memory prepared in advance and calls
/// async-signal-safe functions (`write`, `tcsetattr`): the terminal settings saved before ncurses
/// changed them, and the terminfo strings that reset attributes, show the cursor, leave keypad
/// mode and leave the alternate screen. Nothing here allocates, locks or touches ncurses.
enum TerminalRestore {
    // MARK: - Prepared state

    /// Whether a screen is active and needs restoring; cleared by whoever restores first.
    static let armed = Atomic<Bool>(false)
    /// The descriptor ncurses draws on.
    private static let descriptor = Atomic<Int32>(1)
    /// How many bytes of `escapes` are in use.
    private static let escapeLength = Atomic<Int>(0)
    /// Capacity of `escapes`; xterm's four strings take about 40 bytes.
    private static let escapeCapacity = 256
    /// The terminal settings from before ncurses started. Raw memory, allocated once and never
    /// freed, because a signal handler may read it at any moment.
    nonisolated(unsafe) private static let savedSettings = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    /// The bytes that undo ncurses' visible state.
    nonisolated(unsafe) private static let escapes = UnsafeMutablePointer<UInt8>.allocate(capacity: escapeCapacity)
    /// Whether the `atexit` hook is registered (once per process).
    private static let exitHookRegistered = Atomic<Bool>(false)

    // MARK: - Arming

    /// Saves the settings of `descriptor` before ncurses changes them. Call before `newterm`.
    /// - Returns: false when the settings cannot be read (not a terminal).
    @MainActor
    static func saveSettings(of descriptor: Int32) -> Bool {
        // Touch every static now, on the main thread: statics are initialised lazily, and the
        // lazy initialiser takes a lock that a signal handler must never wait for.
        _ = armed.load(ordering: .relaxed)
        _ = escapeLength.load(ordering: .relaxed)
        _ = escapes
        self.descriptor.store(descriptor, ordering: .relaxed)
        registerExitHook()
        return tcgetattr(descriptor, savedSettings) == 0
    }

    /// Stores the escape bytes and arms the restore. Call once ncurses runs.
    @MainActor
    static func arm(escapeBytes: [UInt8]) {
        let count = min(escapeBytes.count, escapeCapacity)
        for index in 0..<count { escapes[index] = escapeBytes[index] }
        escapeLength.store(count, ordering: .releasing)
        armed.store(true, ordering: .releasing)
    }

    /// Disarms the restore, because `endwin` is about to do it properly.
    @MainActor
    static func disarm() {
        armed.store(false, ordering: .releasing)
    }

    // MARK: - Restoring

    /// Puts the terminal back as it was before ncurses, once; does nothing when not armed.
    /// Async-signal-safe.
    static func restoreTerminal() {
        guard armed.exchange(false, ordering: .acquiringAndReleasing) else { return }
        let fd = descriptor.load(ordering: .relaxed)
        var offset = 0
        let length = escapeLength.load(ordering: .acquiring)
        while offset < length {
            let written = write(fd, escapes + offset, length - offset)
            if written <= 0 { break }
            offset += written
        }
        _ = tcsetattr(fd, TCSANOW, savedSettings)
    }

    /// Restores the terminal at `exit()` too, for programs that leave without `stop()`.
    ///
    /// Nonisolated on purpose, like every C callback here: a closure formed in main-actor code
    /// checks at run time that it runs on the main thread, and `exit` may run on any thread.
    private static func registerExitHook() {
        guard !exitHookRegistered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        atexit { TerminalRestore.restoreTerminal() }
    }
}
