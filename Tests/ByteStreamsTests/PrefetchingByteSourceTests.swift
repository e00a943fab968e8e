import Testing
@testable import ByteStreams

/// A source over bytes in memory that hands out at most `step` bytes per read and can fail after
/// `failAfter` bytes, counting what it has read.
private final class ScriptedSource: ByteSource {
    private let bytes: [UInt8]
    private let step: Int
    private let failAfter: Int?
    private var position = 0
    var bytesConsumed: Int64 { Int64(position) }

    init(_ bytes: [UInt8], step: Int, failAfter: Int? = nil) {
        self.bytes = bytes
        self.step = step
        self.failAfter = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failAfter, position >= failAfter { throw ByteStreamError(path: "scripted", offset: Int64(position), reason: "broken") }
        var count = min(buffer.count, step, bytes.count - position)
        if let failAfter { count = min(count, failAfter - position) }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + position, byteCount: count) }
        position += count
        return count
    }
}

/// Everything `source` yields, read `step` bytes at a time, and the error it ends with.
private func drain(_ source: ByteSource, step: Int) -> (bytes: [UInt8], error: ByteStreamError?) {
    var result: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: step)
    do {
        while true {
            let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if count == 0 { return (result, nil) }
            result += buffer[..<count]
        }
    } catch {
        return (result, error as? ByteStreamError)
    }
}

@Suite("Prefetching byte source")
struct PrefetchingByteSourceTests {
    let data = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }

    @Test("hands out the same bytes in the same order, whatever the buffer and read sizes")
    func sameBytes() {
        for (chunk, step, readStep) in [(1 << 20, 4_096, 65_536), (1_000, 333, 7), (64, 1, 1_000), (4_096, 100_000, 4_096)] {
            let prefetched = PrefetchingByteSource(ScriptedSource(data, step: step), chunkSize: chunk, depth: 2)
            let (bytes, error) = drain(prefetched, step: readStep)
            #expect(error == nil)
            #expect(bytes == data, "chunk \(chunk), source step \(step), read step \(readStep)")
            #expect(prefetched.bytesConsumed == Int64(data.count))
        }
    }

    @Test("a failing source: every byte before the failure first, then its error")
    func failureAfterData() {
        for failAfter in [0, 1, 4_095, 4_096, 150_001] {
            let prefetched = PrefetchingByteSource(ScriptedSource(data, step: 1_000, failAfter: failAfter), chunkSize: 4_096)
            let (bytes, error) = drain(prefetched, step: 777)
            #expect(bytes == Array(data[..<failAfter]))
            #expect(error?.reason == "broken")
        }
    }

    @Test("a reader that stops early lets the producer go (no hang, no crash)")
    func stopEarly() {
        for _ in 0..<50 {
            let prefetched = PrefetchingByteSource(ScriptedSource(data, step: 512), chunkSize: 1_024, depth: 1)
            var buffer = [UInt8](repeating: 0, count: 100)
            let count = try? buffer.withUnsafeMutableBytes { try prefetched.read(into: $0) }
            #expect(count == 100)
            #expect(Array(buffer) == Array(data[..<100]))
        }
    }
}
