@testable import CostIngest

// The tag-object parser: never a crash on any bytes; every key and value it reports is valid
// UTF-8 when the input is (escapes decode to scalars, lone surrogates to U+FFFD); a parse that
// succeeds gives the same pairs again on the same bytes with surrounding whitespace added.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    FuzzSeeds.writeIfAsked(FuzzSeeds.text([
        "{}", " { } ", "{\"team\":\"web\",\"cost-center\":42}", "{\"a\":null,\"b\":true,\"c\":-1.5e3}",
        "{\"k\\\"ey\":\"v\\\\al\\n\\t\\u00e9\\ud83d\\ude00\\ud800\"}", "{\"a\":{\"b\":1}}", "{\"a\":[1]}",
        "{\"a\":\"b\"} x", "{\"a\" : \"b\" ,\n \"c\":\"d\"}", "{\"unterminated", "[]", "",
    ]))
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTags(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let inputIsUTF8 = String(validating: bytes, as: UTF8.self) != nil
    guard let pairs = parse(bytes) else { return 0 }
    if inputIsUTF8 {
        for (key, value) in pairs {
            fuzzCheck(String(validating: key, as: UTF8.self) != nil && String(validating: value, as: UTF8.self) != nil,
                      "\(text(bytes)) gave invalid UTF-8 in \(key) = \(value)")
        }
    }
    let padded = [0x20, 0x0A] + Array(bytes) + [0x0D, 0x0A, 0x09]
    let again = padded.withUnsafeBytes { parse($0) }
    fuzzCheck(again.map { $0.map { [$0.0, $0.1] } } == pairs.map { [$0.0, $0.1] },
              "\(text(bytes)) padded with whitespace parsed differently: \(String(describing: again)) vs \(pairs)")
    return 0
}

/// The key-value pairs, or nil when the parser rejects the bytes.
private func parse(_ bytes: UnsafeRawBufferPointer) -> [([UInt8], [UInt8])]? {
    var pairs: [([UInt8], [UInt8])] = []
    do {
        try TagObjectParser.parse(bytes) { key, value in pairs.append((Array(key), Array(value))) }
    } catch {
        return nil
    }
    return pairs
}

private func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self).debugDescription }
