#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a plain file, or a byte range of it, with `pread(2)`, in the caller's chunk size.
///
/// A range lets two threads parse two halves of one large export at the same time.
public final class FileByteSource: ByteSource {
    /// The file being read.
    public let path: String
    private let descriptor: Int32
    private let start: Int64
    private let end: Int64?
    public private(set) var bytesConsumed: Int64 = 0

    /// Opens `path` for reading, from byte `range.lowerBound` up to `range.upperBound` (nil: to the end).
    /// - Throws: `ByteStreamError` naming the file and the system's reason.
    public init(path: String, from start: Int64 = 0, to end: Int64? = nil) throws {
        self.path = path
        self.start = start
        self.end = end
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var wanted = buffer.count
        if let end {
            let left = end - start - bytesConsumed
            if left <= 0 { return 0 }
            wanted = Int(min(Int64(wanted), left))
        }
        while true {
            let count = pread(descriptor, base, wanted, off_t(start + bytesConsumed))
            if count >= 0 {
                bytesConsumed += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw ByteStreamError(path: path, offset: bytesConsumed, reason: String(cString: strerror(errno)))
        }
    }
}
