/// Bounded reads from a page's bytes: every read checks what is left, so damaged pages throw.
struct PageCursor {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    /// The next `count` bytes, consumed.
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw DecodeFailure.data("\(what()) needs \(count) bytes, the page has \(remaining) left")
        }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<position + count])
    }

    /// Everything not read yet, consumed.
    mutating func rest() -> UnsafeRawBufferPointer {
        defer { position = bytes.count }
        return UnsafeRawBufferPointer(rebasing: bytes[position...])
    }

    mutating func byte(_ what: @autoclosure () -> String) throws -> UInt8 {
        guard position < bytes.count else { throw DecodeFailure.data("\(what()) runs past the end of the page") }
        defer { position += 1 }
        return bytes[position]
    }

    /// A little-endian 32-bit length, checked to be non-negative.
    mutating func length32(_ what: @autoclosure () -> String) throws -> Int {
        let raw = try take(4, what())
        let value = Int32(bitPattern: raw.loadUnaligned(as: UInt32.self).littleEndian)
        guard value >= 0 else { throw DecodeFailure.data("\(what()) has a negative length \(value)") }
        return Int(value)
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    mutating func uleb(_ what: @autoclosure () -> String) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try self.byte(what())
            if shift == 63 && byte > 1 { throw DecodeFailure.data("\(what()) varint overflows") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw DecodeFailure.data("\(what()) varint is too long") }
        }
    }

    /// A zigzag-encoded signed varint.
    mutating func zigzag(_ what: @autoclosure () -> String) throws -> Int64 {
        let raw = try uleb(what())
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}

/// Reads little-endian bit-packed unsigned integers (Parquet's packing order), up to 64 bits wide.
struct BitUnpacker {
    private let bytes: UnsafeRawBufferPointer
    private var byteIndex: Int
    private var buffer: UInt64 = 0
    private var bufferedBits = 0

    /// Unpacks `bytes` from its first bit.
    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.byteIndex = 0
    }

    /// The next `width`-bit value; bits past the end read as zero (callers check sizes first).
    @inline(__always)
    mutating func next(_ width: Int) -> UInt64 {
        if width <= 32 { return next32(width) }
        let low = next32(32)
        return low | (next32(width - 32) << 32)
    }

    @inline(__always)
    private mutating func next32(_ width: Int) -> UInt64 {
        while bufferedBits < width {
            let byte: UInt64 = byteIndex < bytes.count ? UInt64(bytes[byteIndex]) : 0
            byteIndex += 1
            buffer |= byte << UInt64(bufferedBits)
            bufferedBits += 8
        }
        let value = width == 0 ? 0 : buffer & (UInt64.max >> UInt64(64 - width))
        buffer = width == 64 ? 0 : buffer >> UInt64(width)
        bufferedBits -= width
        return value
    }
}
