/// Upper bounds on sizes read from a file, checked before anything is allocated from them.
///
/// Counts in a Parquet file can legitimately describe far more values than the bytes holding them
/// (a run of a million nulls takes a few bytes), so "fits in the file" alone does not bound memory;
/// these limits do. The defaults are far above what real writers produce (pages of about 1 MiB,
/// row groups of about a million rows); the fuzzer runs with smaller ones.
public struct ParquetLimits: Sendable {
    /// Largest decompressed page, in bytes.
    public var maxPageBytes: Int
    /// Most level entries (values and nulls) in one column chunk.
    public var maxEntriesPerColumnChunk: Int
    /// Most bytes of byte-array values and decompressed pages in one column chunk.
    public var maxColumnChunkBytes: Int
    /// Largest footer (Thrift file metadata), in bytes. Decoded metadata takes up to a few hundred
    /// times the bytes of a hostile footer (an empty struct is one byte), so this bounds it too;
    /// real footers of multi-gigabyte bills are a few MiB.
    public var maxFooterBytes: Int
    /// Deepest nesting of Thrift structures and of the schema tree.
    public var maxNestingDepth: Int

    /// Creates limits; the defaults suit real bills.
    public init(maxPageBytes: Int = 1 << 30, maxEntriesPerColumnChunk: Int = 1 << 27,
                maxColumnChunkBytes: Int = 1 << 32, maxFooterBytes: Int = 1 << 26, maxNestingDepth: Int = 64) {
        self.maxPageBytes = maxPageBytes
        self.maxEntriesPerColumnChunk = maxEntriesPerColumnChunk
        self.maxColumnChunkBytes = maxColumnChunkBytes
        self.maxFooterBytes = maxFooterBytes
        self.maxNestingDepth = maxNestingDepth
    }
}
