@testable import CostModel

// The decimal parser: its fast path (plain `[-]digits[.digits]`, 64-bit) must agree with the
// general parser (signs, exponents, 128-bit) on every input the fast path accepts, and every value
// accepted, written back out as plain decimal text, must parse to itself by both paths.

/// The scales the ingest uses (9 for money, 3 for quantities) and the extremes.
private let scales = [9, 3, 0, 18]

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    FuzzSeeds.writeIfAsked(FuzzSeeds.text([
        "0", "-0", "1", "-1", "0.5", "1.25", "0.0000000005", "0.0000000015", "0.00000000250",
        "123456789012345678", "9223372036.854775807", "9223372036.854775808", "-9223372036.854775807",
        "1.5E-7", "2e3", "+4.5", "1e309", "1e-400", "0x10", "NaN", "Infinity", "1abc", ".5", "5.",
        "1.00000000000000000000000000000000001", "00000000000000000000000000000000000000001",
    ]))
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecimal(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    for scale in scales {
        let general = Result { () throws(DecimalParser.Failure) -> Int64 in
            try DecimalParser.parseGeneral(bytes, scaleDigits: scale)
        }
        let whole = Result { () throws(DecimalParser.Failure) -> Int64 in
            try DecimalParser.parseFixed(bytes, scaleDigits: scale)
        }
        if let plain = DecimalParser.parsePlain(bytes, scaleDigits: scale) {
            fuzzCheck(general == .success(plain),
                      "\(text(bytes)) at scale \(scale): fast path \(plain), general \(general)")
        }
        fuzzCheck(whole == (DecimalParser.parsePlain(bytes, scaleDigits: scale).map { .success($0) } ?? general),
                  "\(text(bytes)) at scale \(scale): parseFixed \(whole) is neither path's answer")
        guard case .success(let value) = whole else { continue }
        let written = plainText(value, scale: scale)
        let again = Array(written.utf8).withUnsafeBytes { written in
            (DecimalParser.parsePlain(written, scaleDigits: scale),
             Result { () throws(DecimalParser.Failure) -> Int64 in try DecimalParser.parseGeneral(written, scaleDigits: scale) })
        }
        fuzzCheck(again.1 == .success(value), "\(text(bytes)) -> \(value) -> \(written) -> general \(again.1)")
        if let plain = again.0 { fuzzCheck(plain == value, "\(text(bytes)) -> \(value) -> \(written) -> fast \(plain)") }
    }
    return 0
}

/// `value` / 10^scale as `[-]digits[.digits]`.
private func plainText(_ value: Int64, scale: Int) -> String {
    let digits = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    guard scale > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
    let split = padded.index(padded.endIndex, offsetBy: -scale)
    return sign + padded[..<split] + "." + padded[split...]
}

private func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self).debugDescription }
