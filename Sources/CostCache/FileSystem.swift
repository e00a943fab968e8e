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
    /// Writes all of `bytes` to `descriptor` at byte `offset` (the cache writer lays its columns out
    /// before their rows arrive, so it writes each chunk of a column at its place).
    func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws
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
    /// Opens (creating it) the lock file at `path` and takes an exclusive advisory lock (`flock`)
    /// on it, waiting for it when `wait` is true. Returns the descriptor that holds the lock (the
    /// lock goes with it on `close`, or when the process dies), or nil when `wait` is false and
    /// another process holds it.
    func lockExclusive(_ path: String, wait: Bool) throws -> Int32?
    /// Replaces the contents of an open file with `text` (the lock holder's pid).
    func overwrite(_ descriptor: Int32, with text: String, path: String) throws
    /// A small file's contents, or nil when it cannot be read.
    func readSmallFile(_ path: String) -> String?
    /// The names in a directory (empty when it cannot be listed).
    func directoryEntries(_ path: String) -> [String]
    /// Whether a process with this id is running.
    func processExists(_ pid: Int32) -> Bool
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

    public func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write", path)
            }
            done += written
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
        guard !path.isEmpty else { throw CacheError.io(path: "\"\"", reason: "an empty path names no cache file") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw CacheError.missing(path: path) }
            throw failure("cannot open", path)
        }
        defer { _ = Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot stat", path) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw CacheError.io(path: path, reason: "not a cache file (a folder or a device); --cache names the cache file itself")
        }
        let length = Int(info.st_size)
        guard length > 0 else { return (nil, 0) }
        // No MAP_POPULATE: cache format 2 reads on open only the small blocks and then what each
        // query reads, so pages are mapped as they are touched. (Format 1 read every byte on open,
        // and populating the whole mapping at once was cheaper there; at 6 GB it took seconds.)
        let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let base, base != MAP_FAILED else { throw failure("cannot map", path) }
        return (UnsafeRawPointer(base), length)
    }

    public func unmap(_ base: UnsafeRawPointer?, _ length: Int) {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    public func lockExclusive(_ path: String, wait: Bool) throws -> Int32? {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("cannot open lock file", path) }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            if errno == EINTR { continue }
            let busy = errno == EWOULDBLOCK
            let error = failure("cannot lock", path)
            _ = Glibc.close(fd)
            if busy && !wait { return nil }
            throw error
        }
        return fd
    }

    public func overwrite(_ descriptor: Int32, with text: String, path: String) throws {
        guard ftruncate(descriptor, 0) == 0 else { throw failure("cannot truncate", path) }
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write", path)
                }
                offset += written
            }
        }
    }

    public func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = Glibc.close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    public func directoryEntries(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public func processExists(_ pid: Int32) -> Bool {
        // Signal 0 checks only; EPERM means it exists under another user.
        kill(pid, 0) == 0 || errno == EPERM
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
