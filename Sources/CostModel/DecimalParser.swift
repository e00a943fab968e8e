/// Parses decimal numbers from export files into fixed-point integers, strictly.
///
/// Accepted: optional sign, digits with an optional fraction, an optional exponent (`1.5E-7`, which
/// real CUR files contain). Rejected with a reason: hexadecimal (`0x10`), `NaN`, `Infinity`, trailing
/// garbage (`1abc`), and values out of range (`1e309`). Rounding is half-to-even at the target scale.
public enum DecimalParser {
    /// Why a value could not be parsed.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notANumber
        case outOfRange
        case tooManyDigits

        public var description: String {
            switch self {
            case .notANumber: return "not a decimal number"
            case .outOfRange: return "out of range"
            case .tooManyDigits: return "too many significant digits"
            }
        }
    }

    /// Parses `bytes` into an integer count of 10^-`scaleDigits` units.
    /// - Parameters:
    ///   - bytes: the field's bytes (no surrounding whitespace is allowed).
    ///   - scaleDigits: fractional digits kept (9 for `Money`).
    /// - Returns: the scaled value, rounded half-to-even.
    /// - Throws: `Failure` when the text is not a plain decimal number or does not fit in an `Int64`.
    @inlinable
    public static func parseFixed(_ bytes: UnsafeRawBufferPointer, scaleDigits: Int = 9) throws(Failure) -> Int64 {
        if let value = parsePlain(bytes, scaleDigits: scaleDigits) { return value }
        return try parseGeneral(bytes, scaleDigits: scaleDigits)
    }

    /// The fast path for what nearly every export holds: `[-]digits[.digits]` with at most 18
    /// digits in all, in 64-bit arithmetic.
    /// Returns nil for anything else, which the general path then parses (or rejects).
    @inlinable
    static func parsePlain(_ bytes: UnsafeRawBufferPointer, scaleDigits: Int) -> Int64? {
        let count = bytes.count
        guard count > 0, count <= 20 else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var value: UInt64 = 0
        // Integer digits, then (after a point) fraction digits: two tight loops, no state per digit.
        let integerStart = index
        while index < count {
            let digit = bytes[index] &- 48
            if digit > 9 { break }
            value = value &* 10 &+ UInt64(digit)
            index += 1
        }
        var digits = index - integerStart
        var fractionDigits = 0
        if index < count {
            guard bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            let fractionStart = index
            while index < count {
                let digit = bytes[index] &- 48
                guard digit <= 9 else { return nil }
                value = value &* 10 &+ UInt64(digit)
                index += 1
            }
            fractionDigits = index - fractionStart
            digits += fractionDigits
        }
        guard digits > 0, digits <= 18, fractionDigits - scaleDigits <= 19 else { return nil }
        var scaled: UInt64
        if fractionDigits <= scaleDigits {
            let scale = scaleDigits - fractionDigits
            guard scale <= 18 else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: DecimalParser.powerOfTen(scale))
            guard !overflow else { return nil }
            scaled = product
        } else {
            // More fractional digits than kept (CUR writes up to 10): round half to even. One digit
            // too many is the usual case, and a division by the constant 10 is a multiplication.
            let excess = fractionDigits - scaleDigits
            let divisor = excess == 1 ? 10 : DecimalParser.powerOfTen(excess)
            let remainder: UInt64
            if excess == 1 {
                scaled = value / 10
                remainder = value - scaled * 10
            } else {
                scaled = value / divisor
                remainder = value % divisor
            }
            let twice = remainder * 2
            if twice > divisor || (twice == divisor && scaled & 1 == 1) { scaled += 1 }
        }
        guard scaled <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(scaled) : Int64(scaled)
    }

    /// 10^power for 0...19, from constants (a static table costs a lazy-initialization check per call).
    @inlinable
    static func powerOfTen(_ power: Int) -> UInt64 {
        switch power {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        default:
            var result: UInt64 = 1_000_000_000
            for _ in 9..<power { result &*= 10 }
            return result
        }
    }

    @usableFromInline
    static func parseGeneral(_ bytes: UnsafeRawBufferPointer, scaleDigits: Int) throws(Failure) -> Int64 {
        let count = bytes.count
        guard count > 0 else { throw .notANumber }
        var index = 0
        var negative = false
        let first = bytes[0]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: Int128 = 0
        var significantDigits = 0
        var exponent = 0
        var sawDigit = false
        var sawPoint = false
        while index < count {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                sawDigit = true
                if mantissa != 0 || byte != 48 { significantDigits += 1 }
                if significantDigits > 36 { throw .tooManyDigits }
                mantissa = mantissa * 10 + Int128(byte - 48)
                if sawPoint { exponent -= 1 }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { throw .notANumber }
        if index < count {
            let marker = bytes[index]
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { throw .notANumber }
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var sawExponentDigit = false
            while index < count {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { throw .notANumber }
                sawExponentDigit = true
                if written < 100_000 { written = written * 10 + Int(byte - 48) }
                index += 1
            }
            guard sawExponentDigit else { throw .notANumber }
            exponent += exponentNegative ? -written : written
        }
        let shift = exponent + scaleDigits
        var scaled: Int128
        if mantissa == 0 {
            scaled = 0
        } else if shift >= 0 {
            guard shift <= 19 else { throw .outOfRange }
            scaled = mantissa
            for _ in 0..<shift {
                scaled *= 10
                if scaled > Int128(Int64.max) { throw .outOfRange }
            }
        } else if -shift > 38 {
            scaled = 0
        } else {
            var divisor: Int128 = 1
            for _ in 0..<(-shift) { divisor *= 10 }
            let quotient = mantissa / divisor
            let remainder = mantissa % divisor
            let twice = remainder * 2
            if twice > divisor || (twice == divisor && quotient % 2 == 1) {
                scaled = quotient + 1
            } else {
                scaled = quotient
            }
        }
        guard scaled <= Int128(Int64.max) else { throw .outOfRange }
        return negative ? -Int64(scaled) : Int64(scaled)
    }

    /// Convenience for tests and command-line values.
    public static func parseFixed(_ text: String, scaleDigits: Int = 9) throws(Failure) -> Int64 {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(Failure) -> Int64 in try parseFixed(buffer, scaleDigits: scaleDigits) }
        }
        return try result.get()
    }
}
