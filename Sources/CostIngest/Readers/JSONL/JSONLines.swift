import ByteStreams

/// The lines of a JSON Lines file, from a mapped file read in place or a stream (gzip) read through
/// a buffer that never holds more than one line and one read's worth of bytes.
///
/// A line longer than `maxLineBytes` is an error rather than a buffer that grows without bound.
final class JSONLines {
    private let mapping: MappedFile?
    private let source: ByteSource?
    private let maxLineBytes: Int
    /// Mapped: the next unread byte, and where this source's bytes end.
    private var position: Int
    private let end: Int
    /// Streamed: the bytes read and not yet handed out.
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var bufferStart = 0
    private var bufferEnd = 0
    private var streamEnded = false
    /// Bytes before `buffer`'s start, so streamed offsets are file offsets too.
    private var streamedBefore: Int64 = 0

    /// Reads `mapping` from byte `start` on.
    init(mapping: MappedFile, from start: Int, maxLineBytes: Int) {
        self.mapping = mapping
        source = nil
        self.maxLineBytes = maxLineBytes
        position = start
        end = mapping.count
        capacity = 0
        buffer = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 8)
    }

    /// Reads a stream from its start.
    init(source: ByteSource, maxLineBytes: Int) {
        mapping = nil
        self.source = source
        self.maxLineBytes = maxLineBytes
        position = 0
        end = 0
        capacity = 1 << 20
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Offset in the (decompressed) file of the next unread line.
    var offset: Int64 { mapping != nil ? Int64(position) : streamedBefore + Int64(bufferStart) }

    /// Bytes of the underlying file consumed so far.
    var bytesConsumed: Int64 { mapping != nil ? Int64(position) : source?.bytesConsumed ?? 0 }

    enum Failure: Error {
        case tooLong(limit: Int)
    }

    /// The next line without its line break (and a CR before it), or nil at the end.
    /// - Throws: `Failure.tooLong`, or the stream's own error.
    func next() throws -> UnsafeRawBufferPointer? {
        if let mapping {
            guard position < end else { return nil }
            let start = position
            let remaining = end - start
            let lineEnd: Int
            if let found = memchr(mapping.base + start, 0x0A, min(remaining, maxLineBytes + 1)) {
                lineEnd = UnsafeRawPointer(found) - mapping.base
                position = lineEnd + 1
            } else if remaining > maxLineBytes {
                throw Failure.tooLong(limit: maxLineBytes)
            } else {
                lineEnd = end
                position = end
            }
            return Self.trimCR(UnsafeRawBufferPointer(start: mapping.base + start, count: lineEnd - start))
        }
        var searched = bufferStart
        while true {
            if let found = memchr(buffer + searched, 0x0A, bufferEnd - searched) {
                let lineEnd = UnsafeRawPointer(found) - UnsafeRawPointer(buffer)
                let line = UnsafeRawBufferPointer(start: buffer + bufferStart, count: lineEnd - bufferStart)
                bufferStart = lineEnd + 1
                guard line.count <= maxLineBytes else { throw Failure.tooLong(limit: maxLineBytes) }
                return Self.trimCR(line)
            }
            searched = bufferEnd
            guard bufferEnd - bufferStart <= maxLineBytes else { throw Failure.tooLong(limit: maxLineBytes) }
            if streamEnded {
                guard bufferEnd > bufferStart else { return nil }
                let line = UnsafeRawBufferPointer(start: buffer + bufferStart, count: bufferEnd - bufferStart)
                bufferStart = bufferEnd
                return Self.trimCR(line)
            }
            // Bytes already searched stay searched after `fill` moves them to the front.
            let alreadySearched = searched - bufferStart
            try fill()
            searched = bufferStart + alreadySearched
        }
    }

    /// Moves the unread bytes to the front (growing the buffer when one line fills it) and reads more.
    private func fill() throws {
        let kept = bufferEnd - bufferStart
        if bufferStart > 0 {
            buffer.copyMemory(from: buffer + bufferStart, byteCount: kept)
            streamedBefore += Int64(bufferStart)
            bufferEnd = kept
            bufferStart = 0
        }
        if bufferEnd == capacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 8)
            grown.copyMemory(from: buffer, byteCount: bufferEnd)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let read = try source!.read(into: UnsafeMutableRawBufferPointer(start: buffer + bufferEnd, count: capacity - bufferEnd))
        if read == 0 { streamEnded = true }
        bufferEnd += read
    }

    @inline(__always)
    private static func trimCR(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let last = line.last, last == 0x0D else { return line }
        return UnsafeRawBufferPointer(rebasing: line.dropLast())
    }
}

#if canImport(Glibc)
import Glibc
#endif
