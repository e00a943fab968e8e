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

    /// Decodes `count` values into `output` (as levels or indices), each checked against `maxValue`;
    /// returns the largest value decoded (0 when none).
    ///
    /// The hot loop of every page (levels, dictionary indices): the page's values are decoded into
    /// one temporary buffer — runs filled whole, bit-packed groups unpacked with one unaligned
    /// 64-bit load per value — and appended to `output` in one copy. (Appending each run to the
    /// array went through the generic path element by element: sorted exports have many short runs.)
    @discardableResult
    mutating func decode<T: FixedWidthInteger>(count: Int, maxValue: UInt32, into output: inout [T], what: String) throws -> UInt32 {
        guard count > 0 else { return 0 }
        // `count` is the page's, checked against its column chunk (and so the limits) by the caller.
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        defer { buffer.deallocate() }
        let largest = try decode(count: count, maxValue: maxValue, into: buffer, what: what)
        output.append(contentsOf: UnsafeBufferPointer(buffer))
        return largest
    }

    /// Decodes exactly `target.count` values into `target` (uninitialized memory of a trivial type).
    private mutating func decode<T: FixedWidthInteger>(count: Int, maxValue: UInt32, into target: UnsafeMutableBufferPointer<T>,
                                                       what: String) throws -> UInt32 {
        var index = 0
        var largest: UInt32 = 0
        let valueBytes = (width + 7) / 8
        let mask: UInt64 = width == 0 ? 0 : UInt64.max >> UInt64(64 - width)
        while index < count {
            let left = count - index
            guard cursor.remaining > 0 else { throw DecodeFailure.data("RLE data holds \(index) of \(count) values") }
            let header = try cursor.uleb("RLE run header")
            let take: Int
            if header & 1 == 0 {
                let raw = try cursor.take(valueBytes, "RLE run value")
                var value: UInt32 = 0
                for shift in 0..<raw.count { value |= UInt32(raw[shift]) << UInt32(shift * 8) }
                if width < 32 && value >> UInt32(width) != 0 { throw DecodeFailure.data("RLE run value \(value) is wider than \(width) bits") }
                take = Int(min(header >> 1, UInt64(left)))
                if take > 0 {
                    largest = max(largest, value)
                    UnsafeMutableBufferPointer(rebasing: target[index..<index + take]).initialize(repeating: T(truncatingIfNeeded: value))
                }
            } else {
                let groups = header >> 1
                if width == 0 {
                    // Zero-width values take no bytes (a one-entry dictionary): only the count matters.
                    take = groups >= UInt64(left) ? left : min(left, Int(groups) * 8)
                    UnsafeMutableBufferPointer(rebasing: target[index..<index + take]).initialize(repeating: 0)
                    index += take
                    continue
                }
                // Groups beyond what the page holds are refused before any multiplication can overflow.
                guard groups <= UInt64(cursor.remaining) else { throw DecodeFailure.data("RLE bit-packed run of \(groups) groups overruns the page") }
                let available = min(Int(groups) * width, cursor.remaining)  // the last group may be cut short
                let packed = try cursor.take(available, "RLE bit-packed run")
                take = min(Int(groups) * 8, left)
                guard take * width <= available * 8 else { throw DecodeFailure.data("RLE bit-packed run ends early") }
                // `take` is bounded by the bytes present (8 values per `width` bytes).
                let widest = Self.unpack(packed, width: width, mask: mask,
                                         into: UnsafeMutableBufferPointer(rebasing: target[index..<index + take]))
                largest = max(largest, UInt32(truncatingIfNeeded: widest))
            }
            guard largest <= maxValue else { throw DecodeFailure.data("\(what) \(largest) exceeds the maximum \(maxValue)") }
            index += take
        }
        return largest
    }

    /// Unpacks `target.count` values of `width` bits from `packed` (which holds at least that many
    /// bits); returns the largest.
    ///
    /// Every value is one unaligned 64-bit load (a group of eight for widths up to 8): the last
    /// bytes of the run, where a load would read past its end, are first copied into a zeroed
    /// 16-byte buffer, so no value is gathered byte by byte (short runs of levels are common, and
    /// were mostly that slow tail).
    @inline(__always)
    private static func unpack<T: FixedWidthInteger>(_ packed: UnsafeRawBufferPointer, width: Int, mask: UInt64,
                                                     into target: UnsafeMutableBufferPointer<T>) -> UInt64 {
        let count = target.count
        guard count > 0, let base = packed.baseAddress else { return 0 }
        var widest: UInt64 = 0
        var index = 0
        var bit = 0
        // Byte offsets up to `lastFull` can load eight bytes in place.
        let lastFull = packed.count - 8
        if width <= 8 {
            // Levels and small dictionaries: a group of eight values is `width` bytes, one load.
            while index + 8 <= count, (bit >> 3) <= lastFull {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                for lane in 0..<8 {
                    let value = (word >> UInt64(lane * width)) & mask
                    widest = max(widest, value)
                    target[index + lane] = T(truncatingIfNeeded: value)
                }
                index += 8
                bit += 8 * width
            }
        }
        while index < count, (bit >> 3) <= lastFull {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
            let value = (word >> UInt64(bit & 7)) & mask
            widest = max(widest, value)
            target[index] = T(truncatingIfNeeded: value)
            bit += width
            index += 1
        }
        if index < count {
            // The tail: at most the last eight bytes, copied behind zeros' worth of room.
            let tailStart = max(0, packed.count - 8)
            var tail: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &tail) { buffer in
                buffer.baseAddress!.copyMemory(from: base + tailStart, byteCount: packed.count - tailStart)
                while index < count {
                    let word = UInt64(littleEndian: buffer.baseAddress!.loadUnaligned(fromByteOffset: (bit >> 3) - tailStart, as: UInt64.self))
                    let value = (word >> UInt64(bit & 7)) & mask
                    widest = max(widest, value)
                    target[index] = T(truncatingIfNeeded: value)
                    bit += width
                    index += 1
                }
            }
        }
        return widest
    }

    /// Bytes consumed so far.
    var consumed: Int { cursor.position }
}

/// The bit width that holds levels up to `maxLevel`.
func bitWidth(of maxLevel: Int) -> Int {
    maxLevel == 0 ? 0 : Int.bitWidth - maxLevel.leadingZeroBitCount
}
