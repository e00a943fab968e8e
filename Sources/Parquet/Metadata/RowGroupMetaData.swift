/// One row group of the footer: its rows and one chunk per leaf column.
public struct RowGroupMetaData: Sendable {
    /// Rows in the row group.
    public var numRows: Int64 = 0
    /// Uncompressed bytes of all its column data, as the writer reported them.
    public var totalByteSize: Int64 = 0
    /// One entry per leaf column, in schema order.
    public var columns: [ColumnChunkMetaData] = []

    /// The file bytes its chunks span (smallest start to largest end), for scheduling reads.
    public var byteRange: Range<Int64> {
        var lower = Int64.max
        var upper = Int64.min
        for column in columns {
            let start = column.chunkStart
            lower = Swift.min(lower, start)
            upper = Swift.max(upper, start &+ column.totalCompressedSize)
        }
        return lower <= upper ? lower..<upper : 0..<0
    }

    /// Decodes a `RowGroup`.
    static func decode(_ reader: inout CompactReader) throws -> RowGroupMetaData {
        var group = RowGroupMetaData()
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .list):
                group.columns = try reader.readList { reader, elementType in
                    guard elementType == .structure else { throw DecodeFailure.metadata("row group columns are not structs") }
                    return try ColumnChunkMetaData.decode(&reader)
                }
            case (2, .i64): group.totalByteSize = try reader.readI64()
            case (3, .i64): group.numRows = try reader.readI64()
            default: try reader.skip(type)
            }
        }
        return group
    }
}

extension ColumnChunkMetaData {
    /// Where the chunk's first page starts: the dictionary page when there is one before the data.
    ///
    /// Some writers record a dictionary offset of 0 when there is none (parquet-testing's
    /// dict-page-offset-zero.parquet), so only a positive offset below the data page counts.
    var chunkStart: Int64 {
        if let dictionary = dictionaryPageOffset, dictionary > 0, dictionary < dataPageOffset || dataPageOffset <= 0 { return dictionary }
        return dataPageOffset
    }
}
