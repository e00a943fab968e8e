import Foundation
import CosttopTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif
@preconcurrency import CNcurses
@testable import CostTerminal
import CostViews

/// The terminal edge: the tmux driver, the pure decisions of CostTerminal, and TerminalScreen
/// driven for real in tmux.
@Suite("Terminal")
struct TerminalTests {}

// MARK: - The tmux driver

extension TerminalTests {
    /// The driver against a plain shell loop, so it is known to work before any UI uses it.
    @Suite("tmux driver")
    struct Driver {
        /// A shell loop that echoes lines, reports its size and exits with 7 on "quit".
        static let echoLoop = """
            printf 'ready\\n'; while read line; do \
            case "$line" in size) stty size;; quit) exit 7;; *) echo "got:$line";; esac; done
            """

        @Test("sends text and keys, waits for text, resizes, reads the exit status")
        func drivesAShellLoop() throws {
            let tmux = try TmuxDriver(command: Self.echoLoop, width: 100, height: 30)
            defer { tmux.kill() }
            try tmux.waitFor("ready")
            try tmux.send(text: "hello 'quoted' $HOME")
            try tmux.send(keys: "Enter")
            try tmux.waitFor("got:hello 'quoted' $HOME")
            try tmux.send(text: "size")
            try tmux.send(keys: "Enter")
            try tmux.waitFor("30 100")
            try tmux.resize(width: 80, height: 20)
            try tmux.send(text: "size")
            try tmux.send(keys: "Enter")
            try tmux.waitFor("20 80")
            #expect(tmux.exitStatus(timeout: 0.2) == nil, "still running")
            try tmux.send(text: "quit")
            try tmux.send(keys: "Enter")
            #expect(tmux.exitStatus() == 7)
        }

        @Test("the command sees TERM=xterm-256color and no NO_COLOR unless asked")
        func environment() throws {
            let plain = try TmuxDriver(command: "echo \"term=$TERM no_color=${NO_COLOR-unset} x=$X\"",
                                       environment: ["X": "it's"])
            defer { plain.kill() }
            try plain.waitFor("term=xterm-256color no_color=unset x=it's")
            let asked = try TmuxDriver(command: "echo \"no_color=${NO_COLOR-unset}\"", environment: ["NO_COLOR": "1"])
            defer { asked.kill() }
            try asked.waitFor("no_color=1")
        }

        @Test("a wait that times out reports the last screen instead of hanging")
        func timeoutShowsTheScreen() throws {
            let tmux = try TmuxDriver(command: "echo visible-text; sleep 30")
            defer { tmux.kill() }
            try tmux.waitFor("visible-text")
            let started = Date()
            #expect {
                try tmux.waitFor("never-appears", timeout: 0.5)
            } throws: { error in
                String(describing: error).contains("visible-text") && String(describing: error).contains("never-appears")
            }
            #expect(Date().timeIntervalSince(started) < 5)
        }

        @Test("kill() and deinit end the private tmux server")
        func cleansUp() throws {
            let tmux = try TmuxDriver(command: "sleep 60")
            #expect(tmux.serverPID != nil)
            #expect(tmux.isServerRunning)
            tmux.kill()
            #expect(!tmux.isServerRunning)
            #expect(!FileManager.default.fileExists(atPath: tmux.folder))
            tmux.kill()  // idempotent

            var pid: pid_t?
            do {
                let scoped = try TmuxDriver(command: "sleep 60")
                pid = scoped.serverPID
            }
            let serverPID = try #require(pid)
            // deinit killed it: the process is gone, or at most a zombie waiting for its reaper.
            let stat = (try? String(contentsOfFile: "/proc/\(serverPID)/stat", encoding: .utf8)) ?? ""
            #expect(stat.isEmpty || stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") == true)
        }
    }
}

// MARK: - The explorer

extension TerminalTests {
    /// The real `costtop explore` in tmux, building its cache from the sample data.
    @Suite("costtop explore in tmux")
    struct Explorer {
        @Test("starts on the alternate screen, quits with q, leaves the terminal as it found it")
        func startsAndQuits() throws {
            let folder = Support.temporaryFolder()
            let cache = folder + "/explore-test.ctc"
            let command = TerminalTests.recordingTerminalSettings(
                in: folder, around: "\(TmuxDriver.quoted(Support.binary)) explore --cache \(TmuxDriver.quoted(cache))")
            let tmux = try TmuxDriver(command: command)
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            try tmux.waitFor("explore-test.ctc", timeout: 60)
            #expect(tmux.format("#{alternate_on}") == "1")
            try tmux.send(keys: "q")
            #expect(tmux.exitStatus(timeout: 20) == 0)
            try TerminalTests.expectRestored(tmux, folder: folder)
        }
    }

    /// `command` preceded and followed by `stty -g` into `folder`, keeping its exit status.
    static func recordingTerminalSettings(in folder: String, around command: String) -> String {
        let before = TmuxDriver.quoted(folder + "/stty-before")
        let after = TmuxDriver.quoted(folder + "/stty-after")
        return "stty -g > \(before); \(command); status=$?; stty -g > \(after); (exit $status)"
    }

    /// The terminal after the program: same line settings as before it, normal screen, cursor shown.
    static func expectRestored(_ tmux: TmuxDriver, folder: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try String(contentsOfFile: folder + "/stty-before", encoding: .utf8)
        let after = try String(contentsOfFile: folder + "/stty-after", encoding: .utf8)
        #expect(before == after, "stty settings changed", sourceLocation: sourceLocation)
        #expect(tmux.format("#{alternate_on}") == "0", "still on the alternate screen", sourceLocation: sourceLocation)
        #expect(tmux.format("#{cursor_flag}") == "1", "cursor hidden", sourceLocation: sourceLocation)
    }
}


// MARK: - Capabilities

extension TerminalTests {
    @Suite("capabilities")
    struct Capabilities {
        @Test("NO_COLOR set and non-empty, TERM unset or dumb: no colour")
        func noColor() {
            let report = 256
            #expect(TerminalScreen.capabilities(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"],
                                                reportedColors: report, codeset: "UTF-8").colors == 0)
            #expect(TerminalScreen.capabilities(environment: ["TERM": "xterm-256color", "NO_COLOR": ""],
                                                reportedColors: report, codeset: "UTF-8").colors == 256)
            #expect(TerminalScreen.capabilities(environment: [:], reportedColors: report, codeset: "UTF-8").colors == 0)
            #expect(TerminalScreen.capabilities(environment: ["TERM": ""], reportedColors: report, codeset: nil).colors == 0)
            #expect(TerminalScreen.capabilities(environment: ["TERM": "dumb"], reportedColors: report, codeset: nil).colors == 0)
        }

        @Test("reported colour counts become 256, 16, 8 or 0",
              arguments: [(16_777_216, 256), (256, 256), (88, 16), (16, 16), (8, 8), (2, 0), (0, 0), (-1, 0)])
        func colorCounts(reported: Int, expected: Int) {
            let capabilities = TerminalScreen.capabilities(environment: ["TERM": "xterm"], reportedColors: reported,
                                                           codeset: "UTF-8")
            #expect(capabilities.colors == expected)
        }

        @Test("Unicode only under a UTF-8 codeset",
              arguments: [("UTF-8", true), ("utf8", true), ("UTF8", true), ("ANSI_X3.4-1968", false),
                          ("ISO-8859-1", false), ("", false)])
        func unicode(codeset: String, expected: Bool) {
            #expect(TerminalScreen.capabilities(environment: ["TERM": "xterm"], reportedColors: 8,
                                                codeset: codeset).unicode == expected)
            #expect(TerminalScreen.capabilities(environment: [:], reportedColors: 0, codeset: nil).unicode == false)
        }

        @Test("colour counts come from the terminfo entry named by TERM")
        @MainActor
        func fromTerminfo() {
            #expect(TerminalScreen.capabilities(environment: ["TERM": "xterm-256color"]).colors == 256)
            #expect(TerminalScreen.capabilities(environment: ["TERM": "xterm"]).colors == 8)
            #expect(TerminalScreen.capabilities(environment: ["TERM": "vt100"]).colors == 0)
            #expect(TerminalScreen.capabilities(environment: ["TERM": "no-such-terminal-here"]).colors == 0)
            #expect(TerminalScreen.capabilities(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]).colors == 0)
        }
    }
}

// MARK: - Colour reduction

extension TerminalTests {
    @Suite("colour reduction")
    struct Reduction {
        @Test("colours the terminal has are kept")
        func kept() {
            #expect(ColorReduction.nearest(ThemeColor(200), colors: 256) == ThemeColor(200))
            #expect(ColorReduction.nearest(ThemeColor(12), colors: 16) == ThemeColor(12))
            #expect(ColorReduction.nearest(ThemeColor(5), colors: 8) == ThemeColor(5))
        }

        @Test("256-colour indices become the nearest basic colour",
              arguments: [
                  // index, on 16 colours, on 8 colours
                  (196, 9, 1), (46, 10, 2), (21, 4, 4), (63, 12, 4), (226, 11, 3), (51, 14, 6), (201, 13, 5),
                  (231, 15, 7), (16, 0, 0), (232, 0, 0), (244, 8, 7), (124, 1, 1), (208, 3, 3),
                  (9, 9, 1), (8, 8, 7), (250, 7, 7), (238, 8, 0),
              ])
        func reduced(index: UInt8, on16: UInt8, on8: UInt8) {
            #expect(ColorReduction.nearest(ThemeColor(index), colors: 16) == ThemeColor(on16))
            #expect(ColorReduction.nearest(ThemeColor(index), colors: 8) == ThemeColor(on8))
        }

        @Test("every index lands inside the smaller palette")
        func inRange() {
            for index in 0...255 {
                #expect(ColorReduction.nearest(ThemeColor(UInt8(index)), colors: 16).index < 16)
                #expect(ColorReduction.nearest(ThemeColor(UInt8(index)), colors: 8).index < 8)
            }
        }

        @Test("the palette follows xterm: basic colours, 6×6×6 cube, grey ramp")
        func palette() {
            #expect(ColorReduction.rgb(ThemeColor(1)) == (205, 0, 0))
            #expect(ColorReduction.rgb(ThemeColor(16)) == (0, 0, 0))
            #expect(ColorReduction.rgb(ThemeColor(196)) == (255, 0, 0))
            #expect(ColorReduction.rgb(ThemeColor(67)) == (95, 135, 175))
            #expect(ColorReduction.rgb(ThemeColor(231)) == (255, 255, 255))
            #expect(ColorReduction.rgb(ThemeColor(232)) == (8, 8, 8))
            #expect(ColorReduction.rgb(ThemeColor(255)) == (238, 238, 238))
        }

        @Test("text that collapsed into its background gets black or white")
        func readable() {
            #expect(ColorReduction.readableForeground(ThemeColor(0), on: ThemeColor(0)) == ThemeColor(7))
            #expect(ColorReduction.readableForeground(ThemeColor(7), on: ThemeColor(7)) == ThemeColor(0))
            #expect(ColorReduction.readableForeground(ThemeColor(1), on: ThemeColor(4)) == ThemeColor(1))
        }
    }
}

// MARK: - Key decoding

extension TerminalTests {
    @Suite("key decoding")
    struct Keys {
        @Test("characters", arguments: [
            (UInt32(10), KeyEvent.enter), (13, .enter), (127, .backspace), (8, .backspace), (27, .escape),
            (9, .tab), (0x71, .character("q")), (0x20, .character(" ")), (0xE9, .character("é")),
            (0x8868, .character("表")),
        ])
        func characters(code: UInt32, expected: KeyEvent) {
            #expect(KeyDecoding.event(status: OK, code: code) == expected)
        }

        @Test("control characters other than the named ones are skipped", arguments: [UInt32(1), 3, 12, 31, 0x85])
        func controls(code: UInt32) {
            #expect(KeyDecoding.event(status: OK, code: code) == nil)
        }

        @Test("function keys", arguments: [
            (KEY_UP, KeyEvent.up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_RESIZE, .resize),
            (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
        ])
        func functionKeys(code: Int32, expected: KeyEvent) {
            #expect(KeyDecoding.event(status: KEY_CODE_YES, code: UInt32(bitPattern: code)) == expected)
        }

        @Test("no input and unnamed keys give nil")
        func nothing() {
            #expect(KeyDecoding.event(status: ERR, code: 0) == nil)
            #expect(KeyDecoding.event(status: KEY_CODE_YES, code: UInt32(KEY_F0 + 13)) == nil)
            #expect(KeyDecoding.event(status: KEY_CODE_YES, code: UInt32(KEY_MOUSE)) == nil)
        }
    }
}

// MARK: - TerminalScreen in tmux

extension TerminalTests {
    /// TerminalScreen in a real terminal. The program under test is this test binary itself,
    /// started in tmux to run only `terminalChildProcess` (below) with a scenario in
    /// COSTTOP_TERMINAL_CHILD: no extra executable target is needed.
    @Suite("TerminalScreen in tmux")
    struct Screen {
        /// A tmux session running the child scenario, with terminal settings recorded around it.
        static func start(_ scenario: String, width: Int = 100, height: Int = 30,
                          environment: [String: String] = [:], redirect: String = "") throws -> (TmuxDriver, String) {
            let folder = Support.temporaryFolder()
            let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
            let child = "COSTTOP_TERMINAL_CHILD=\(scenario) \(TmuxDriver.quoted(binary)) "
                + "--testing-library swift-testing --filter terminalChildProcess \(redirect)"
            let command = TerminalTests.recordingTerminalSettings(in: folder, around: child)
            return (try TmuxDriver(command: command, width: width, height: height, environment: environment), folder)
        }

        /// Row `index` of a captured screen, or "" when there is no such row.
        static func line(_ index: Int, of screen: String) -> Substring {
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return index < lines.count ? lines[index] : ""
        }

        /// The child's process id, from its frame.
        static func childPID(_ screen: String) throws -> pid_t {
            let line = try #require(screen.split(separator: "\n").first { $0.hasPrefix("pid ") })
            return try #require(pid_t(line.dropFirst(4).trimmingCharacters(in: .whitespaces)))
        }

        @Test("draws cells with colours, reads keys, follows resizes, quits cleanly")
        func interactive() throws {
            let (tmux, folder) = try Self.start("interactive")
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            // The whole first frame: under load a capture can land between its first and last row.
            let screen = try tmux.waitUntil("the first frame", timeout: 30) {
                $0.contains("costtop terminal test") && Self.line(29, of: $0).hasPrefix("bottom")
            }
            #expect(screen.contains("size 100x30 colors 256 unicode true"))
            #expect(screen.contains("wide:表|"))
            #expect(Self.line(29, of: screen).hasPrefix("bottom"))
            #expect(tmux.format("#{alternate_on}") == "1")
            #expect(tmux.format("#{cursor_flag}") == "0")
            let colored = tmux.capture(escapes: true)
            #expect(colored.contains("48;5;214"), "selection background")
            #expect(colored.contains("38;5;231"), "header foreground")

            let keys: [(String, String)] = [
                ("Up", "up"), ("Down", "down"), ("PPage", "pageUp"), ("NPage", "pageDown"), ("Home", "home"),
                ("End", "end"), ("Enter", "enter"), ("BSpace", "backspace"), ("Escape", "escape"), ("Tab", "tab"),
                ("DC", "delete"), ("F5", "function(5)"), ("F12", "function(12)"), ("x", "character(\"x\")"),
            ]
            for (name, event) in keys {
                try tmux.send(keys: name)
                try tmux.waitFor("last key: \(event)|", timeout: 10)
            }
            try tmux.send(text: "é")
            try tmux.waitFor("last key: character(\"é\")|")

            // Another theme at run time: the selection's background changes without a restart.
            try tmux.send(keys: "t")
            try tmux.waitUntil("the second theme") { _ in tmux.capture(escapes: true).contains("48;5;27") }

            try tmux.resize(width: 80, height: 20)
            let resized = try tmux.waitFor("size 80x20", timeout: 10)
            #expect(Self.line(19, of: resized).hasPrefix("bottom"))

            try tmux.send(keys: "q")
            #expect(tmux.exitStatus(timeout: 20) == 0)
            try tmux.waitFor("child: quit")
            try TerminalTests.expectRestored(tmux, folder: folder)
        }

        @Test("NO_COLOR: no colour at all, the selection in reverse video")
        func noColor() throws {
            let (tmux, folder) = try Self.start("interactive", environment: ["NO_COLOR": "1"])
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            try tmux.waitFor("colors 0 unicode true", timeout: 30)
            let colored = tmux.capture(escapes: true)
            #expect(!colored.contains("38;5;") && !colored.contains("48;5;"))
            let selection = try #require(colored.split(separator: "\n").first { $0.contains("selected row") })
            #expect(selection.contains("\u{1B}[7m"))
            try tmux.send(keys: "q")
            #expect(tmux.exitStatus(timeout: 20) == 0)
            try TerminalTests.expectRestored(tmux, folder: folder)
        }

        @Test("without a UTF-8 locale everything is drawn in ASCII, in the same columns")
        func asciiLocale() throws {
            let (tmux, folder) = try Self.start("interactive", environment: ["LC_ALL": "C", "LANG": "C"])
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            let screen = try tmux.waitFor("colors 256 unicode false", timeout: 30)
            #expect(screen.contains("wide:? |"))
            try tmux.send(keys: "q")
            #expect(tmux.exitStatus(timeout: 20) == 0)
            try TerminalTests.expectRestored(tmux, folder: folder)
        }

        @Test("an 8-colour terminal gets basic colours")
        func eightColors() throws {
            let (tmux, folder) = try Self.start("interactive", environment: ["TERM": "xterm"])
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            try tmux.waitFor("colors 8 unicode true", timeout: 30)
            #expect(!tmux.capture(escapes: true).contains("48;5;"))
            try tmux.send(keys: "q")
            #expect(tmux.exitStatus(timeout: 20) == 0)
        }

        @Test("Ctrl-C, SIGTERM and SIGHUP arrive as .interrupt; the terminal is restored",
              arguments: ["C-c", "TERM", "HUP"])
        func interrupts(how: String) throws {
            let (tmux, folder) = try Self.start("interactive")
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            let screen = try tmux.waitFor("costtop terminal test", timeout: 30)
            switch how {
            case "C-c": try tmux.send(keys: "C-c")
            case "TERM": kill(try Self.childPID(screen), SIGTERM)
            default: kill(try Self.childPID(screen), SIGHUP)
            }
            #expect(tmux.exitStatus(timeout: 20) == 0)
            try tmux.waitFor("child: interrupted")
            try TerminalTests.expectRestored(tmux, folder: folder)
        }

        @Test("a crash restores the terminal and still dies of its signal")
        func crash() throws {
            let (tmux, folder) = try Self.start("interactive")
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            try tmux.waitFor("costtop terminal test", timeout: 30)
            try tmux.send(keys: "c")
            let status = try #require(tmux.exitStatus(timeout: 60))
            #expect(status > 128, "killed by a signal")
            try TerminalTests.expectRestored(tmux, folder: folder)
        }

        @Test("a second SIGTERM to a program that stopped reading keys restores the terminal and ends it")
        func stuck() throws {
            let (tmux, folder) = try Self.start("stuck")
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            let screen = try tmux.waitFor("costtop terminal test", timeout: 30)
            let pid = try Self.childPID(screen)
            kill(pid, SIGTERM)
            usleep(200_000)
            #expect(tmux.exitStatus(timeout: 0.1) == nil, "the first signal only asks")
            kill(pid, SIGTERM)
            #expect(tmux.exitStatus(timeout: 20) == 128 + SIGTERM)
            try TerminalTests.expectRestored(tmux, folder: folder)
        }

        @Test("refuses clearly without a terminal, with an unknown TERM, with a dumb one",
              arguments: [("", "< /dev/null", "needs a terminal"),
                          ("no-such-terminal-here", "", "unknown terminal type TERM=no-such-terminal-here"),
                          ("dumb", "", "cannot position the cursor")])
        func refuses(term: String, redirect: String, message: String) throws {
            let environment = term.isEmpty ? [:] : ["TERM": term]
            let (tmux, folder) = try Self.start("refuse", environment: environment, redirect: redirect)
            defer { tmux.kill(); try? FileManager.default.removeItem(atPath: folder) }
            #expect(tmux.exitStatus(timeout: 30) == 0)
            try tmux.waitFor("refused: ")
            try tmux.waitFor(message)
            let before = try String(contentsOfFile: folder + "/stty-before", encoding: .utf8)
            let after = try String(contentsOfFile: folder + "/stty-after", encoding: .utf8)
            #expect(before == after)
        }
    }
}

// MARK: - The child process

/// What the child process does; runs only when a `Screen` test started it in tmux.
@Test("TerminalScreen child process (runs only inside the tmux tests)",
      .enabled(if: ProcessInfo.processInfo.environment["COSTTOP_TERMINAL_CHILD"] != nil))
@MainActor
func terminalChildProcess() throws {
    let scenario = ProcessInfo.processInfo.environment["COSTTOP_TERMINAL_CHILD"] ?? ""
    let styles: [StyleRole: Style] = [
        .normal: Style(),
        .header: Style(foreground: ThemeColor(231), background: ThemeColor(24), bold: true),
        .selection: Style(foreground: ThemeColor(16), background: ThemeColor(214)),
    ]
    let screen: TerminalScreen
    do {
        screen = try TerminalScreen(styles: styles)
    } catch {
        print("refused: \(error)")
        return
    }
    if scenario == "refuse" {
        screen.stop()
        print("child: started although it should have refused")
        return
    }
    var lastKey = "none"
    func frame() -> [[Cell]] {
        let (width, height) = screen.size
        let capabilities = screen.capabilities
        var lines: [(String, StyleRole)] = [
            ("costtop terminal test", .header),
            ("size \(width)x\(height) colors \(capabilities.colors) unicode \(capabilities.unicode)", .normal),
            ("pid \(getpid())", .normal),
            ("last key: \(lastKey)|", .normal),
            ("wide:", .normal),
            ("selected row", .selection),
        ]
        while lines.count < height - 1 { lines.append(("", .normal)) }
        lines.append(("bottom", .muted))
        return lines.prefix(height).enumerated().map { index, line in
            var cells = line.0.map { Cell(String($0), role: line.1) }
            if index == 4 { cells += [Cell("表"), Cell(""), Cell("|")] }
            return Array((cells + Array(repeating: Cell(" ", role: line.1), count: max(0, width - cells.count))).prefix(width))
        }
    }
    screen.draw(frame())
    if scenario == "stuck" {
        // Never reads keys again: only the signal handlers can give the terminal back.
        let end = Date().addingTimeInterval(60)
        while Date() < end { usleep(100_000) }
        screen.stop()
        return
    }
    let end = Date().addingTimeInterval(120)
    while Date() < end {
        guard let key = screen.nextKey(timeoutMilliseconds: 100) else { continue }
        switch key {
        case .character("q"):
            screen.stop()
            print("child: quit")
            return
        case .interrupt:
            screen.stop()
            print("child: interrupted")
            return
        case .character("t"):
            var other = styles
            other[.selection] = Style(foreground: ThemeColor(231), background: ThemeColor(27))
            screen.setStyles(other)
        case .character("c"):
            // A deliberate crash (out-of-bounds index: SIGILL through Swift's trap).
            let empty: [Int] = []
            print(empty[Int(getpid()) % 7 + 1])
        default:
            lastKey = "\(key)"
        }
        screen.draw(frame())
    }
    screen.stop()
}

