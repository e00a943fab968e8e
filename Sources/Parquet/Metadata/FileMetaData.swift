/// The decoded footer of a Parquet file (Parquet's `FileMetaData`).
struct FileMetaData: Sendable {
    var version: Int32 = 0
    var schema: [SchemaElement] = []
    var numRows: Int64 = 0
    var rowGroups: [RowGroupMetaData] = []
    var keyValueMetadata: [(key: String, value: String?)] = []
    var createdBy: String?
    var isEncrypted = false

    /// Decodes the footer from its Thrift bytes.
    static func decode(_ bytes: UnsafeRawBufferPointer, maxDepth: Int) throws -> FileMetaData {
        var reader = CompactReader(bytes, maxDepth: maxDepth)
        var meta = FileMetaData()
        var sawSchema = false
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .i32): meta.version = try reader.readI32()
            case (2, .list):
                sawSchema = true
                meta.schema = try reader.readList { reader, elementType in
                    guard elementType == .structure else { throw DecodeFailure.metadata("schema is not a list of structs") }
                    return try SchemaElement.decode(&reader)
                }
            case (3, .i64): meta.numRows = try reader.readI64()
            case (4, .list):
                meta.rowGroups = try reader.readList { reader, elementType in
                    guard elementType == .structure else { throw DecodeFailure.metadata("row groups are not structs") }
                    return try RowGroupMetaData.decode(&reader)
                }
            case (5, .list):
                meta.keyValueMetadata = try reader.readList { reader, elementType in
                    guard elementType == .structure else { throw DecodeFailure.metadata("key-value metadata is not structs") }
                    var key = ""
                    var value: String?
                    try reader.readStruct { reader, id, type in
                        switch (id, type) {
                        case (1, .binary): key = try reader.readString()
                        case (2, .binary): value = try reader.readString()
                        default: try reader.skip(type)
                        }
                    }
                    return (key, value)
                }
            case (6, .binary): meta.createdBy = try reader.readString()
            case (8, .structure):
                meta.isEncrypted = true
                try reader.skip(type)
            default: try reader.skip(type)
            }
        }
        guard sawSchema, !meta.schema.isEmpty else { throw DecodeFailure.metadata("file metadata has no schema") }
        guard meta.numRows >= 0 else { throw DecodeFailure.metadata("file metadata gives a negative row count \(meta.numRows)") }
        return meta
    }
}
