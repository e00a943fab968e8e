/// BYTE_STREAM_SPLIT: byte `k` of every value comes in stream `k`, streams back to back; it helps
/// compression of floating-point data. Defined for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY.
enum ByteStreamSplitDecoder {
    /// Appends `count` values from `bytes` (which must hold exactly `count` values) to `store`.
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into store: inout ValueStore) throws {
        let width: Int
        switch store.physicalType {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        case .fixedLenByteArray: width = store.width
        default: throw DecodeFailure.unsupported("BYTE_STREAM_SPLIT on a \(store.physicalType) column")
        }
        let (size, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, size <= bytes.count else {
            throw DecodeFailure.data("BYTE_STREAM_SPLIT needs \(count) values of \(width) bytes, the page has \(bytes.count)")
        }
        guard count > 0, width > 0 else {
            try store.appendRaw(bytes, count: count)
            return
        }
        // Streams are `bytes.count / width` long: a page holding more values than the levels need
        // still splits by its own length.
        let stream = bytes.count / width
        guard stream * width == bytes.count else { throw DecodeFailure.data("BYTE_STREAM_SPLIT data is not a whole number of values") }
        var interleaved = [UInt8](repeating: 0, count: size)
        interleaved.withUnsafeMutableBufferPointer { out in
            for k in 0..<width {
                let base = k * stream
                for i in 0..<count { out[i * width + k] = bytes[base + i] }
            }
        }
        try interleaved.withUnsafeBytes { try store.appendRaw($0, count: count) }
    }
}
