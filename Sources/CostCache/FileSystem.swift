#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every system call the cache makes, behind one funnel so tests can inject faults
/// (a failed write, a full disk, a crash before rename) and check that the old cache survives.
public protocol FileSystem: Sendable {
    /// Creates (exclusively) and opens a file for writing; returns its descriptor.
    func createExclusive(_ path: String) throws -> Int32
    /// Writes all of `bytes` to `descriptor`.
    func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws
    /// Flushes a file's data to stable storage.
    func sync(_ descriptor: Int32, path: String) throws
    /// Closes a descriptor.
    func close(_ descriptor: Int32)
    /// Atomically replaces `to` with `from`.
    func rename(_ from: String, _ to: String) throws
    /// Flushes a directory entry change (the rename) to stable storage.
    func syncDirectory(_ path: String) throws
    /// Removes a file, ignoring failure (used to clean up temporary files).
    func removeIfPresent(_ path: String)
    /// Maps a whole file read-only; returns the base address and length.
    func mapReadOnly(_ path: String) throws -> (UnsafeRawPointer?, Int)
    /// Unmaps a mapping made by `mapReadOnly`.
    func unmap(_ base: UnsafeRawPointer?, _ length: Int)
    /// Creates a directory and its parents when missing.
    func makeDirectories(_ path: String) throws
}

/// The real POSIX file system.
public struct PosixFileSystem: FileSystem {
    public init() {}

    private func failure(_ action: String, _ path: String) -> CacheError {
        .io(path: path, reason: "\(action): \(String(cString: strerror(errno)))")
    }

    public func createExclusive(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot create", path) }
        return fd
    }

    public func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path)
            }
            offset += written
        }
    }

    public func sync(_ descriptor: Int32, path: String) throws {
        guard fsync(descriptor) == 0 else { throw failure("cannot fsync", path) }
    }

    public func close(_ descriptor: Int32) { _ = Glibc.close(descriptor) }

    public func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw failure("cannot rename \(from) to", to) }
    }

    public func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open directory", path) }
        defer { _ = Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot fsync directory", path) }
    }

    public func removeIfPresent(_ path: String) { _ = unlink(path) }

    public func mapReadOnly(_ path: String) throws -> (UnsafeRawPointer?, Int) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw CacheError.missing(path: path) }
            throw failure("cannot open", path)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot stat", path) }
        let length = Int(info.st_size)
        guard length > 0 else { return (nil, 0) }
        // MAP_POPULATE maps every page in one go: opening checks every byte (checksums), and taking
        // the pages one fault at a time cost more than the checks themselves.
        let base = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
        guard let base, base != MAP_FAILED else { throw failure("cannot map", path) }
        return (UnsafeRawPointer(base), length)
    }

    public func unmap(_ base: UnsafeRawPointer?, _ length: Int) {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    public func makeDirectories(_ path: String) throws {
        guard !path.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw failure("cannot create directory", current)
            }
        }
    }
}
