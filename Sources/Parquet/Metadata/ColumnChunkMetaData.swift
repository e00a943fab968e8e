/// Where one column's data sits in one row group, and how it is stored (`ColumnChunk` + `ColumnMetaData`).
public struct ColumnChunkMetaData: Sendable {
    /// The physical type the writer recorded for the chunk.
    public var physicalType: Int32 = -1
    /// The encodings' Thrift values used by the chunk's pages, as the writer listed them.
    public var encodings: [Int32] = []
    /// Path of the leaf column in the schema.
    public var pathInSchema: [String] = []
    /// The codec's Thrift value (see `CompressionCodec`).
    public var codec: Int32 = 0
    /// Level entries (values and nulls) in the chunk.
    public var numValues: Int64 = 0
    /// Bytes of the chunk before decompression.
    public var totalUncompressedSize: Int64 = 0
    /// Bytes of the chunk in the file.
    public var totalCompressedSize: Int64 = 0
    /// File offset of the first data page.
    public var dataPageOffset: Int64 = 0
    /// File offset of the dictionary page, when the writer recorded one.
    public var dictionaryPageOffset: Int64?
    /// Another file holding the chunk (never supported; bills are single files).
    public var filePath: String?
    /// Whether the chunk is encrypted (never supported).
    public var isEncrypted = false
    /// The writer's statistics for the chunk.
    public var statistics: Statistics?
    /// Whether `ColumnMetaData` was present at all.
    var hasMetaData = false

    /// Decodes a `ColumnChunk`, flattening its `ColumnMetaData`.
    static func decode(_ reader: inout CompactReader) throws -> ColumnChunkMetaData {
        var chunk = ColumnChunkMetaData()
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .binary): chunk.filePath = try reader.readString()
            case (3, .structure): try chunk.decodeMetaData(&reader)
            case (8, .structure), (9, .binary):
                chunk.isEncrypted = true
                try reader.skip(type)
            default: try reader.skip(type)
            }
        }
        return chunk
    }

    private mutating func decodeMetaData(_ reader: inout CompactReader) throws {
        hasMetaData = true
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .i32): physicalType = try reader.readI32()
            case (2, .list):
                // Informational only: a writer's odd list (bad_data/ARROW-GH-41317) is skipped, not fatal.
                encodings = try reader.readList { reader, elementType -> Int32? in
                    guard elementType == .i32 else {
                        try reader.skipElement(elementType)
                        return nil
                    }
                    return try reader.readI32()
                }.compactMap { $0 }
            case (3, .list):
                pathInSchema = try reader.readList { reader, elementType in
                    guard elementType == .binary else { throw DecodeFailure.metadata("path_in_schema is not a list of strings") }
                    return try reader.readString()
                }
            case (4, .i32): codec = try reader.readI32()
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): totalUncompressedSize = try reader.readI64()
            case (7, .i64): totalCompressedSize = try reader.readI64()
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (11, .i64): dictionaryPageOffset = try reader.readI64()
            case (12, .structure): statistics = try Statistics.decode(&reader)
            default: try reader.skip(type)
            }
        }
    }
}
