@testable import Parquet
import Testing

/// The Thrift compact-protocol reader: skipping what the decoder does not know, and its bounds.
@Suite("Thrift compact reader")
struct CompactReaderTests {
    /// A struct holding a field of every type, nested, followed by a sentinel byte.
    static let everyType: [UInt8] = [
        0x15, 0xD8, 0x04,                            // 1: i32 300 (zigzag 600)
        0x1B, 0x02, 0x85, 0x02, 0x61, 0x62, 0x02,    // 2: map<binary, i32> of 2: "ab" -> 1,
        0x02, 0x63, 0x64, 0x04,                      //    "cd" -> 2
        0x19, 0x2C, 0x16, 0x0A, 0x00, 0x00,          // 3: list<struct> of 2: {1: i64 5}, {}
        0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F,          // 4: double 1.0
        0x11,                                        // 5: bool true (in the header)
        0x1C, 0x19, 0x31, 0x01, 0x02, 0x01, 0x00,    // 6: struct { 1: list<bool> [true, false, true] }
        0x03, 0x7F, 0x2F,                            // field id 63 by a full zigzag i16 header: byte 0x2F
        0x00,                                        // stop
        0x99,                                        // sentinel: not part of the struct
    ]

    @Test("skipping a struct of every type stops exactly at its end")
    func skipEveryType() throws {
        try Self.everyType.withUnsafeBytes { bytes in
            var reader = CompactReader(bytes)
            try reader.skip(.structure)
            #expect(reader.position == bytes.count - 1)
        }
    }

    @Test("unknown fields of every type before the schema do not disturb the footer")
    func unknownFieldsInFooter() throws {
        var footer = CompactWriter()
        footer.field(1, i32: 1)
        var bytes = footer.bytes
        // Field 30 (a future field) holding the struct above, by a full field header.
        bytes += [0x0C, 0x3C] + Self.everyType.dropLast()
        var rest = CompactWriter()
        rest.listHeader(2, count: 2)
        rest.beginElement(); rest.field(4, string: "schema"); rest.field(5, i32: 1); rest.stop()
        rest.beginElement(); rest.field(1, i32: 2); rest.field(3, i32: 1); rest.field(4, string: "x"); rest.stop()
        rest.field(3, i64: 0)
        rest.stop()
        // The schema field follows field 30, so its header needs the full form: rebuild its first byte.
        bytes += [0x09, 0x04] + rest.bytes.dropFirst()
        let file = Array("PAR1".utf8) + bytes + littleEndian(Int32(bytes.count)) + Array("PAR1".utf8)
        let fixture = ParquetFixture(bytes: file)
        let parsed = try fixture.open()
        #expect(parsed.schema.columns.map(\.dottedPath) == ["x"])
        #expect(parsed.schema.columns.first?.physicalType == .int64)
    }

    @Test("nesting deeper than the bound is an error, not a stack overflow")
    func depth() {
        let bytes = [UInt8](repeating: 0x1C, count: 10_000) + [UInt8](repeating: 0, count: 10_001)
        bytes.withUnsafeBytes { raw in
            var reader = CompactReader(raw, maxDepth: 64)
            #expect(throws: DecodeFailure.self) { try reader.skip(.structure) }
        }
    }

    @Test("collection lengths beyond the bytes left are refused before use")
    func lengths() {
        for bytes: [UInt8] in [[0xF9, 0xFF, 0xFF, 0xFF, 0x0F], [0xFF, 0xFF, 0x03, 0x58], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]] {
            bytes.withUnsafeBytes { raw in
                var list = CompactReader(raw)
                #expect(throws: DecodeFailure.self) { try list.skip(.list) }
                var map = CompactReader(raw)
                #expect(throws: DecodeFailure.self) { try map.skip(.map) }
                var binary = CompactReader(raw)
                #expect(throws: DecodeFailure.self) { try binary.skip(.binary) }
            }
        }
    }
}
