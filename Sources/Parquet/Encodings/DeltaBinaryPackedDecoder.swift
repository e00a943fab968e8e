/// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first value), then
/// blocks of a minimum delta, one bit width per miniblock and the bit-packed deltas above the minimum.
///
/// Arithmetic wraps, as the specification requires (writers compute deltas with wrapping), so INT32
/// columns decode correctly through 64-bit wrapping sums truncated at the end.
enum DeltaBinaryPackedDecoder {
    /// Decodes at least `count` values from the start of `bytes`, calling `sink` for the first `count`,
    /// and returns the bytes the encoded run took (a following section starts there).
    @discardableResult
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, maxWidth: Int, sink: (Int64) throws -> Void) throws -> Int {
        var cursor = PageCursor(bytes)
        let blockSize = try cursor.uleb("DELTA_BINARY_PACKED block size")
        let miniblocks = try cursor.uleb("DELTA_BINARY_PACKED miniblock count")
        let total = try cursor.uleb("DELTA_BINARY_PACKED value count")
        var value = try cursor.zigzag("DELTA_BINARY_PACKED first value")
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 8 == 0 else {
            throw DecodeFailure.data("DELTA_BINARY_PACKED block of \(blockSize) values in \(miniblocks) miniblocks is malformed")
        }
        // The header's count comes from the file: a value past Int's range would trap below.
        guard total <= UInt64(Int.max) else {
            throw DecodeFailure.data("DELTA_BINARY_PACKED value count \(total) is out of range")
        }
        guard total >= UInt64(count) else {
            throw DecodeFailure.data("DELTA_BINARY_PACKED holds \(total) values where \(count) are needed")
        }
        let perMiniblock = Int(blockSize / miniblocks)
        var left = Int(total)
        var emitted = 0
        @inline(__always) func emit(_ v: Int64) throws {
            if emitted < count { try sink(v) }
            emitted += 1
        }
        if left > 0 {
            try emit(value)
            left -= 1
        }
        // Stopping once `count` values are out bounds the work by what the caller needs, whatever
        // total the header claims (a run of zero-width miniblocks costs a few bytes per million values).
        while left > 0 && emitted < count {
            let minDelta = try cursor.zigzag("DELTA_BINARY_PACKED minimum delta")
            let widths = try cursor.take(Int(miniblocks), "DELTA_BINARY_PACKED bit widths")
            for miniblock in 0..<Int(miniblocks) where left > 0 {
                let width = Int(widths[miniblock])
                guard width <= maxWidth else { throw DecodeFailure.data("DELTA_BINARY_PACKED bit width \(width) exceeds \(maxWidth)") }
                let packed = try cursor.take(perMiniblock * width / 8, "a DELTA_BINARY_PACKED miniblock")
                var unpacker = BitUnpacker(packed)
                for _ in 0..<min(perMiniblock, left) {
                    value = value &+ minDelta &+ Int64(bitPattern: unpacker.next(width))
                    try emit(value)
                }
                left -= min(perMiniblock, left)
            }
        }
        return cursor.position
    }

    /// Decodes `count` values into a store of INT32 or INT64, returning the bytes used.
    @discardableResult
    static func decode(_ bytes: UnsafeRawBufferPointer, count: Int, into store: inout ValueStore) throws -> Int {
        switch store.physicalType {
        case .int32:
            store.int32s.reserveCapacity(store.int32s.count + count)
            let used = try decode(bytes, count: count, maxWidth: 32) { store.int32s.append(Int32(truncatingIfNeeded: $0)) }
            store.count += count
            return used
        case .int64:
            store.int64s.reserveCapacity(store.int64s.count + count)
            let used = try decode(bytes, count: count, maxWidth: 64) { store.int64s.append($0) }
            store.count += count
            return used
        default:
            throw DecodeFailure.unsupported("DELTA_BINARY_PACKED on a \(store.physicalType) column")
        }
    }

    /// Decodes `count` non-negative lengths (of DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY).
    static func lengths(_ bytes: UnsafeRawBufferPointer, count: Int, what: String) throws -> (values: [Int], used: Int) {
        var values: [Int] = []
        values.reserveCapacity(count)
        let used = try decode(bytes, count: count, maxWidth: 64) { value in
            guard value >= 0, value <= Int64(Int32.max) else { throw DecodeFailure.data("\(what) \(value) is out of range") }
            values.append(Int(value))
        }
        return (values, used)
    }
}
