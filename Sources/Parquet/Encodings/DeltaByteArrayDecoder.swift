/// DELTA_LENGTH_BYTE_ARRAY (delta-packed lengths, then the bytes back to back) and DELTA_BYTE_ARRAY
/// (delta-packed prefix lengths shared with the previous value, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY).
enum DeltaByteArrayDecoder {
    /// Appends `count` DELTA_LENGTH_BYTE_ARRAY values to a BYTE_ARRAY store.
    static func decodeLengths(_ bytes: UnsafeRawBufferPointer, count: Int, into store: inout ValueStore) throws {
        guard store.physicalType == .byteArray else {
            throw DecodeFailure.unsupported("DELTA_LENGTH_BYTE_ARRAY on a \(store.physicalType) column")
        }
        var cursor = PageCursor(bytes)
        let (lengths, used) = try DeltaBinaryPackedDecoder.lengths(bytes, count: count, what: "DELTA_LENGTH_BYTE_ARRAY length")
        _ = try cursor.take(used, "DELTA_LENGTH_BYTE_ARRAY lengths")
        store.reserve(count)
        for length in lengths {
            try store.appendBytes( cursor.take(length, "a DELTA_LENGTH_BYTE_ARRAY value"))
        }
    }

    /// Appends `count` DELTA_BYTE_ARRAY values to a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY store.
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into store: inout ValueStore) throws {
        guard store.physicalType == .byteArray || store.physicalType == .fixedLenByteArray else {
            throw DecodeFailure.unsupported("DELTA_BYTE_ARRAY on a \(store.physicalType) column")
        }
        var cursor = PageCursor(bytes)
        let (prefixes, prefixBytes) = try DeltaBinaryPackedDecoder.lengths(bytes, count: count, what: "DELTA_BYTE_ARRAY prefix length")
        _ = try cursor.take(prefixBytes, "DELTA_BYTE_ARRAY prefix lengths")
        let suffixSection = cursor.rest()
        var suffixCursor = PageCursor(suffixSection)
        let (suffixLengths, suffixBytes) = try DeltaBinaryPackedDecoder.lengths(suffixSection, count: count, what: "DELTA_BYTE_ARRAY suffix length")
        _ = try suffixCursor.take(suffixBytes, "DELTA_BYTE_ARRAY suffix lengths")
        store.reserve(count)
        var previous: [UInt8] = []
        var current: [UInt8] = []
        for index in 0..<count {
            let prefix = prefixes[index]
            guard prefix <= previous.count else {
                throw DecodeFailure.data("DELTA_BYTE_ARRAY prefix of \(prefix) bytes is longer than the previous value (\(previous.count))")
            }
            let suffix = try suffixCursor.take(suffixLengths[index], "a DELTA_BYTE_ARRAY suffix")
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: previous[0..<prefix])
            current.append(contentsOf: suffix)
            if store.physicalType == .fixedLenByteArray && current.count != store.width {
                throw DecodeFailure.data("DELTA_BYTE_ARRAY value of \(current.count) bytes in a column of \(store.width)-byte values")
            }
            try current.withUnsafeBytes { try store.appendBytes($0) }
            swap(&previous, &current)
        }
    }
}
