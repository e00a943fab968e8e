/// A reference to bytes stored in a `TextArena`: a plain pair of integers, so line profiles that
/// hold dozens of them stay trivially copyable and the hot loop does no reference counting.
struct TextRef: Equatable, Sendable {
    var start: Int32
    var count: Int32

    /// The empty text.
    static let empty = TextRef(start: 0, count: 0)
}

/// Append-only storage for all the catalog text the writers copy into rows.
///
/// Text is stored CSV-ready: a value that needs quoting is stored already quoted, so writing a
/// field is one `memcpy` with no per-row scanning.
final class TextArena {
    private(set) var bytes: [UInt8] = []
    // Interning keeps repeated values (account ids, product codes, tag values) stored once.
    private var index: [String: TextRef] = [:]

    /// Stores `text` as one CSV field (quoted per RFC 4180 when it holds a comma, quote or line break).
    func field(_ text: String) -> TextRef {
        if let existing = index[text] { return existing }
        let encoded = CSV.encodeField(text)
        let ref = TextRef(start: Int32(bytes.count), count: Int32(encoded.count))
        bytes.append(contentsOf: encoded)
        index[text] = ref
        return ref
    }

    /// A read-only copy at a fixed address, for the writers' unchecked copies.
    func freeze() -> FrozenText { FrozenText(bytes) }
}

/// The arena's bytes at a stable address, alive as long as some writer holds this object.
final class FrozenText {
    let base: UnsafePointer<UInt8>

    /// Copies `bytes` to fresh storage.
    init(_ bytes: [UInt8]) {
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
        bytes.withUnsafeBufferPointer { source in
            if let address = source.baseAddress { storage.update(from: address, count: bytes.count) }
        }
        base = UnsafePointer(storage)
    }

    deinit { UnsafeMutablePointer(mutating: base).deallocate() }
}

/// RFC 4180 field encoding.
enum CSV {
    /// `text` as a CSV field: unchanged when safe, otherwise in double quotes with inner quotes doubled.
    static func encodeField(_ text: String) -> [UInt8] {
        let utf8 = Array(text.utf8)
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard needsQuotes else { return utf8 }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
            quoted.append(byte)
        }
        quoted.append(UInt8(ascii: "\""))
        return quoted
    }

    /// A whole CSV header or data line from plain values, ending in a newline.
    static func line(_ values: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (position, value) in values.enumerated() {
            if position > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: encodeField(value))
        }
        bytes.append(10)
        return bytes
    }
}
