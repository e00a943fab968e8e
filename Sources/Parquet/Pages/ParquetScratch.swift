import CZstd

/// Buffers a reader reuses from page to page and row group to row group: the bytes a page
/// decompresses into and a zstd decompression context.
///
/// Fresh ones per column chunk cost a zeroed allocation per chunk and a zstd context (about 100 KiB
/// of tables) per page. A scratch belongs to one thread at a time: pass the same one to successive
/// `ParquetFile.readRowGroup` calls of one reader, never to two calls running at once.
public final class ParquetScratch {
    /// The decompressed page; grown as pages need, never shrunk.
    var bytes: [UInt8] = []
    /// Created on the first zstd page.
    private var zstdContext: OpaquePointer?

    /// An empty scratch; buffers are allocated on first use.
    public init() {}

    /// The zstd decompression context, created once.
    func zstd() throws -> OpaquePointer {
        if let zstdContext { return zstdContext }
        guard let context = ZSTD_createDCtx() else { throw DecodeFailure.data("zstd could not start") }
        zstdContext = context
        return context
    }

    deinit {
        if let zstdContext { ZSTD_freeDCtx(zstdContext) }
    }
}
