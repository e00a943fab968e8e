import ArgumentParser
import CostTerminal
import CostViews
import Foundation

/// The explorer's terminal loop: draw, wait for a key, let the explorer handle it, repeat; between
/// keys, take the background anomaly detection's result when it arrives. All terminal work happens
/// here, on the main actor.
@MainActor
final class ExploreSession {
    private let explorer: Explorer
    private var theme: Theme
    private let themeFolders: [String]
    private let notice: String?
    private let frameLog: FrameLog?

    init(explorer: Explorer, theme: Theme, themeFolders: [String], notice: String?, frameLog: String?) {
        self.explorer = explorer
        self.theme = theme
        self.themeFolders = themeFolders
        self.notice = notice
        self.frameLog = frameLog.map(FrameLog.init)
    }

    /// Runs until the user quits. Returns an exit code to throw, or nil for success.
    func run() -> ExitCode? {
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(styles: theme.styles)
        } catch {
            FileHandle.standardError.write(Data("costtop: error: \(error)\n".utf8))
            return ExitCode(ExitStatus.usage)
        }
        defer { screen.stop() }
        let capabilities = screen.capabilities
        if let notice { explorer.showMessage(notice) }
        // Detection runs on another thread; the loop picks up its result between keys (the key
        // wait below times out every 100 ms), so the keyboard never waits for it.
        explorer.startAnomalySearch()
        var dirty = true
        while true {
            if explorer.pollAnomalies() { dirty = true }
            // The gauges of a new context are computed on a worker too (`backgroundGauges`).
            if explorer.pollGauges() { dirty = true }
            if dirty {
                let size = screen.size
                // The explorer keeps selections in view at this size; the renderer only draws.
                explorer.resize(width: size.width, height: size.height)
                let grid = ExplorerRenderer.render(explorer, width: size.width, height: size.height,
                                                   unicode: capabilities.unicode)
                screen.draw(grid.rows)
                frameLog?.frame()
                dirty = false
            }
            guard let key = screen.nextKey(timeoutMilliseconds: 100) else { continue }
            frameLog?.key()
            switch explorer.handle(key) {
            case .quit:
                return nil
            case .redraw:
                dirty = true
            case .copy(let text):
                screen.copyToClipboard(text)
                dirty = true
            case .theme(let name):
                if let loaded = try? Theme.load(name, searchFolders: themeFolders) {
                    theme = loaded
                    screen.setStyles(loaded.styles)
                }
                dirty = true
            }
        }
    }
}

/// With `COSTTOP_FRAME_LOG=FILE`, records when the process started, each key and each finished
/// frame (nanoseconds since start) for scripts/bench-explorer.py.
final class FrameLog {
    private let handle: FileHandle?
    private let start = DispatchTime.now().uptimeNanoseconds

    init(path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)
        write("start \(ProcessStart.nanosecondsSinceStart())")
    }

    func frame() { write("frame \(ProcessStart.nanosecondsSinceStart())") }
    func key() { write("key \(ProcessStart.nanosecondsSinceStart())") }

    private func write(_ line: String) { handle?.write(Data((line + "\n").utf8)) }
}

/// Time since the process started, from /proc/self/stat (so the first frame is timed from exec).
enum ProcessStart {
    static func nanosecondsSinceStart() -> UInt64 {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 (starttime) is the 20th after the command name, in clock ticks since boot.
        guard fields.count > 19, let ticks = UInt64(fields[19]) else { return 0 }
        let hertz = UInt64(sysconf(Int32(_SC_CLK_TCK)))
        var now = timespec()
        clock_gettime(CLOCK_BOOTTIME, &now)
        let nowNanos = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
        let startNanos = ticks * 1_000_000_000 / hertz
        return nowNanos > startNanos ? nowNanos - startNanos : 0
    }
}
