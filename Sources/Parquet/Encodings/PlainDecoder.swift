/// The PLAIN encoding: values back to back, little-endian; booleans one bit each; byte arrays with a
/// 4-byte length before each; fixed-length byte arrays and INT96 at their width.
enum PlainDecoder {
    /// Appends `count` values from `bytes` to `store`, returning how many bytes they took.
    @discardableResult
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into store: inout ValueStore) throws -> Int {
        var cursor = PageCursor(bytes)
        // Fixed-width values are sized before anything is reserved; byte arrays take at least their
        // 4-byte length each, which bounds the reservation by the page.
        switch store.physicalType {
        case .boolean:
            let packed = try cursor.take((count + 7) / 8, "\(count) PLAIN booleans")
            store.reserve(count)
            var unpacker = BitUnpacker(packed)
            for _ in 0..<count { store.booleans.append(unpacker.next(1) != 0) }
            store.count += count
        case .int32, .float:
            try store.appendRaw(try cursor.take(count * 4, "\(count) PLAIN 4-byte values"), count: count)
        case .int64, .double:
            try store.appendRaw(try cursor.take(count * 8, "\(count) PLAIN 8-byte values"), count: count)
        case .int96, .fixedLenByteArray:
            let (total, overflow) = count.multipliedReportingOverflow(by: store.width)
            guard !overflow else { throw DecodeFailure.data("PLAIN fixed-length values overflow") }
            try store.appendRaw(try cursor.take(total, "\(count) PLAIN values of \(store.width) bytes"), count: count)
        case .byteArray:
            store.reserve(min(count, bytes.count / 4))
            for _ in 0..<count {
                let length = try cursor.length32("a PLAIN byte array")
                try store.appendBytes( cursor.take(length, "a PLAIN byte array"))
            }
        }
        return cursor.position
    }
}
