import ByteStreams
import Foundation
import CostCache
import CostIngest

/// Shared helpers for the tests: temporary folders, the shared samples, the built binary.
public enum Support {
    /// The repository root (two levels above this file's folder).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// ../shared/samples beside the repository, when present (CI clones shared/ beside it).
    public static var samples: String? {
        let candidates = [repository + "/../shared/samples", repository + "/../../shared/samples"]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
            .map { URL(fileURLWithPath: $0).standardizedFileURL.path }
    }

    /// A new empty folder under the system temporary folder, removed when the test process exits
    /// (`COSTTOP_KEEP_TEST_FILES=1` keeps them, to look at what a failing test wrote).
    public static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "costtop-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TemporaryFolders.shared.add(path)
        return path
    }

    /// Writes `text` to `folder/name` and returns the path.
    @discardableResult
    public static func write(_ text: String, to folder: String, _ name: String) -> String {
        let path = folder + "/" + name
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The `costtop` binary built beside the test bundle.
    public static var binary: String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        // On Linux the test runner is `<build>/costtopPackageTests.xctest`; executables sit beside it.
        for _ in 0..<3 {
            let candidate = folder.path + "/costtop"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return repository + "/.build/debug/costtop"
    }

    /// Runs a program and returns its exit status, stdout and stderr.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Runs the costtop binary.
    public static func costtop(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
        run(binary, arguments, environment: environment)
    }

    /// `contents` written by the cache writer into a fresh temporary folder and opened: the fixture
    /// cache of a test that builds its rows directly.
    public static func writtenCache(_ contents: CacheContents) -> CacheFile {
        let path = temporaryFolder() + "/fixture.ctc"
        try! CacheWriter(createdBy: "test").write(contents, to: path)
        return try! CacheFile(path: path)
    }

    /// Ingests `paths` into a fresh cache file and opens it.
    public static func ingest(_ paths: [String], cache: String? = nil, configure: (inout IngestOptions) -> Void = { _ in }) throws -> (IngestSummary, CacheFile) {
        let cachePath = cache ?? temporaryFolder() + "/test.ctc"
        var options = IngestOptions(paths: paths, cachePath: cachePath)
        configure(&options)
        let summary = try Ingestor(options: options).run()
        return (summary, try CacheFile(path: cachePath))
    }
}

/// A `ByteSource` over bytes in memory that hands out at most `chunk` bytes per read, to exercise
/// every buffer boundary of the CSV reader.
public final class ChunkedSource: ByteSource {
    private let bytes: [UInt8]
    private let chunk: Int
    private var position = 0
    public var bytesConsumed: Int64 { Int64(position) }

    public init(_ text: String, chunk: Int) {
        bytes = Array(text.utf8)
        self.chunk = chunk
    }

    public init(bytes: [UInt8], chunk: Int) {
        self.bytes = bytes
        self.chunk = chunk
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(chunk, buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// The temporary folders a test process made, removed at its exit: a full run makes about a
/// thousand, and without this they filled the disk of a machine that runs the suite all day.
final class TemporaryFolders: @unchecked Sendable {
    static let shared = TemporaryFolders()
    // @unchecked: `paths` and `registered` are only touched under `lock`.
    private let lock = NSLock()
    private var paths: [String] = []
    private var registered = false

    func add(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        paths.append(path)
        guard !registered, ProcessInfo.processInfo.environment["COSTTOP_KEEP_TEST_FILES"] != "1" else { return }
        registered = true
        atexit { TemporaryFolders.shared.removeAll() }
    }

    private func removeAll() {
        lock.lock()
        let all = paths
        paths = []
        lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
