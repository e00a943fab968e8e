/// Builds tiny Parquet files byte by byte (one required INT32 column, uncompressed), so tests can damage
/// exactly one field: a page size, a value count, a dictionary index.
struct HandBuiltParquet {
    /// One page as written: its header fields and body.
    struct Page {
        var type: Int32 = 0  // DATA_PAGE; 2 is DICTIONARY_PAGE
        var numValues: Int32
        var encoding: Int32 = 0  // PLAIN
        var body: [UInt8]
        var compressedSizeOverride: Int32?
        var uncompressedSizeOverride: Int32?
    }

    var pages: [Page]
    var rowCount: Int64
    var chunkValues: Int64?
    var chunkSizeAdjustment: Int64 = 0
    /// The column's physical type (1 INT32; 6 BYTE_ARRAY, whose PLAIN values the caller writes).
    var physicalType: Int32 = 1

    /// A file of `values` in one PLAIN page.
    static func plain(_ values: [Int32]) -> HandBuiltParquet {
        HandBuiltParquet(pages: [Page(numValues: Int32(values.count), body: values.flatMap(littleEndian))], rowCount: Int64(values.count))
    }

    /// A file with a PLAIN dictionary page of `dictionary` and one RLE_DICTIONARY page of `indices` (bit width 8).
    static func dictionary(_ dictionary: [Int32], indices: [UInt8]) -> HandBuiltParquet {
        // Bit width 8, then one bit-packed run: header (groups << 1 | 1), the indices padded to groups of 8.
        let groups = (indices.count + 7) / 8
        var body: [UInt8] = [8, UInt8(groups << 1 | 1)] + indices
        body += [UInt8](repeating: 0, count: groups * 8 - indices.count)
        return HandBuiltParquet(pages: [
            Page(type: 2, numValues: Int32(dictionary.count), body: dictionary.flatMap(littleEndian)),
            Page(numValues: Int32(indices.count), encoding: 8, body: body),
        ], rowCount: Int64(indices.count))
    }

    /// The file's bytes.
    func bytes() -> [UInt8] {
        var file: [UInt8] = Array("PAR1".utf8)
        var dictionaryOffset: Int64?
        var dataOffset: Int64?
        for page in pages {
            if page.type == 2 { dictionaryOffset = Int64(file.count) } else if dataOffset == nil { dataOffset = Int64(file.count) }
            var header = CompactWriter()
            header.field(1, i32: page.type)
            header.field(2, i32: page.uncompressedSizeOverride ?? Int32(page.body.count))
            header.field(3, i32: page.compressedSizeOverride ?? Int32(page.body.count))
            header.beginStruct(page.type == 2 ? 7 : 5)
            header.field(1, i32: page.numValues)
            header.field(2, i32: page.encoding)
            if page.type != 2 {
                header.field(3, i32: 3)
                header.field(4, i32: 3)
            }
            header.endStruct()
            header.stop()
            file += header.bytes + page.body
        }
        let chunkStart = dictionaryOffset ?? dataOffset ?? 4
        let chunkSize = Int64(file.count) - chunkStart + chunkSizeAdjustment
        var footer = CompactWriter()
        footer.field(1, i32: 1)
        footer.listHeader(2, count: 2)
        footer.beginElement(); footer.field(4, string: "schema"); footer.field(5, i32: 1); footer.stop()
        footer.beginElement(); footer.field(1, i32: physicalType); footer.field(3, i32: 0); footer.field(4, string: "x"); footer.stop()
        footer.field(3, i64: rowCount)
        footer.listHeader(4, count: 1)
        footer.beginElement()
        footer.listHeader(1, count: 1)
        footer.beginElement()
        footer.field(2, i64: chunkStart)
        footer.beginStruct(3)
        footer.field(1, i32: physicalType)
        footer.field(4, i32: 0)
        footer.field(5, i64: chunkValues ?? rowCount)
        footer.field(6, i64: chunkSize)
        footer.field(7, i64: chunkSize)
        footer.field(9, i64: dataOffset ?? chunkStart)
        if let dictionaryOffset { footer.field(11, i64: dictionaryOffset) }
        footer.endStruct()
        footer.stop()  // ColumnChunk
        footer.field(2, i64: chunkSize)
        footer.field(3, i64: rowCount)
        footer.stop()  // RowGroup
        footer.stop()  // FileMetaData
        file += footer.bytes + littleEndian(Int32(footer.bytes.count)) + Array("PAR1".utf8)
        return file
    }
}

func littleEndian(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }

/// Thrift compact protocol output, just enough for HandBuiltParquet.
struct CompactWriter {
    var bytes: [UInt8] = []
    private var lastField: [Int16] = [0]

    private mutating func header(_ id: Int16, _ type: UInt8) {
        let delta = id - lastField[lastField.count - 1]
        if delta > 0 && delta <= 15 { bytes.append(UInt8(delta) << 4 | type) } else { bytes.append(type); varint(zigzag(Int64(id))) }
        lastField[lastField.count - 1] = id
    }

    private mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 { bytes.append(UInt8(value & 0x7F) | 0x80); value >>= 7 }
        bytes.append(UInt8(value))
    }

    private func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }

    mutating func field(_ id: Int16, i32 value: Int32) { header(id, 5); varint(zigzag(Int64(value))) }
    mutating func field(_ id: Int16, i64 value: Int64) { header(id, 6); varint(zigzag(value)) }
    mutating func field(_ id: Int16, string: String) { header(id, 8); varint(UInt64(string.utf8.count)); bytes += Array(string.utf8) }
    mutating func beginStruct(_ id: Int16) { header(id, 12); lastField.append(0) }
    mutating func endStruct() { stop() }
    /// A list of structs; each element starts with `beginElement` and ends with `stop`.
    mutating func listHeader(_ id: Int16, count: Int) {
        header(id, 9)
        if count < 15 { bytes.append(UInt8(count) << 4 | 12) } else { bytes.append(0xFC); varint(UInt64(count)) }
    }
    mutating func beginElement() { lastField.append(0) }
    mutating func stop() { bytes.append(0); if lastField.count > 1 { lastField.removeLast() } }
}
