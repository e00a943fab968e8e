#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Streams the decompressed contents of a gzip file, one caller-sized chunk at a time.
///
/// The compressed file is read in fixed 256 KiB chunks and inflated straight into the caller's
/// buffer, so memory use does not depend on the file's size and no call allocates. Files made of
/// several concatenated gzip members (as `cat a.gz b.gz` or parallel compressors produce) read back
/// as the concatenation of the members. Every member's CRC-32 and length trailer is checked by
/// zlib; a damaged, truncated or padded file, or one that inflates past `maxDecompressedBytes`,
/// throws `ByteStreamError` naming the compressed byte offset.
public final class GzipByteSource: ByteSource {
    /// The file being read.
    public let path: String
    /// Compressed bytes read from the file so far.
    public private(set) var bytesConsumed: Int64 = 0

    /// Where the decoder is between members; drives the end-of-file and trailing-data decisions.
    private enum Phase {
        /// Before a member's first byte: the end of the file is legal here (except before the first member).
        case betweenMembers
        /// Inside a member: the end of the file here means it was truncated.
        case inMember
        /// The last member ended and the file ended: every further read returns 0.
        case finished
    }

    private static let chunkSize = 256 * 1024

    private let descriptor: Int32
    private let maxDecompressedBytes: Int64
    // zlib keeps a back-pointer to its z_stream and refuses calls made through a moved copy,
    // so the stream lives at a fixed heap address for the object's lifetime.
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private var phase = Phase.betweenMembers
    private var membersCompleted = 0
    private var atEndOfFile = false
    private var decompressedBytes: Int64 = 0
    // A failure is sticky: once the stream is known to be bad, later reads report it again
    // instead of returning plausible-looking data.
    private var failure: ByteStreamError?

    /// Opens `path` for streaming decompression.
    /// - Parameters:
    ///   - path: the gzip file to read.
    ///   - maxDecompressedBytes: reading more than this many decompressed bytes throws, which
    ///     turns a decompression bomb into an error instead of an endless read.
    /// - Throws: `ByteStreamError` when the file cannot be opened or zlib cannot be initialised.
    public init(path: String, maxDecompressedBytes: Int64) throws {
        self.path = path
        self.maxDecompressedBytes = max(0, maxDecompressedBytes)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
        }
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + MAX_WBITS: accept the gzip wrapper only (no raw zlib streams) and have zlib verify
        // each member's CRC-32 and ISIZE trailer.
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            close(fd)
            throw ByteStreamError(path: path, reason: "zlib initialisation failed (code \(status))")
        }
        descriptor = fd
        input = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.chunkSize)
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        close(descriptor)
    }

    /// Offset in the compressed file of the next byte zlib has not yet consumed.
    private var compressedOffset: Int64 {
        bytesConsumed - Int64(stream.pointee.avail_in)
    }

    /// Fills up to `buffer.count` decompressed bytes; returns 0 only after the last member ended cleanly.
    /// - Throws: `ByteStreamError` for an unreadable, corrupt, truncated or oversized stream.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let failure { throw failure }
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        do {
            return try inflate(into: base.assumingMemoryBound(to: UInt8.self), capacity: buffer.count)
        } catch let error as ByteStreamError {
            failure = error
            throw error
        }
    }

    /// The decoding loop: refills input, starts members and inflates until the output is full
    /// or the file has ended.
    private func inflate(into output: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        var produced = 0
        while produced < capacity {
            if phase == .finished { return produced }
            if stream.pointee.avail_in == 0 && !atEndOfFile {
                try refill()
            }
            if stream.pointee.avail_in == 0 && atEndOfFile {
                try handleEndOfFile()
                continue
            }
            if phase == .betweenMembers {
                try startMember()
            }
            produced += try inflateStep(into: output + produced, capacity: capacity - produced)
        }
        return produced
    }

    /// Decides what the end of the compressed file means in the current phase.
    private func handleEndOfFile() throws {
        switch phase {
        case .betweenMembers:
            if membersCompleted == 0 {
                // Only reachable for a 0-byte file: any other first byte starts (or rejects) a member.
                throw ByteStreamError(path: path, offset: 0, reason: "empty gzip file")
            }
            phase = .finished
        case .inMember:
            throw ByteStreamError(
                path: path, offset: bytesConsumed,
                reason: "truncated gzip file: unexpected end of file inside a gzip member")
        case .finished:
            break
        }
    }

    /// Checks that the next input byte can begin a gzip member and resets zlib for it.
    private func startMember() throws {
        // zlib itself would report "incorrect header check"; checking the first magic byte here
        // gives a clearer message, which matters for the common case of zero padding after a member.
        if stream.pointee.next_in.pointee != 0x1f {
            throw notAMemberError()
        }
        if membersCompleted > 0 {
            let status = inflateReset(stream)
            guard status == Z_OK else {
                throw ByteStreamError(path: path, offset: compressedOffset, reason: "zlib reset failed (code \(status))")
            }
        }
        phase = .inMember
    }

    /// The error for bytes that should start a member but do not.
    private func notAMemberError() -> ByteStreamError {
        if membersCompleted == 0 {
            return ByteStreamError(path: path, offset: compressedOffset, reason: "not a gzip file (bad magic number)")
        }
        return ByteStreamError(path: path, offset: compressedOffset, reason: "trailing garbage after gzip member")
    }

    /// One call to zlib's inflate; returns the number of bytes it wrote.
    private func inflateStep(into output: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        // Never let zlib write more than one byte past the limit: that byte proves the limit was
        // exceeded while bounding the work a decompression bomb can cause.
        let allowed = maxDecompressedBytes - decompressedBytes + 1
        let room = min(Int64(capacity), allowed, Int64(UInt32.max))
        stream.pointee.next_out = output
        stream.pointee.avail_out = UInt32(room)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let written = Int(room) - Int(stream.pointee.avail_out)
        decompressedBytes += Int64(written)
        if decompressedBytes > maxDecompressedBytes {
            throw ByteStreamError(
                path: path, offset: compressedOffset,
                reason: "decompressed size exceeds the limit of \(maxDecompressedBytes) bytes")
        }
        switch status {
        case Z_OK, Z_BUF_ERROR:
            // Z_BUF_ERROR only means "no progress possible": the input ran dry and the loop refills it.
            // With input and room left, no progress would mean an endless loop, so treat it as corruption.
            if written == 0 && stream.pointee.avail_in > 0 && status == Z_BUF_ERROR {
                throw ByteStreamError(path: path, offset: compressedOffset, reason: "corrupt gzip data: decoder made no progress")
            }
        case Z_STREAM_END:
            // zlib returns Z_STREAM_END only after the CRC-32 and ISIZE trailer matched.
            membersCompleted += 1
            phase = .betweenMembers
        case Z_DATA_ERROR:
            throw dataError()
        case Z_MEM_ERROR:
            throw ByteStreamError(path: path, offset: compressedOffset, reason: "out of memory while decompressing")
        default:
            throw ByteStreamError(path: path, offset: compressedOffset, reason: "corrupt gzip data (zlib code \(status))")
        }
        return written
    }

    /// Turns zlib's Z_DATA_ERROR message into a reason a user can act on.
    private func dataError() -> ByteStreamError {
        let message = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
        // A bad second magic byte shows up as a header error after at most two bytes of the member.
        if message == "incorrect header check" && stream.pointee.total_in <= 2 {
            return notAMemberError()
        }
        let reason: String
        switch message {
        case "incorrect data check":
            reason = "corrupt gzip member: CRC-32 check failed (incorrect data check)"
        case "incorrect length check":
            reason = "corrupt gzip member: length check failed (ISIZE does not match the data)"
        default:
            reason = "corrupt gzip data: \(message)"
        }
        return ByteStreamError(path: path, offset: compressedOffset, reason: reason)
    }

    /// Reads the next chunk of the compressed file into the input buffer.
    private func refill() throws {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, input, Self.chunkSize)
            #else
            let count = Darwin.read(descriptor, input, Self.chunkSize)
            #endif
            if count > 0 {
                bytesConsumed += Int64(count)
                stream.pointee.next_in = input
                stream.pointee.avail_in = UInt32(count)
                return
            }
            if count == 0 {
                atEndOfFile = true
                return
            }
            if errno == EINTR { continue }
            throw ByteStreamError(path: path, offset: bytesConsumed, reason: String(cString: strerror(errno)))
        }
    }
}
