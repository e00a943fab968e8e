import ByteStreams
import Foundation

/// A fresh temporary directory per test, removed when the value is released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ByteStreamsTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Deterministic test bytes: runs of text (compressible) mixed with pseudo-random noise
/// (incompressible), so deflate exercises both literal and match paths.
func sampleBytes(count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    var bytes = [UInt8]()
    bytes.reserveCapacity(count)
    let text = Array("2024-07-01T00:00:00Z,AmazonEC2,USE1-BoxUsage:m5.xlarge,0.192,\n".utf8)
    while bytes.count < count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let run = Int(state >> 58) + 1
        if state & 0x100 == 0 {
            for index in 0..<run where bytes.count < count { bytes.append(text[(index + Int(state >> 40 & 7)) % text.count]) }
        } else {
            for _ in 0..<run where bytes.count < count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33))
            }
        }
    }
    return bytes
}

/// Writes `members` as consecutive gzip members of one file with `GzipWriter`.
func writeGzip(_ members: [[UInt8]], to path: String) throws {
    let writer = try GzipWriter(path: path)
    for (index, member) in members.enumerated() {
        try member.withUnsafeBytes { try writer.write($0) }
        if index < members.count - 1 { try writer.finishMember() }
    }
    try writer.close()
}

/// Reads a whole `ByteSource` using caller buffers of `chunk` bytes.
func readAll(_ source: ByteSource, chunk: Int = 64 * 1024) throws -> [UInt8] {
    var result = [UInt8]()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
    defer { buffer.deallocate() }
    while true {
        let count = try source.read(into: buffer)
        if count == 0 { return result }
        result.append(contentsOf: buffer[0..<count])
    }
}

/// Reads a gzip file in full with the given limit and chunk size.
func gunzip(_ path: String, limit: Int64 = 1 << 40, chunk: Int = 64 * 1024) throws -> [UInt8] {
    try readAll(GzipByteSource(path: path, maxDecompressedBytes: limit), chunk: chunk)
}

/// The file's bytes, for tests that damage a valid file.
func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Overwrites `path` with `bytes`.
func writeFile(_ path: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Runs the system `gzip -c` on `input`, writing the compressed result to `output`.
func systemGzip(input: String, output: String, extraArguments: [String] = []) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: FileManager.default.fileExists(atPath: "/bin/gzip") ? "/bin/gzip" : "/usr/bin/gzip")
    process.arguments = ["-c"] + extraArguments + [input]
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    defer { try? handle.close() }
    process.standardOutput = handle
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 {
        throw ByteStreamError(path: input, reason: "gzip exited with status \(process.terminationStatus)")
    }
}
