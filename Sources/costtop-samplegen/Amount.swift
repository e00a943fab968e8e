/// A decimal quantity with exactly 10 fractional digits, stored as a scaled integer.
///
/// Real CUR files carry costs like `0.0001234567`; binary floating point would print those with
/// exponents or drift when summed. Keeping every printed number in this fixed-point form makes
/// the file's own arithmetic exact: a negation is the exact negative of the usage it cancels,
/// and a commitment's unused part is exactly the fee minus what was used.
struct Amount: Equatable, Comparable, Sendable {
    /// The value times 10^10.
    var raw: Int64

    /// 10^10: one unit in `raw`.
    static let scale: Int64 = 10_000_000_000
    /// Zero.
    static let zero = Amount(raw: 0)

    /// The amount whose value times 10^10 is `raw`.
    init(raw: Int64) { self.raw = raw }

    /// The nearest representable amount to `value` (ties away from zero).
    init(_ value: Double) {
        raw = Int64((value * Double(Amount.scale)).rounded())
    }

    /// A whole number.
    init(whole: Int) { raw = Int64(whole) * Amount.scale }

    /// The value as a double, for computing (never for printing).
    var double: Double { Double(raw) / Double(Amount.scale) }

    var isZero: Bool { raw == 0 }

    static func + (lhs: Amount, rhs: Amount) -> Amount { Amount(raw: lhs.raw + rhs.raw) }
    static func - (lhs: Amount, rhs: Amount) -> Amount { Amount(raw: lhs.raw - rhs.raw) }
    static prefix func - (value: Amount) -> Amount { Amount(raw: -value.raw) }
    static func += (lhs: inout Amount, rhs: Amount) { lhs.raw += rhs.raw }
    static func < (lhs: Amount, rhs: Amount) -> Bool { lhs.raw < rhs.raw }

    /// `self × factor`, rounded to 10 decimals.
    func times(_ factor: Double) -> Amount { Amount(double * factor) }

    /// `self × count`, exact.
    func times(whole count: Int) -> Amount { Amount(raw: raw * Int64(count)) }

    /// `self × other`, rounded to 10 decimals (quantity × rate).
    func times(_ other: Amount) -> Amount { Amount(double * other.double) }

    /// Plain decimal text without exponent or trailing zeros: `0`, `12.5`, `-0.0001234567`.
    var text: String {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBufferPointer { Amount.format(raw, into: $0.baseAddress!) }
        return String(decoding: bytes[0..<count], as: UTF8.self)
    }

    /// Writes the plain decimal text of `raw` at `output` (at most 31 bytes); returns the length.
    @inline(__always)
    static func format(_ raw: Int64, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var length = 0
        let magnitude = raw.magnitude
        if raw < 0 {
            output[0] = UInt8(ascii: "-")
            length = 1
        }
        let whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        length += formatUnsigned(whole, into: output + length)
        if fraction != 0 {
            // Drop trailing zeros first, then write the remaining digits right to left.
            var digits = 10
            while fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            output[length] = UInt8(ascii: ".")
            var position = length + digits
            for _ in 0..<digits {
                output[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
                position -= 1
            }
            length += 1 + digits
        }
        return length
    }

    /// Writes the decimal digits of `value` at `output`; returns how many.
    @inline(__always)
    static func formatUnsigned(_ value: UInt64, into output: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 10 {
            output[0] = UInt8(ascii: "0") + UInt8(value)
            return 1
        }
        var digits = 0
        var probe = value
        while probe > 0 {
            probe /= 10
            digits += 1
        }
        var rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            output[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return digits
    }
}
