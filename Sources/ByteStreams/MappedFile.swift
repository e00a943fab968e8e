#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory, so a parser can read it in place (no copy from the
/// page cache). `release(from:to:)` drops pages already parsed, which keeps the resident size small
/// while a multi-gigabyte export streams through.
public final class MappedFile: @unchecked Sendable {
    /// The file.
    public let path: String
    /// The first byte of the mapping.
    public let base: UnsafeRawPointer
    /// The file's size in bytes (never 0: empty files are not mapped).
    public let count: Int

    /// Maps `path`.
    /// - Throws: `ByteStreamError` when the file cannot be opened or mapped, or is empty.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ByteStreamError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ByteStreamError(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_size > 0 else { throw ByteStreamError(path: path, reason: "empty file") }
        count = Int(info.st_size)
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw ByteStreamError(path: path, reason: "cannot map: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(address)
        _ = madvise(address, count, MADV_WILLNEED)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }

    /// Lets the kernel drop the pages of `[from, to)` (offsets, rounded inward to whole pages): they
    /// have been parsed and will not be read again.
    public func release(from: Int, to: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (from + page - 1) / page * page
        let end = min(to, count) / page * page
        if end > start { _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED) }
    }
}
