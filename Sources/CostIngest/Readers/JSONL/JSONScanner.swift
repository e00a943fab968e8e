/// Where one JSON value lies in a line of bytes, and what kind it is.
///
/// Strings span their contents without the quotes (`escaped` tells whether they hold `\` escapes
/// that must be decoded); objects and arrays span their brackets, so they can be walked again.
struct JSONSpan: Equatable {
    enum Kind: UInt8 { case null, bool, number, string, object, array }
    var kind: Kind
    var start: Int
    var end: Int
    var escaped = false

    static let missing = JSONSpan(kind: .null, start: 0, end: 0)
}

/// Why a line is not valid JSON, and at which byte of it.
struct JSONSyntaxError: Error, Equatable {
    var reason: String
    var offset: Int
}

/// A strict JSON (RFC 8259) scanner over bytes that never copies them: it validates a value and
/// reports spans, and walks the members of an object or the elements of an array found earlier.
///
/// Nesting deeper than `maxDepth` is refused, so a hostile line cannot exhaust the stack.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var index: Int
    let maxDepth: Int

    init(_ bytes: UnsafeRawBufferPointer, at index: Int = 0, maxDepth: Int = 64) {
        self.bytes = bytes
        self.index = index
        self.maxDepth = maxDepth
    }

    @inline(__always)
    mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(reason: reason, offset: index) }

    /// Scans the value at `index` (after optional space) and moves past it.
    mutating func value(depth: Int = 0) throws(JSONSyntaxError) -> JSONSpan {
        skipSpace()
        guard index < bytes.count else { throw fail("unexpected end of line: a value is missing") }
        let start = index
        switch bytes[index] {
        case 0x22: return try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < maxDepth else { throw fail("nested deeper than \(maxDepth) levels") }
            let isObject = bytes[index] == UInt8(ascii: "{")
            try container(isObject: isObject, depth: depth) { _, _ throws(JSONSyntaxError) in }
            return JSONSpan(kind: isObject ? .object : .array, start: start, end: index)
        case UInt8(ascii: "t"): try literal("true"); return JSONSpan(kind: .bool, start: start, end: index)
        case UInt8(ascii: "f"): try literal("false"); return JSONSpan(kind: .bool, start: start, end: index)
        case UInt8(ascii: "n"): try literal("null"); return JSONSpan(kind: .null, start: start, end: index)
        case UInt8(ascii: "-"), 0x30...0x39: return try number()
        default: throw fail("unexpected character '\(Self.shown(bytes[index]))'")
        }
    }

    /// Scans an object or array at `index`, calling `member` with each member's key (nil in an
    /// array) and leaving `index` at the value, which `member` must scan (or the scanner scans it).
    mutating func container(isObject: Bool, depth: Int,
                            _ member: (inout JSONScanner, JSONSpan?) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        index += 1
        skipSpace()
        if index < bytes.count && bytes[index] == close { index += 1; return }
        while true {
            var key: JSONSpan?
            if isObject {
                skipSpace()
                guard index < bytes.count, bytes[index] == 0x22 else { throw fail("expected a quoted key") }
                key = try string()
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                index += 1
            }
            skipSpace()
            let before = index
            try member(&self, key)
            if index == before { _ = try value(depth: depth + 1) }
            skipSpace()
            guard index < bytes.count else { throw fail(isObject ? "unterminated object" : "unterminated array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == close else {
                throw fail(isObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array")
            }
            index += 1
            return
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
              memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else { throw fail("invalid literal") }
        index += count
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONSpan {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        guard index > digitsStart else { throw fail("invalid number") }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            guard index > fraction else { throw fail("invalid number") }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            let exponent = index
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            guard index > exponent else { throw fail("invalid number") }
        }
        return JSONSpan(kind: .number, start: start, end: index)
    }

    private mutating func string() throws(JSONSyntaxError) -> JSONSpan {
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                return JSONSpan(kind: .string, start: start, end: index - 1, escaped: escaped)
            }
            if byte == 0x5C {
                escaped = true
                index += 2
                continue
            }
            guard byte >= 0x20 else { throw fail("control character inside a string") }
            index += 1
        }
        throw fail("unterminated string")
    }

    private static func shown(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    // MARK: - Reading spans found earlier

    /// The bytes of a span (a string's contents without decoding, a number's text).
    static func raw(_ bytes: UnsafeRawBufferPointer, _ span: JSONSpan) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.end])
    }

    /// A string span's decoded contents (escapes resolved, `\u` surrogate pairs joined).
    /// - Throws: an invalid escape, with its offset.
    static func decode(_ bytes: UnsafeRawBufferPointer, _ span: JSONSpan, into out: inout [UInt8]) throws(JSONSyntaxError) {
        out.removeAll(keepingCapacity: true)
        var index = span.start
        func hex(_ at: Int) throws(JSONSyntaxError) -> UInt32 {
            guard at + 4 <= span.end else { throw JSONSyntaxError(reason: "bad \\u escape", offset: at) }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[at + offset]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: throw JSONSyntaxError(reason: "bad \\u escape", offset: at)
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < span.end {
            let byte = bytes[index]
            guard byte == 0x5C else { out.append(byte); index += 1; continue }
            let kind = bytes[index + 1]
            index += 2
            switch kind {
            case 0x22, 0x5C, 0x2F: out.append(kind)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex(index)
                index += 4
                if scalar >= 0xD800 && scalar < 0xDC00, index + 6 <= span.end, bytes[index] == 0x5C,
                   bytes[index + 1] == UInt8(ascii: "u") {
                    let low = try hex(index + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                throw JSONSyntaxError(reason: "bad escape in a string", offset: index - 1)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
