/// XXH64 (seed 0), the checksum of every cache block and of the footer.
///
/// Why not CRC-32: opening a cache checks every byte, and zlib's CRC-32 ran at about 2 GB/s here,
/// which made checksums most of the time to open an 86 MB cache. XXH64 reads 32 bytes per step in
/// four independent lanes and runs several times faster; it detects the accidental damage a cache
/// can suffer (torn writes, bit flips, truncation) as well. It is not a cryptographic hash.
public enum XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        let mixed = accumulator &+ input &* prime2
        return ((mixed << 31) | (mixed >> 33)) &* prime1
    }

    @inline(__always)
    private static func merge(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
        (hash ^ round(0, lane)) &* prime1 &+ prime4
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 { (value << bits) | (value >> (64 - bits)) }

    /// The XXH64 hash of `bytes` with seed 0.
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return avalanche(prime5) }
        var index = 0
        var hash: UInt64
        if count >= 32 {
            var lane1 = prime1 &+ prime2
            var lane2 = prime2
            var lane3: UInt64 = 0
            var lane4 = 0 &- prime1
            while index + 32 <= count {
                lane1 = round(lane1, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                lane2 = round(lane2, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)))
                lane3 = round(lane3, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)))
                lane4 = round(lane4, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)))
                index += 32
            }
            hash = rotate(lane1, 1) &+ rotate(lane2, 7) &+ rotate(lane3, 12) &+ rotate(lane4, 18)
            hash = merge(hash, lane1)
            hash = merge(hash, lane2)
            hash = merge(hash, lane3)
            hash = merge(hash, lane4)
        } else {
            hash = prime5
        }
        hash = hash &+ UInt64(count)
        while index + 8 <= count {
            let lane = round(0, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            hash = rotate(hash ^ lane, 27) &* prime1 &+ prime4
            index += 8
        }
        if index + 4 <= count {
            let word = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt32.self)))
            hash = rotate(hash ^ (word &* prime1), 23) &* prime2 &+ prime3
            index += 4
        }
        while index < count {
            hash = rotate(hash ^ (UInt64(base.load(fromByteOffset: index, as: UInt8.self)) &* prime5), 11) &* prime1
            index += 1
        }
        return avalanche(hash)
    }

    @inline(__always)
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* prime2
        hash ^= hash >> 29
        hash = hash &* prime3
        hash ^= hash >> 32
        return hash
    }
}
