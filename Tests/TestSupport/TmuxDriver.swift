import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Drives a real program in a detached tmux session, for end-to-end tests of the terminal UI.
///
/// Each driver runs its own tmux server on a private socket (`tmux -L <unique> -f /dev/null`), so
/// tests run in parallel and never see the user's sessions or configuration. tmux is started with
/// `posix_spawn`, not Foundation's `Process`: the tmux server daemonises from the first client and
/// inherits whatever that client inherited, and `Process` can then wait forever for a pipe to
/// close. Here the children get files instead of pipes, an empty signal mask, default signal
/// handlers and no descriptors beyond 0-2, and every wait has a time limit.
public final class TmuxDriver {
    /// A tmux command failed or a wait ran out of time; the description carries the last screen.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// The private server's socket name (`-L`).
    public let socket: String
    /// A folder of this driver's own: the status file and tmux's output.
    public let folder: String
    /// Where the wrapped command writes its exit status.
    public var statusFile: String { folder + "/status" }
    /// The tmux server's process id, to check that `kill()` really ends it.
    public private(set) var serverPID: pid_t?
    private var killed = false

    // MARK: - Starting

    /// Starts `command` with `/bin/sh` in a new detached session of `width` × `height` cells.
    ///
    /// The command runs with `TERM=xterm-256color`, `SWIFT_BACKTRACE=interactive=no` (a crash
    /// must not wait for a key press) and `NO_COLOR` unset (`swift test` exports `NO_COLOR=1`),
    /// then `environment` on top (pass `NO_COLOR` there to keep it). tmux's status line is off,
    /// so the pane is the whole window, and the pane stays on screen after the command exits, so
    /// tests can look at what it left behind. `command` is a `/bin/sh -c` script.
    ///
    /// - Throws: `Failure` when tmux cannot start the session.
    public init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "costtop-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        folder = NSTemporaryDirectory() + socket
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var exports = ["TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no"]
        exports.merge(environment) { _, given in given }
        let unset = environment["NO_COLOR"] == nil ? "unset NO_COLOR; " : ""
        let assignments = exports.sorted { $0.key < $1.key }
            .map { "export \($0.key)=\(Self.quoted($0.value)); " }.joined()
        let status = Self.quoted(statusFile)
        // The command gets a shell of its own, so `exit` in it still lets the status be written.
        // Both shells trap INT and QUIT: Ctrl-C in the pane signals the whole process group, and
        // an untrapped shell would die with it instead of waiting for the program to finish. (A
        // trapped signal is back to its default in the programs the shells start.) Afterwards
        // the pane stays alive, so its screen can still be read: a dead pane's screen is
        // scrolled away by tmux's "Pane is dead" line.
        let script = Self.quoted("trap : INT QUIT\n" + command)
        let wrapped = "trap : INT QUIT; \(unset)\(assignments)/bin/sh -c \(script)\n"
            + "echo $? > \(status).partial && mv \(status).partial \(status)\nexec sleep 86400"
        try run(["start-server", ";",
                 "set-option", "-g", "status", "off", ";",
                 "new-session", "-d", "-s", "main", "-x", String(width), "-y", String(height), wrapped])
        serverPID = try run(["display-message", "-p", "-t", "main", "#{pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").first.flatMap { pid_t($0) }
    }

    deinit {
        kill()
    }

    // MARK: - Input

    /// Sends tmux key names, one key each: "Enter", "Up", "Escape", "C-c", "F5", "q".
    public func send(keys: String...) throws {
        try run(["send-keys", "-t", "main"] + keys)
    }

    /// Types `text` literally (tmux `send-keys -l`): no key names, every character as itself.
    public func send(text: String) throws {
        try run(["send-keys", "-t", "main", "-l", text])
    }

    /// Resizes the window (and so the pane) to `width` × `height`; the program gets SIGWINCH.
    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", "main", "-x", String(width), "-y", String(height)])
    }

    // MARK: - Output

    /// The visible screen as text, one line per row; with `escapes`, attributes and colours as
    /// escape sequences (`capture-pane -e`).
    public func capture(escapes: Bool = false) -> String {
        (try? run(["capture-pane", "-p", "-t", "main"] + (escapes ? ["-e"] : [])).output) ?? ""
    }

    /// A tmux format evaluated for the pane, such as `#{alternate_on}` or `#{cursor_flag}`.
    public func format(_ format: String) -> String {
        ((try? run(["display-message", "-p", "-t", "main", format]).output) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen every 50 ms until it contains `text`.
    /// - Returns: the screen that contained it.
    /// - Throws: `Failure` with the last screen when `timeout` seconds pass first.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil("the text \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `condition` holds for it and the screen has settled.
    ///
    /// A redraw reaches tmux in pieces, so a capture can hold the new status line over the old
    /// body; the screen is returned only once a second capture a moment later is the same.
    /// - Throws: `Failure` with the last screen when `timeout` seconds pass first.
    @discardableResult
    public func waitUntil(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while true {
            if condition(screen) {
                usleep(40_000)
                let again = capture()
                if again == screen || (Date() >= deadline && condition(again)) { return again }
                screen = again
                continue
            }
            guard Date() < deadline else {
                throw Failure(description: "timed out after \(timeout) s waiting for \(what); the screen was:\n\(screen)")
            }
            usleep(50_000)
            screen = capture()
        }
    }

    /// The command's exit status, once it has exited; nil when it is still running after
    /// `timeout` seconds.
    public func exitStatus(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            guard Date() < deadline else { return nil }
            usleep(50_000)
        }
    }

    // MARK: - Ending

    /// Whether the tmux server process still runs (a zombie counts as ended).
    public var isServerRunning: Bool {
        guard let serverPID, signalProcess(serverPID, 0) == 0 else { return false }
        let stat = (try? String(contentsOfFile: "/proc/\(serverPID)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
    }

    /// Ends the tmux server (and with it the program) and removes the driver's folder. Idempotent.
    public func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"], timeout: 5)
        let deadline = Date().addingTimeInterval(3)
        while isServerRunning && Date() < deadline { usleep(20_000) }
        if isServerRunning, let serverPID { _ = signalProcess(serverPID, SIGKILL) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    // MARK: - Running tmux

    /// Runs one tmux client command against this driver's server.
    /// - Returns: its standard output.
    /// - Throws: `Failure` when tmux fails or takes longer than `timeout` seconds (it is killed).
    @discardableResult
    public func run(_ arguments: [String], timeout: Double = 10) throws -> (status: Int32, output: String) {
        let output = folder + "/tmux.out"
        let errors = folder + "/tmux.err"
        let pid = try Self.spawn(["tmux", "-L", socket, "-f", "/dev/null"] + arguments, output: output, errors: errors)
        guard let status = Self.wait(for: pid, timeout: timeout) else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) did not finish in \(timeout) s")
        }
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(arguments.first ?? "") failed with status \(status): \(message)")
        }
        return (status, text)
    }

    /// Starts `arguments` (looked up in PATH) with stdin from /dev/null and stdout and stderr to
    /// files, nothing else open, no blocked signals and default handlers.
    private static func spawn(_ arguments: [String], output: String, errors: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var environment = ProcessInfo.processInfo.environment
        // A test run from inside tmux must not talk to the user's server; the shell for the
        // session's commands is a plain POSIX one whatever the user's login shell.
        environment["TMUX"] = nil
        environment["SHELL"] = "/bin/sh"
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw Failure(description: "could not start \(arguments[0]): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Makes the child close every descriptor from 3 up, so the tmux server cannot keep a pipe
    /// of another test (or of `swift test` itself) open.
    ///
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` does it atomically, but Swift's Glibc
    /// module does not declare it, so it is looked up at run time; without it, the descriptors
    /// open now are listed from /proc (a descriptor opened by another thread meanwhile escapes).
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0) /* RTLD_DEFAULT */,
                              "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }

    /// Waits for `pid` for at most `timeout` seconds, then kills it.
    /// - Returns: the exit status (128 + signal when killed by one), or nil after a timeout.
    private static func wait(for pid: pid_t, timeout: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
            if result < 0 && errno != EINTR { return nil }
            if Date() >= deadline {
                _ = signalProcess(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            usleep(2_000)
        }
    }

    /// `text` as one single-quoted POSIX shell word.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// kill(2), under a name the driver's own `kill()` does not hide.
private func signalProcess(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}
