import Foundation

/// A `ByteSink` that hands chunks to another sink on a dedicated thread.
///
/// zlib's level-6 deflate is several times slower than formatting rows, so compressing the CUR
/// and the FOCUS file on their own threads lets a two-core machine overlap the work. The bytes,
/// and their order, are exactly what a direct write would produce, so output stays deterministic.
final class BackgroundSink: ByteSink, @unchecked Sendable {
    // Unchecked Sendable: every mutable member below is only touched with `condition` locked,
    // and `target` only from the worker thread until `close()` has joined it.
    private let target: ByteSink
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var closing = false
    private var workerDone = false
    private var failure: Error?
    /// Chunks allowed to wait; bounds memory at a few MiB per file.
    private static let queueLimit = 4

    /// Starts the worker thread that writes to `target`.
    init(target: ByteSink) {
        self.target = target
        let thread = Thread { [self] in drain() }
        thread.name = "costtop-samplegen compressor"
        thread.start()
    }

    /// Copies `bytes` into the queue, waiting while the queue is full.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        let chunk = [UInt8](bytes)
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= BackgroundSink.queueLimit && failure == nil {
            condition.wait()
        }
        if let failure { throw failure }
        queue.append(chunk)
        condition.broadcast()
    }

    /// Waits for the worker to write everything, then closes the target.
    func close() throws {
        condition.lock()
        closing = true
        condition.broadcast()
        while !workerDone {
            condition.wait()
        }
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
        try target.close()
    }

    /// The worker: writes queued chunks in order until closed, or until a write fails.
    private func drain() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing {
                condition.wait()
            }
            if queue.isEmpty {
                workerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try chunk.withUnsafeBytes { try target.write($0) }
            } catch {
                condition.lock()
                failure = error
                workerDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
