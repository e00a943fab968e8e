import Foundation

/// Reads another `ByteSource` ahead on its own thread, a few buffers deep, so producing the bytes
/// (inflating gzip) and consuming them (parsing CSV) run at the same time on two cores.
///
/// Bytes arrive in order and nothing is skipped: when the source fails, the bytes it produced
/// before failing are handed out first, then the same error is thrown. When this object goes away
/// (the reader stopped early), the thread stops after its current read. Buffers go back and forth
/// between the threads rather than being allocated per read.
public final class PrefetchingByteSource: ByteSource {
    private let pipe: Pipe
    private var current: Pipe.Chunk?
    private var position = 0
    /// Bytes of the underlying file behind the data handed out so far (for progress display).
    public private(set) var bytesConsumed: Int64 = 0

    /// Starts reading `source` ahead.
    /// - Parameters:
    ///   - chunkSize: bytes per buffer.
    ///   - depth: how many filled buffers may wait for the reader.
    public init(_ source: ByteSource, chunkSize: Int = 1 << 20, depth: Int = 4) {
        pipe = Pipe(depth: depth, chunkSize: chunkSize)
        let producer = Producer(source: source, pipe: pipe)
        let thread = Thread { producer.pipe.produce(from: producer.source) }
        thread.name = "costtop.prefetch"
        thread.start()
    }

    deinit {
        if let current { pipe.recycle(current) }
        pipe.cancel()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let target = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while current == nil || position == current!.count {
            if let done = current {
                current = nil
                pipe.recycle(done)
            }
            guard let next = try pipe.next() else { return 0 }
            current = next
            position = 0
            bytesConsumed = next.sourceOffset
        }
        let chunk = current!
        let count = min(buffer.count, chunk.count - position)
        target.copyMemory(from: chunk.storage + position, byteCount: count)
        position += count
        return count
    }

    /// The source handed to the producer thread, which alone uses it from then on.
    private struct Producer: @unchecked Sendable {
        let source: ByteSource
        let pipe: Pipe
    }

    /// The buffers between the two threads.
    private final class Pipe: @unchecked Sendable {
        struct Chunk {
            let storage: UnsafeMutableRawPointer
            var count: Int
            /// The source's `bytesConsumed` once this chunk was read.
            var sourceOffset: Int64
        }

        private let condition = NSCondition()
        private var ready: [Chunk] = []
        private var spare: [UnsafeMutableRawPointer] = []
        private var allocated: [UnsafeMutableRawPointer] = []
        private var finished = false
        private var failure: Error?
        private var cancelled = false
        private let depth: Int
        private let chunkSize: Int

        init(depth: Int, chunkSize: Int) {
            self.depth = max(1, depth)
            self.chunkSize = max(1, chunkSize)
        }

        deinit { for storage in allocated { storage.deallocate() } }

        /// The producer: fills buffers until the source ends, fails, or the reader goes away.
        func produce(from source: ByteSource) {
            while true {
                guard let storage = takeSpare() else { return }
                var filled = 0
                var readError: Error?
                do {
                    while filled < chunkSize {
                        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + filled,
                                                                                         count: chunkSize - filled))
                        if count == 0 { break }
                        filled += count
                    }
                } catch {
                    readError = error
                }
                condition.lock()
                if cancelled {
                    condition.unlock()
                    return
                }
                if filled > 0 {
                    ready.append(Chunk(storage: storage, count: filled, sourceOffset: source.bytesConsumed))
                } else {
                    spare.append(storage)
                }
                let done = readError != nil || filled < chunkSize
                if done {
                    failure = readError
                    finished = true
                }
                condition.broadcast()
                condition.unlock()
                if done { return }
            }
        }

        /// A buffer to fill: a spare one, a new one while fewer than `depth + 1` exist, or one the
        /// reader gives back; nil when the reader went away.
        private func takeSpare() -> UnsafeMutableRawPointer? {
            condition.lock()
            defer { condition.unlock() }
            while spare.isEmpty && allocated.count > depth && !cancelled { condition.wait() }
            if cancelled { return nil }
            if let storage = spare.popLast() { return storage }
            let storage = UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 16)
            allocated.append(storage)
            return storage
        }

        /// The reader: the next buffer, nil at the end, or the source's error once every byte before it was read.
        func next() throws -> Chunk? {
            condition.lock()
            defer { condition.unlock() }
            while ready.isEmpty && !finished { condition.wait() }
            if !ready.isEmpty { return ready.removeFirst() }
            if let failure { throw failure }
            return nil
        }

        /// The reader is done with a buffer.
        func recycle(_ chunk: Chunk) {
            condition.lock()
            spare.append(chunk.storage)
            condition.broadcast()
            condition.unlock()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            condition.broadcast()
            condition.unlock()
        }
    }
}
