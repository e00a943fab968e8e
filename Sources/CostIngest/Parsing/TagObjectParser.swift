/// Parses a flat JSON object of tags (`{"team":"web","cost-center":42}`) as FOCUS `Tags` and the
/// CUR 2.0 `resource_tags` map hold them, calling back with each key and value as bytes.
///
/// Also read: the object without its braces (Azure exports) and a list of `{"key", "value"}`
/// objects (BigQuery's flattened CSV, through `JSONMapEntries`).
///
/// Values may be strings, numbers, booleans or null (null is skipped: an absent tag). Nested objects
/// and arrays are errors, since tags are scalar by specification. No `Foundation` and no allocation
/// unless a string holds escapes.
enum TagObjectParser {
    struct Failure: Error {
        var reason: String
    }

    static func parse(_ bytes: UnsafeRawBufferPointer,
                      _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(Failure) {
        var index = 0
        let count = bytes.count
        func skipSpace() {
            while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
                index += 1
            }
        }
        skipSpace()
        if index == count { return }
        if bytes[index] == UInt8(ascii: "[") {
            // BigQuery's flattened CSV writes labels as a list of {key, value} objects.
            var scanner = JSONScanner(bytes, at: index)
            do throws(JSONSyntaxError) {
                let span = try scanner.value()
                scanner.skipSpace()
                guard scanner.index == count else { throw scanner.fail("text after the labels list") }
                try JSONMapEntries.forEach(in: bytes, span, body)
            } catch {
                throw Failure(reason: error.reason)
            }
            return
        }
        if bytes[index] == 0x22 {
            // Azure Cost Management writes tags without the braces: `"env": "prod","org": "trey"`.
            let inner = count - index
            let braced = UnsafeMutableRawBufferPointer.allocate(byteCount: inner + 2, alignment: 1)
            defer { braced.deallocate() }
            braced[0] = UInt8(ascii: "{")
            UnsafeMutableRawBufferPointer(rebasing: braced[1..<(inner + 1)]).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[index...]))
            braced[inner + 1] = UInt8(ascii: "}")
            try parse(UnsafeRawBufferPointer(braced), body)
            return
        }
        guard bytes[index] == UInt8(ascii: "{") else { throw Failure(reason: "tags are not a JSON object") }
        index += 1
        skipSpace()
        if index < count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            skipSpace()
            guard index == count else { throw Failure(reason: "text after the tags object") }
            return
        }
        var keyStorage: [UInt8] = []
        var valueStorage: [UInt8] = []
        while true {
            skipSpace()
            guard index < count, bytes[index] == 0x22 else { throw Failure(reason: "expected a quoted tag key") }
            let key = try readString(bytes, &index, &keyStorage)
            skipSpace()
            guard index < count, bytes[index] == UInt8(ascii: ":") else { throw Failure(reason: "expected ':' after a tag key") }
            index += 1
            skipSpace()
            guard index < count else { throw Failure(reason: "missing tag value") }
            let first = bytes[index]
            if first == 0x22 {
                let value = try readString(bytes, &index, &valueStorage)
                emit(key, value, body)
            } else if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                throw Failure(reason: "tag values must be scalars, not objects or arrays")
            } else {
                let start = index
                while index < count, bytes[index] != UInt8(ascii: ","), bytes[index] != UInt8(ascii: "}"),
                      bytes[index] != 0x20, bytes[index] != 0x0A, bytes[index] != 0x0D, bytes[index] != 0x09 {
                    index += 1
                }
                let literal = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                guard !literal.isEmpty else { throw Failure(reason: "missing tag value") }
                if !(literal.count == 4 && literal.elementsEqual("null".utf8)) {
                    emit(key, .storage(literal), body)
                }
            }
            skipSpace()
            guard index < count else { throw Failure(reason: "unterminated tags object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw Failure(reason: "expected ',' or '}' in tags") }
            index += 1
            skipSpace()
            guard index == count else { throw Failure(reason: "text after the tags object") }
            return
        }
    }

    private enum Piece {
        case storage(UnsafeRawBufferPointer)
        case copied([UInt8])
    }

    private static func emit(_ key: Piece, _ value: Piece,
                             _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) {
        withBytes(key) { keyBytes in withBytes(value) { valueBytes in body(keyBytes, valueBytes) } }
    }

    private static func withBytes(_ piece: Piece, _ body: (UnsafeRawBufferPointer) -> Void) {
        switch piece {
        case .storage(let bytes): body(bytes)
        case .copied(let array): array.withUnsafeBytes(body)
        }
    }

    /// Reads a JSON string at `index` (which points at the opening quote).
    private static func readString(_ bytes: UnsafeRawBufferPointer, _ index: inout Int,
                                   _ storage: inout [UInt8]) throws(Failure) -> Piece {
        let count = bytes.count
        index += 1
        let start = index
        while index < count, bytes[index] != 0x22, bytes[index] != 0x5C { index += 1 }
        guard index < count else { throw Failure(reason: "unterminated string in tags") }
        if bytes[index] == 0x22 {
            let piece = Piece.storage(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            index += 1
            return piece
        }
        storage.removeAll(keepingCapacity: true)
        storage.append(contentsOf: bytes[start..<index])
        while index < count {
            let byte = bytes[index]
            if byte == 0x22 {
                index += 1
                return .copied(storage)
            }
            if byte == 0x5C {
                guard index + 1 < count else { break }
                let escaped = bytes[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "n"): storage.append(0x0A)
                case UInt8(ascii: "t"): storage.append(0x09)
                case UInt8(ascii: "r"): storage.append(0x0D)
                case UInt8(ascii: "b"): storage.append(0x08)
                case UInt8(ascii: "f"): storage.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= count, let scalar = hexValue(bytes, index, 4) else {
                        throw Failure(reason: "bad \\u escape in tags")
                    }
                    index += 4
                    var value = scalar
                    if (0xD800..<0xDC00).contains(scalar), index + 6 <= count, bytes[index] == 0x5C,
                       bytes[index + 1] == UInt8(ascii: "u"), let low = hexValue(bytes, index + 2, 4),
                       (0xDC00..<0xE000).contains(low) {
                        value = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                    // A lone surrogate cannot be encoded; it becomes U+FFFD rather than invalid UTF-8.
                    let character = Unicode.Scalar(value) ?? "\u{FFFD}"
                    storage.append(contentsOf: Array(String(Character(character)).utf8))
                default: storage.append(escaped)
                }
            } else {
                storage.append(byte)
                index += 1
            }
        }
        throw Failure(reason: "unterminated string in tags")
    }

    private static func hexValue(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> UInt32? {
        var value: UInt32 = 0
        for index in start..<(start + length) {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}
