/// The RLE / bit-packed hybrid encoding, used for definition and repetition levels, dictionary
/// indices and RLE booleans.
///
/// Runs are a varint header: an even header is a repeated value (`header >> 1` times, the value in
/// `ceil(width / 8)` bytes), an odd one `header >> 1` groups of eight bit-packed values.
struct HybridDecoder {
    private var cursor: PageCursor
    private let width: Int

    /// Decodes `bytes` (no length prefix) with `width`-bit values; `width` is at most 32.
    init(_ bytes: UnsafeRawBufferPointer, width: Int) throws {
        guard (0...32).contains(width) else { throw DecodeFailure.data("RLE bit width \(width) is out of range") }
        self.cursor = PageCursor(bytes)
        self.width = width
    }

    /// Decodes exactly `count` values, calling `sink` with each run: either `repeating` one value
    /// `length` times, or literal values one by one. Fails when the bytes hold fewer values.
    mutating func decode(count: Int, repeated: (UInt32, Int) throws -> Void, literal: (UInt32) throws -> Void) throws {
        var left = count
        let valueBytes = (width + 7) / 8
        while left > 0 {
            guard cursor.remaining > 0 else { throw DecodeFailure.data("RLE data holds \(count - left) of \(count) values") }
            let header = try cursor.uleb("RLE run header")
            if header & 1 == 0 {
                let run = header >> 1
                let raw = try cursor.take(valueBytes, "RLE run value")
                var value: UInt32 = 0
                for (shift, byte) in raw.enumerated() { value |= UInt32(byte) << UInt32(shift * 8) }
                if width < 32 && value >> UInt32(width) != 0 { throw DecodeFailure.data("RLE run value \(value) is wider than \(width) bits") }
                let take = Int(min(run, UInt64(left)))
                if take > 0 { try repeated(value, take) }
                left -= take
            } else {
                let groups = header >> 1
                if width == 0 {
                    // Zero-width values take no bytes (a one-entry dictionary): only the count matters.
                    let take = groups >= UInt64(left) ? left : min(left, Int(groups) * 8)
                    for _ in 0..<take { try literal(0) }
                    left -= take
                    continue
                }
                // Groups beyond what the page holds are refused before any multiplication can overflow.
                guard groups <= UInt64(cursor.remaining) else { throw DecodeFailure.data("RLE bit-packed run of \(groups) groups overruns the page") }
                let values = Int(groups) * 8
                let available = min(Int(groups) * width, cursor.remaining)  // the last group may be cut short
                let packed = try cursor.take(available, "RLE bit-packed run")
                let take = min(values, left)
                guard take * width <= available * 8 else { throw DecodeFailure.data("RLE bit-packed run ends early") }
                var unpacker = BitUnpacker(packed)
                for _ in 0..<take { try literal(UInt32(truncatingIfNeeded: unpacker.next(width))) }
                left -= take
            }
        }
    }

    /// Decodes `count` values into `output` (as levels or indices), each checked against `maxValue`.
    mutating func decode<T: FixedWidthInteger>(count: Int, maxValue: UInt32, into output: inout [T], what: String) throws {
        try decode(count: count, repeated: { value, length in
            guard value <= maxValue else { throw DecodeFailure.data("\(what) \(value) exceeds the maximum \(maxValue)") }
            output.append(contentsOf: repeatElement(T(truncatingIfNeeded: value), count: length))
        }, literal: { value in
            guard value <= maxValue else { throw DecodeFailure.data("\(what) \(value) exceeds the maximum \(maxValue)") }
            output.append(T(truncatingIfNeeded: value))
        })
    }

    /// Bytes consumed so far.
    var consumed: Int { cursor.position }
}

/// The bit width that holds levels up to `maxLevel`.
func bitWidth(of maxLevel: Int) -> Int {
    maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
}
