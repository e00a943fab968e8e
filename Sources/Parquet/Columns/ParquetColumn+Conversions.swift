/// Typed conversions the ingest needs, each refusing what it cannot convert exactly with a clear error.
///
/// All take a value index (see `valueIndex(entry:)`); nulls never reach them.
extension ParquetColumn {
    /// Calls `body` with the bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value (no copy).
    @inline(__always)
    public func withBytes<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        switch descriptor.physicalType {
        case .byteArray, .fixedLenByteArray, .int96:
            let range = values.byteRange(index)
            return try values.bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        default:
            throw conversionError("\(descriptor.physicalType) is not text or bytes")
        }
    }

    /// A BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY value as text (invalid UTF-8 is repaired).
    public func string(_ index: Int) throws -> String {
        try withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// A number as fixed point with `digits` decimal places (e.g. 9 for nano-units).
    ///
    /// DECIMAL columns of any physical type are rescaled exactly (extra digits are rounded half-even),
    /// plain integers are scaled up, FLOAT and DOUBLE are rounded half-even.
    /// - Throws: `ParquetError` when the column is not numeric or the result does not fit an `Int64`.
    public func fixedPoint(_ index: Int, digits: Int) throws -> Int64 {
        guard (0...18).contains(digits) else { throw conversionError("\(digits) decimal digits asked for") }
        let scale = descriptor.decimalScale ?? 0
        let unscaled: Int128
        switch descriptor.physicalType {
        case .int32: unscaled = Int128(values.int32s[index])
        case .int64:
            if case .integer(64, false) = descriptor.logicalType {
                unscaled = Int128(UInt64(bitPattern: values.int64s[index]))
            } else {
                unscaled = Int128(values.int64s[index])
            }
        case .float: return try fixedPoint(double: Double(values.floats[index]), digits: digits)
        case .double: return try fixedPoint(double: values.doubles[index], digits: digits)
        case .byteArray, .fixedLenByteArray:
            guard descriptor.decimalScale != nil else { throw conversionError("\(descriptor.physicalType) without DECIMAL is not a number") }
            unscaled = try withBytes(index) { try bigEndianInteger($0) }
        case .boolean, .int96:
            throw conversionError("\(descriptor.physicalType) is not a number")
        }
        if case .integer(32, false) = descriptor.logicalType, descriptor.physicalType == .int32 {
            return try rescale(Int128(UInt32(bitPattern: values.int32s[index])), from: 0, to: digits)
        }
        return try rescale(unscaled, from: scale, to: digits)
    }

    /// Every value as `fixedPoint(_:digits:)` gives it, in one pass: the values (0 where a value
    /// failed) and, by value index, why each failed value could not be converted.
    ///
    /// DOUBLE, FLOAT and plain integers (the usual amounts) are converted in a tight loop with the
    /// scale factor computed once; other types go value by value.
    public func fixedPoints(digits: Int) -> (values: [Int64], failures: [Int: String]) {
        var failures: [Int: String] = [:]
        let count = values.count
        let scale = descriptor.decimalScale ?? 0
        func eachValue(_ convert: (Int) throws -> Int64) -> [Int64] {
            [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    do { buffer[index] = try convert(index) } catch {
                        buffer[index] = 0
                        failures[index] = "\(error)"
                    }
                }
                initialized = count
            }
        }
        guard (0...18).contains(digits) else { return (eachValue { try fixedPoint($0, digits: digits) }, failures) }
        switch descriptor.physicalType {
        case .double, .float:
            var factor = 1.0
            for _ in 0..<digits { factor *= 10 }
            let isDouble = descriptor.physicalType == .double
            let doubles = values.doubles
            let floats = values.floats
            return (eachValue { index in
                let double = isDouble ? doubles[index] : Double(floats[index])
                let scaled = (double * factor).rounded(.toNearestOrEven)
                guard scaled.isFinite, scaled >= -9.223372036854775808e18, scaled < 9.223372036854775808e18 else {
                    throw conversionError("\(double) overflows 64 bits at \(digits) decimal digits")
                }
                return Int64(scaled)
            }, failures)
        case .int64 where scale >= 0 && digits >= scale && descriptor.logicalType != .integer(bitWidth: 64, isSigned: false):
            var factor: Int64 = 1
            for _ in 0..<(digits - scale) { factor *= 10 }
            let int64s = values.int64s
            return (eachValue { index in
                let (scaled, overflow) = int64s[index].multipliedReportingOverflow(by: factor)
                guard !overflow else { return try fixedPoint(index, digits: digits) }
                return scaled
            }, failures)
        default:
            return (eachValue { try fixedPoint($0, digits: digits) }, failures)
        }
    }

    /// The unscaled integer of a DECIMAL value of any physical type (wide FIXED decimals up to 128 bits).
    func unscaledDecimal(_ index: Int) throws -> Int128 {
        guard descriptor.decimalScale != nil else { throw conversionError("not a DECIMAL column") }
        switch descriptor.physicalType {
        case .int32: return Int128(values.int32s[index])
        case .int64: return Int128(values.int64s[index])
        case .byteArray, .fixedLenByteArray: return try withBytes(index) { try bigEndianInteger($0) }
        default: throw conversionError("DECIMAL on \(descriptor.physicalType)")
        }
    }

    /// A TIMESTAMP, DATE or INT96 value as microseconds since 1970-01-01 00:00 UTC.
    ///
    /// Timestamps not adjusted to UTC (local wall-clock time) are taken as UTC: bills carry no zone.
    /// Nanoseconds are floored to the microsecond.
    public func timestampMicros(_ index: Int) throws -> Int64 {
        switch (descriptor.physicalType, descriptor.logicalType) {
        case (.int64, .timestamp(let unit, _)), (.int32, .timestamp(let unit, _)):
            let raw = descriptor.physicalType == .int64 ? values.int64s[index] : Int64(values.int32s[index])
            switch unit {
            case .millis:
                let (micros, overflow) = raw.multipliedReportingOverflow(by: 1000)
                guard !overflow else { throw conversionError("timestamp \(raw) ms is out of range") }
                return micros
            case .micros: return raw
            case .nanos: return floorDivide(raw, 1000)
            }
        case (.int32, .date):
            let (micros, overflow) = Int64(values.int32s[index]).multipliedReportingOverflow(by: 86_400_000_000)
            guard !overflow else { throw conversionError("date \(values.int32s[index]) is out of range") }
            return micros
        case (.int96, _):
            return try withBytes(index) { bytes in
                let nanos = Int64(bitPattern: bytes.loadUnaligned(as: UInt64.self).littleEndian)
                let julianDay = Int64(Int32(bitPattern: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian))
                let days = julianDay - 2_440_588  // Julian day of 1970-01-01
                let (dayMicros, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000)
                let (sum, overflow2) = dayMicros.addingReportingOverflow(floorDivide(nanos, 1000))
                guard !overflow, !overflow2 else { throw conversionError("INT96 timestamp out of range") }
                return sum
            }
        default:
            throw conversionError("\(descriptor.physicalType) \(descriptor.logicalType.map { "\($0)" } ?? "") is not a timestamp or date")
        }
    }

    /// A TIMESTAMP, DATE or INT96 value as a day number since 1970-01-01 (UTC days, floored).
    public func dayNumber(_ index: Int) throws -> Int32 {
        if descriptor.physicalType == .int32, descriptor.logicalType == .date { return values.int32s[index] }
        let micros = try timestampMicros(index)
        let day = floorDivide(micros, 86_400_000_000)
        guard let narrow = Int32(exactly: day) else { throw conversionError("day \(day) is out of range") }
        return narrow
    }

    // MARK: - Helpers

    /// Division rounding toward negative infinity, without the overflow of `(a - (b - 1)) / b`.
    private func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    private func conversionError(_ message: String) -> ParquetError {
        ParquetError(.conversion, path: path, "column \(descriptor.dottedPath): \(message)")
    }

    /// A big-endian two's-complement integer of up to 16 significant bytes.
    private func bigEndianInteger(_ bytes: UnsafeRawBufferPointer) throws -> Int128 {
        guard let first = bytes.first else { throw conversionError("empty DECIMAL value") }
        let sign: UInt8 = first & 0x80 != 0 ? 0xFF : 0
        let significant = bytes.count > 16 ? bytes.count - 16 : 0
        guard bytes.prefix(significant).allSatisfy({ $0 == sign }) else { throw conversionError("DECIMAL wider than 128 bits") }
        var value = Int128(Int8(bitPattern: bytes[significant]))
        for byte in bytes.dropFirst(significant + 1) { value = value << 8 | Int128(byte) }
        return value
    }

    private func rescale(_ unscaled: Int128, from scale: Int, to digits: Int) throws -> Int64 {
        var value = unscaled
        if value == 0 { return 0 }
        if digits > scale {
            // A file can declare any scale; more than 38 extra digits overflows whatever the value.
            guard digits - scale <= 38 else { throw conversionError("value overflows at \(digits) decimal digits") }
            for _ in 0..<(digits - scale) {
                let (next, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { throw conversionError("value overflows at \(digits) decimal digits") }
                value = next
            }
        } else if digits < scale {
            let shift = scale - digits
            guard shift <= 38 else { return 0 }
            var divisor: Int128 = 1
            for _ in 0..<shift { divisor *= 10 }
            var quotient = value / divisor
            let remainder = value % divisor
            let twice = remainder.magnitude * 2
            if twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0) {
                quotient += value < 0 ? -1 : 1
            }
            value = quotient
        }
        guard let result = Int64(exactly: value) else { throw conversionError("value \(value) overflows 64 bits at \(digits) decimal digits") }
        return result
    }

    private func fixedPoint(double: Double, digits: Int) throws -> Int64 {
        var factor = 1.0
        for _ in 0..<digits { factor *= 10 }
        let scaled = (double * factor).rounded(.toNearestOrEven)
        guard scaled.isFinite, scaled >= -9.223372036854775808e18, scaled < 9.223372036854775808e18 else {
            throw conversionError("\(double) overflows 64 bits at \(digits) decimal digits")
        }
        return Int64(scaled)
    }
}
