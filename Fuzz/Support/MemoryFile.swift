import Glibc

/// Bytes in a file on `/dev/shm` (memory, not disk), for code that opens or maps files by path;
/// removed on deinit. One per process at a time: the name is the process id.
/// (`memfd_create` would need no name, but Glibc's Swift module does not export it.)
final class MemoryFile {
    let path: String

    init(_ bytes: UnsafeRawBufferPointer) {
        path = "/dev/shm/costtop-fuzz-\(getpid())"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(descriptor >= 0, "cannot create \(path)")
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            precondition(count > 0, "cannot write \(path)")
            written += count
        }
    }

    deinit { unlink(path) }
}
