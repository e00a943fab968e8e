/// SplitMix64: a tiny, fast, well-mixed 64-bit generator.
///
/// The generator owns all randomness in the sample bill. Foundation's and the standard library's
/// random sources are avoided on purpose: the same `--seed` must give byte-identical files on
/// every run and platform, and the standard library does not promise stable algorithms for
/// `Int.random(in:using:)` and friends, so the draws below are written out by hand.
struct SplitMix64 {
    private(set) var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// A uniform double in [0, 1), from the top 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform double in [low, high).
    mutating func between(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// A uniform integer in 0..<bound (bound > 0); the tiny modulo bias is irrelevant here.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// An index drawn with probability proportional to `weights[index]`.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A counter-based draw: a well-mixed hash of a few integers.
    ///
    /// Per-hour values come from this rather than from one sequential generator so that a value
    /// depends only on (seed, stream, hour): the older CUR assembly, the FOCUS copy and runs with
    /// different `--rows` see the same numbers for the same line, however much else is generated.
    static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64 = 0) -> UInt64 {
        var h = mix(a &+ 0x9E37_79B9_7F4A_7C15)
        h = mix(h ^ (b &* 0xD6E8_FEB8_6659_FD93))
        h = mix(h ^ (c &* 0xA076_1D64_78BD_642F))
        return mix(h ^ (d &* 0xE703_7ED1_A0B4_28DB))
    }

    /// Maps 64 random bits to a uniform double in [0, 1).
    static func unit(_ bits: UInt64) -> Double {
        Double(bits >> 11) * 0x1p-53
    }
}
