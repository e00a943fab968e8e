#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Writes a gzip file through zlib's deflate, buffering compressed output before each `write(2)`.
///
/// Call `finishMember()` to end the current gzip member so that later writes start a new one
/// (producing a multi-member file), and `close()` to finish the file. A writer dropped without
/// `close()` releases its resources but leaves an incomplete file behind.
public final class GzipWriter {
    /// The file being written.
    public let path: String
    /// Compressed bytes handed to the file so far.
    public private(set) var bytesWritten: Int64 = 0

    private static let outputSize = 256 * 1024
    // Caller buffers can exceed zlib's 32-bit counters; feed them in slices of this size.
    private static let maxSlice = 1 << 30

    private var descriptor: Int32
    // zlib keeps a back-pointer to its z_stream, so the stream lives at a fixed heap address.
    private let stream: UnsafeMutablePointer<z_stream>
    private let output: UnsafeMutablePointer<UInt8>
    private var pending = 0
    // True once bytes (even zero of them) were written to the member that deflate is building.
    private var memberHasInput = false
    private var membersFinished = 0
    private var closed = false

    /// Creates (or truncates) `path` for writing gzip data.
    /// - Parameters:
    ///   - path: the file to write.
    ///   - level: zlib compression level, 0 (store) to 9 (smallest); 6 is gzip's default.
    /// - Throws: `ByteStreamError` when the file cannot be created or zlib cannot be initialised.
    public init(path: String, level: Int32 = 6) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
        }
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + MAX_WBITS asks zlib for the gzip wrapper (header, CRC-32 and ISIZE trailer).
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            _ = closeDescriptor(fd)
            throw ByteStreamError(path: path, reason: "zlib initialisation failed (code \(status))")
        }
        descriptor = fd
        output = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.outputSize)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
        if !closed { _ = closeDescriptor(descriptor) }
    }

    /// Compresses `bytes` into the current member.
    /// - Throws: `ByteStreamError` when the file cannot be written or the writer is closed.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        try ensureOpen()
        memberHasInput = true
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let slice = min(remaining, Self.maxSlice)
            // deflate never writes through next_in; the C prototype just lacks const.
            stream.pointee.next_in = UnsafeMutablePointer(mutating: next.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = UInt32(slice)
            while stream.pointee.avail_in > 0 {
                try deflateStep(flush: Z_NO_FLUSH)
            }
            next += slice
            remaining -= slice
        }
    }

    /// Compresses the UTF-8 bytes of `string` into the current member.
    /// - Throws: `ByteStreamError` when the file cannot be written or the writer is closed.
    public func write(_ string: String) throws {
        var copy = string
        try copy.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Ends the current gzip member (writing its CRC-32 and length trailer); later writes start a new member.
    /// - Throws: `ByteStreamError` when the file cannot be written or the writer is closed.
    public func finishMember() throws {
        try ensureOpen()
        try finishCurrentMember()
    }

    /// Finishes the last member, flushes everything to the file and closes it.
    ///
    /// A file to which nothing was ever written still gets one empty member, so it is valid gzip.
    /// - Throws: `ByteStreamError` when the data cannot be written or the descriptor fails to close.
    public func close() throws {
        try ensureOpen()
        if memberHasInput || membersFinished == 0 {
            try finishCurrentMember()
        }
        try flushOutput()
        closed = true
        let status = closeDescriptor(descriptor)
        if status != 0 {
            throw ByteStreamError(path: path, offset: bytesWritten, reason: String(cString: strerror(errno)))
        }
    }

    private func ensureOpen() throws {
        if closed {
            throw ByteStreamError(path: path, offset: bytesWritten, reason: "write to a closed gzip writer")
        }
    }

    /// Drives deflate with Z_FINISH until the trailer is out, then resets it for the next member.
    private func finishCurrentMember() throws {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try deflateStep(flush: Z_FINISH) != Z_STREAM_END {}
        let status = deflateReset(stream)
        guard status == Z_OK else {
            throw ByteStreamError(path: path, offset: bytesWritten, reason: "zlib reset failed (code \(status))")
        }
        memberHasInput = false
        membersFinished += 1
    }

    /// One deflate call into the free part of the output buffer, flushing the buffer when it is full.
    @discardableResult
    private func deflateStep(flush: Int32) throws -> Int32 {
        if pending == Self.outputSize { try flushOutput() }
        let room = Self.outputSize - pending
        stream.pointee.next_out = output + pending
        stream.pointee.avail_out = UInt32(room)
        let status = deflate(stream, flush)
        pending += room - Int(stream.pointee.avail_out)
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:
            // Z_BUF_ERROR just means this call had nothing to do; the caller's loop condition ends it.
            return status
        default:
            throw ByteStreamError(path: path, offset: bytesWritten, reason: "zlib deflate failed (code \(status))")
        }
    }

    /// Writes the buffered compressed bytes to the file, retrying short writes.
    private func flushOutput() throws {
        var start = 0
        while start < pending {
            #if canImport(Glibc)
            let count = Glibc.write(descriptor, output + start, pending - start)
            #else
            let count = Darwin.write(descriptor, output + start, pending - start)
            #endif
            if count < 0 {
                if errno == EINTR { continue }
                throw ByteStreamError(path: path, offset: bytesWritten, reason: String(cString: strerror(errno)))
            }
            start += count
            bytesWritten += Int64(count)
        }
        pending = 0
    }
}

/// `close(2)`, reachable from inside `GzipWriter` whose own `close()` method shadows the C function.
private func closeDescriptor(_ fd: Int32) -> Int32 {
    close(fd)
}
