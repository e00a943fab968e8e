#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ByteStreams

/// Where a finished chunk of output bytes goes: a gzip file or a plain file.
protocol ByteSink: AnyObject {
    /// Appends `bytes` to the file.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes and closes the file.
    func close() throws
}

extension GzipWriter: ByteSink {}

/// A plain (uncompressed) output file written with `write(2)`, for `--no-gzip`.
final class PlainFileSink: ByteSink {
    private let path: String
    private let descriptor: Int32
    private var isClosed = false

    /// Creates or truncates `path`.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = fd
    }

    deinit {
        if !isClosed { _ = systemClose(descriptor) }
    }

    /// Writes all of `bytes`, retrying short and interrupted writes.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Closes the descriptor.
    func close() throws {
        isClosed = true
        if systemClose(descriptor) != 0 {
            throw ByteStreamError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Opens the output for one data file: gzip-compressed (on a background thread) unless `gzip` is false.
func openSink(path: String, gzip: Bool) throws -> ByteSink {
    gzip ? BackgroundSink(target: try GzipWriter(path: path, level: 6)) : try PlainFileSink(path: path)
}

// The C functions are reached through these wrappers because the sink's own `write` and
// `close` methods shadow them inside the class.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}
