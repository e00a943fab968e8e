#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a plain file with `read(2)`, in the caller's chunk size: the streaming source behind
/// `openByteSource` (the ingest parses non-empty plain files in place from a `MappedFile`).
public final class FileByteSource: ByteSource {
    /// The file being read.
    public let path: String
    private let descriptor: Int32
    public private(set) var bytesConsumed: Int64 = 0

    /// Opens `path` for reading.
    /// - Throws: `ByteStreamError` naming the file and the system's reason.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 {
                bytesConsumed += Int64(count)
                return count
            }
            if errno == EINTR { continue }
            throw ByteStreamError(path: path, offset: bytesConsumed, reason: String(cString: strerror(errno)))
        }
    }
}
