import Testing
@testable import Parquet

/// The RLE / bit-packed hybrid decoder against an independent encoder: random runs of every width,
/// bit-packed runs of one to many groups (short runs end in the decoder's padded tail), runs cut
/// short by the value count, and values wider than the allowed maximum.
@Suite("RLE / bit-packed hybrid decoding")
struct HybridDecoderTests {
    /// A run as the encoder writes it.
    enum Run {
        case repeated(UInt32, Int)
        case packed([UInt32])
    }

    /// Encodes runs as the Parquet spec lays them out: a ULEB128 header, then the repeated value in
    /// `ceil(width / 8)` little-endian bytes, or the packed values LSB first, eight per group.
    static func encode(_ runs: [Run], width: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        func uleb(_ value: Int) {
            var rest = value
            repeat {
                let low = UInt8(rest & 0x7F)
                rest >>= 7
                bytes.append(rest == 0 ? low : low | 0x80)
            } while rest != 0
        }
        for run in runs {
            switch run {
            case .repeated(let value, let count):
                uleb(count << 1)
                for index in 0..<(width + 7) / 8 { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(index * 8))) }
            case .packed(let values):
                let groups = (values.count + 7) / 8
                uleb(groups << 1 | 1)
                var packed = [UInt8](repeating: 0, count: groups * width)
                for (position, value) in values.enumerated() {
                    for bit in 0..<width where value >> UInt32(bit) & 1 == 1 {
                        let at = position * width + bit
                        packed[at / 8] |= 1 << UInt8(at % 8)
                    }
                }
                bytes += packed
            }
        }
        return bytes
    }

    @Test("random runs decode to the encoded values at every width", arguments: [1, 2, 3, 5, 7, 8, 9, 12, 16, 17, 24, 31, 32])
    func roundTrip(width: Int) throws {
        var generator = SplitMix(seed: UInt64(width) &* 7_919)
        let limit: UInt64 = width == 32 ? UInt64(UInt32.max) : (1 << UInt64(width)) - 1
        for _ in 0..<40 {
            var runs: [Run] = []
            var expected: [UInt32] = []
            for _ in 0..<Int(generator.next() % 12 + 1) {
                if generator.next() % 2 == 0 {
                    let value = UInt32(generator.next() % (limit + 1))
                    let count = Int(generator.next() % 40 + 1)
                    runs.append(.repeated(value, count))
                    expected += Array(repeating: value, count: count)
                } else {
                    // One to many groups of eight; padding values of the last group are decoded too.
                    let values = (0..<Int(generator.next() % 5 + 1) * 8).map { _ in UInt32(generator.next() % (limit + 1)) }
                    runs.append(.packed(values))
                    expected += values
                }
            }
            // Sometimes stop before the end: the count, not the bytes, says how many values there are.
            let count = generator.next() % 3 == 0 ? Int(generator.next() % UInt64(expected.count)) + 1 : expected.count
            let bytes = Self.encode(runs, width: width)
            var decoded: [UInt32] = []
            let largest = try bytes.withUnsafeBytes { raw in
                var decoder = try HybridDecoder(raw, width: width)
                return try decoder.decode(count: count, maxValue: UInt32.max, into: &decoded, what: "value")
            }
            #expect(decoded == Array(expected.prefix(count)))
            #expect(largest == expected.prefix(count).max())
            // The same values as levels, where they fit a byte.
            if width <= 8 {
                var levels: [UInt8] = []
                try bytes.withUnsafeBytes { raw in
                    var decoder = try HybridDecoder(raw, width: width)
                    try decoder.decode(count: count, maxValue: UInt32.max, into: &levels, what: "level")
                }
                #expect(levels.map(UInt32.init) == Array(expected.prefix(count)))
            }
        }
    }

    @Test("a value above the maximum is refused, naming it")
    func aboveMaximum() throws {
        let bytes = Self.encode([.packed([0, 1, 0, 1, 3, 0, 1, 0])], width: 2)
        let error = #expect(throws: DecodeFailure.self) {
            var levels: [UInt8] = []
            try bytes.withUnsafeBytes { raw in
                var decoder = try HybridDecoder(raw, width: 2)
                try decoder.decode(count: 8, maxValue: 2, into: &levels, what: "definition level")
            }
        }
        #expect(error?.message.contains("definition level 3 exceeds the maximum 2") == true)
    }

    @Test("fewer bytes than values is refused")
    func truncated() throws {
        var bytes = Self.encode([.packed(Array(repeating: 5, count: 24))], width: 3)
        bytes.removeLast(4)
        #expect(throws: DecodeFailure.self) {
            var values: [UInt32] = []
            try bytes.withUnsafeBytes { raw in
                var decoder = try HybridDecoder(raw, width: 3)
                try decoder.decode(count: 24, maxValue: UInt32.max, into: &values, what: "value")
            }
        }
    }
}
