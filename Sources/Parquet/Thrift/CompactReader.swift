/// A cursor over Thrift compact-protocol bytes (the encoding of Parquet's footer and page headers).
///
/// Every read is bounded by the bytes left, every collection length is checked against them before
/// use, and nesting is bounded by `maxDepth`, so damaged metadata throws instead of trapping,
/// looping or allocating without limit.
struct CompactReader {
    private let bytes: UnsafeRawBufferPointer
    /// Offset of the next unread byte within `bytes`.
    private(set) var position: Int
    private let maxDepth: Int
    private var depth = 0

    /// Reads `bytes` from the start.
    init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) {
        self.bytes = bytes
        self.position = 0
        self.maxDepth = maxDepth
    }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - position }

    // MARK: - Scalars

    mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw DecodeFailure.metadata("Thrift data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw DecodeFailure.metadata("Thrift varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw DecodeFailure.metadata("Thrift varint longer than 10 bytes") }
        }
    }

    mutating func readI64() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))  // zigzag
    }

    mutating func readI32() throws -> Int32 {
        let value = try readI64()
        guard let narrow = Int32(exactly: value) else { throw DecodeFailure.metadata("Thrift i32 out of range") }
        return narrow
    }

    mutating func readI16() throws -> Int16 {
        let value = try readI64()
        guard let narrow = Int16(exactly: value) else { throw DecodeFailure.metadata("Thrift i16 out of range") }
        return narrow
    }

    mutating func readDouble() throws -> Double {
        try skipBytes(8)
        return bytes.loadUnaligned(fromByteOffset: position - 8, as: Double.self)
    }

    /// A length-prefixed byte string, as a range into the underlying buffer (no copy).
    mutating func readBinaryRange() throws -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(remaining) else { throw DecodeFailure.metadata("Thrift string of \(length) bytes runs past the metadata") }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// A length-prefixed byte string copied into an array.
    mutating func readBinary() throws -> [UInt8] {
        let range = try readBinaryRange()
        return Array(bytes[range])
    }

    /// A length-prefixed string; invalid UTF-8 is repaired rather than refused (names are for display).
    mutating func readString() throws -> String {
        let range = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// A boolean held in a field header's type nibble.
    func bool(from type: ThriftType) throws -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw DecodeFailure.metadata("Thrift field expected to be a boolean has type \(type)")
        }
    }

    private mutating func skipBytes(_ count: Int) throws {
        guard count <= remaining else { throw DecodeFailure.metadata("Thrift data ends early") }
        position += count
    }

    // MARK: - Structures

    /// Reads one struct, calling `field` for each field; `field` must consume the value or call `skip`.
    mutating func readStruct(_ field: (inout CompactReader, Int16, ThriftType) throws -> Void) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth <= maxDepth else { throw DecodeFailure.metadata("Thrift structures nested deeper than \(maxDepth)") }
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            guard let type = ThriftType(rawValue: header & 0x0F) else {
                throw DecodeFailure.metadata("unknown Thrift type \(header & 0x0F)")
            }
            if type == .stop { return }
            let delta = header >> 4
            let id: Int16
            if delta != 0 {
                let (sum, overflow) = lastID.addingReportingOverflow(Int16(delta))
                guard !overflow else { throw DecodeFailure.metadata("Thrift field id overflows") }
                id = sum
            } else {
                id = try readI16()
            }
            lastID = id
            try field(&self, id, type)
        }
    }

    /// Reads a list (or set) header: element type and count, the count checked against the bytes left
    /// (every element takes at least one byte, except booleans packed in headers, which lists never use).
    mutating func readListHeader() throws -> (ThriftType, Int) {
        let header = try readByte()
        guard let type = ThriftType(rawValue: header & 0x0F) else {
            throw DecodeFailure.metadata("unknown Thrift list element type \(header & 0x0F)")
        }
        var count = UInt64(header >> 4)
        if count == 15 { count = try readVarint() }
        guard count <= UInt64(remaining) else {
            throw DecodeFailure.metadata("Thrift list of \(count) elements is longer than the \(remaining) bytes left")
        }
        return (type, Int(count))
    }

    /// Reads a list whose elements `element` decodes one at a time.
    mutating func readList<T>(_ element: (inout CompactReader, ThriftType) throws -> T) throws -> [T] {
        depth += 1
        defer { depth -= 1 }
        guard depth <= maxDepth else { throw DecodeFailure.metadata("Thrift structures nested deeper than \(maxDepth)") }
        let (type, count) = try readListHeader()
        var result: [T] = []
        // A count is only checked against the bytes left, and one byte can decode into a large
        // struct: reserve for a plausible list, grow if the elements really are there.
        result.reserveCapacity(min(count, 1024))
        for _ in 0..<count { result.append(try element(&self, type)) }
        return result
    }

    /// Skips a value of `type`, however deeply nested, within the depth bound.
    mutating func skip(_ type: ThriftType) throws {
        switch type {
        case .stop: throw DecodeFailure.metadata("Thrift stop where a value was expected")
        case .boolTrue, .boolFalse: return
        case .byte: try skipBytes(1)
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try skipBytes(8)
        case .binary: _ = try readBinaryRange()
        case .list, .set:
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw DecodeFailure.metadata("Thrift structures nested deeper than \(maxDepth)") }
            let (elementType, count) = try readListHeader()
            for _ in 0..<count { try skipElement(elementType) }
        case .map:
            depth += 1
            defer { depth -= 1 }
            guard depth <= maxDepth else { throw DecodeFailure.metadata("Thrift structures nested deeper than \(maxDepth)") }
            let count = try readVarint()
            if count == 0 { return }
            guard count <= UInt64(remaining) else { throw DecodeFailure.metadata("Thrift map longer than the bytes left") }
            let types = try readByte()
            guard let keyType = ThriftType(rawValue: types >> 4), let valueType = ThriftType(rawValue: types & 0x0F) else {
                throw DecodeFailure.metadata("unknown Thrift map types \(types)")
            }
            for _ in 0..<Int(count) {
                try skipElement(keyType)
                try skipElement(valueType)
            }
        case .structure:
            try readStruct { reader, _, fieldType in try reader.skip(fieldType) }
        }
    }

    /// Inside collections a boolean takes a whole byte instead of living in a header.
    mutating func skipElement(_ type: ThriftType) throws {
        if type == .boolTrue || type == .boolFalse { try skipBytes(1) } else { try skip(type) }
    }

    /// A boolean list element (one byte: 1 true, anything else false).
    mutating func readBoolElement() throws -> Bool { try readByte() == 1 }
}
