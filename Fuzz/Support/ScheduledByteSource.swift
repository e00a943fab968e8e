import ByteStreams

/// A `ByteSource` over bytes in memory that hands them out in pieces of the sizes a schedule
/// picks, so the readers meet every buffer boundary a real file or a gzip stream could give them.
final class ScheduledByteSource: ByteSource {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var random: SplitMix
    private let largest: Int
    var bytesConsumed: Int64 { Int64(position) }

    /// - Parameters:
    ///   - bytes: the data (borrowed: it must outlive the source).
    ///   - largest: the largest piece; each read hands out 1...largest bytes.
    ///   - seed: picks the sequence of sizes.
    init(_ bytes: UnsafeRawBufferPointer, largest: Int, seed: UInt64) {
        self.bytes = bytes
        self.largest = max(1, largest)
        random = SplitMix(seed: seed)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let piece = largest == 1 ? 1 : Int(random.next() % UInt64(largest)) + 1
        let count = min(piece, buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: count)
        position += count
        return count
    }
}

/// SplitMix64: a tiny deterministic generator, so a saved input replays the same schedule.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// FNV-1a of the input: a seed that depends on every byte.
func fuzzHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return hash
}
