/// A stream of bytes read in chunks: a plain file, or a decompressed gzip file.
///
/// Readers pull into a buffer they own, so a multi-gigabyte export never has to fit in memory.
public protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes and returns how many were written; returns 0 only at the end.
    /// - Throws: `ByteStreamError` when the underlying file cannot be read or is corrupt.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int

    /// Bytes of the underlying file consumed so far (compressed bytes for gzip), for progress display.
    var bytesConsumed: Int64 { get }
}

/// An I/O or format failure while streaming a file, naming the file and the byte offset.
public struct ByteStreamError: Error, CustomStringConvertible, Equatable {
    /// The file being read.
    public var path: String
    /// Offset in the underlying (compressed) file where the problem was found, when known.
    public var offset: Int64?
    /// What went wrong, in words a user can act on.
    public var reason: String

    public init(path: String, offset: Int64? = nil, reason: String) {
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        if let offset { return "\(path): byte \(offset): \(reason)" }
        return "\(path): \(reason)"
    }
}

/// Opens a file as a `ByteSource`, decompressing it when its name ends in `.gz`.
/// - Parameters:
///   - path: the file to read.
///   - maxDecompressedBytes: a limit that turns a decompression bomb into an error.
public func openByteSource(path: String, maxDecompressedBytes: Int64 = 1 << 40) throws -> ByteSource {
    if path.hasSuffix(".gz") {
        return try GzipByteSource(path: path, maxDecompressedBytes: maxDecompressedBytes)
    }
    return try FileByteSource(path: path)
}
