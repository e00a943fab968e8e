/// The header before every page of a column chunk (Parquet's `PageHeader` and the headers it holds).
struct PageHeader {
    /// The kinds of pages.
    enum Kind: Int32 {
        case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
    }

    var type: Int32 = -1
    var uncompressedPageSize: Int32 = -1
    var compressedPageSize: Int32 = -1
    /// CRC-32 of the page body as stored, when the writer gave one.
    var crc: Int32?
    /// DataPageHeader and DataPageHeaderV2 share these.
    var numValues: Int32 = -1
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = 3
    var repetitionLevelEncoding: Int32 = 3
    /// DataPageHeaderV2 only.
    var numNulls: Int32 = 0
    var numRows: Int32 = 0
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed = true
    var hasPageHeader = false

    /// Decodes a page header; `reader.position` afterwards is the header's size.
    static func decode(_ reader: inout CompactReader) throws -> PageHeader {
        var header = PageHeader()
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .i32): header.type = try reader.readI32()
            case (2, .i32): header.uncompressedPageSize = try reader.readI32()
            case (3, .i32): header.compressedPageSize = try reader.readI32()
            case (4, .i32): header.crc = try reader.readI32()
            case (5, .structure), (7, .structure):
                header.hasPageHeader = true
                try reader.readStruct { reader, field, type in
                    switch (field, type) {
                    case (1, .i32): header.numValues = try reader.readI32()
                    case (2, .i32): header.encoding = try reader.readI32()
                    case (3, .i32) where id == 5: header.definitionLevelEncoding = try reader.readI32()
                    case (4, .i32) where id == 5: header.repetitionLevelEncoding = try reader.readI32()
                    default: try reader.skip(type)
                    }
                }
            case (8, .structure):
                header.hasPageHeader = true
                try reader.readStruct { reader, field, type in
                    switch (field, type) {
                    case (1, .i32): header.numValues = try reader.readI32()
                    case (2, .i32): header.numNulls = try reader.readI32()
                    case (3, .i32): header.numRows = try reader.readI32()
                    case (4, .i32): header.encoding = try reader.readI32()
                    case (5, .i32): header.definitionLevelsByteLength = try reader.readI32()
                    case (6, .i32): header.repetitionLevelsByteLength = try reader.readI32()
                    case (7, .boolTrue), (7, .boolFalse): header.isCompressed = try reader.bool(from: type)
                    default: try reader.skip(type)
                    }
                }
            default: try reader.skip(type)
            }
        }
        guard header.uncompressedPageSize >= 0, header.compressedPageSize >= 0 else {
            throw DecodeFailure.data("page header gives a negative page size")
        }
        return header
    }
}
