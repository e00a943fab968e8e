import CostModel
/// Maps byte strings to dense codes 1, 2, 3, ... without creating a `String` per lookup.
///
/// Ingest interns every dimension value of every line item, so this is the hot path: keys live in one
/// byte arena, the table is open-addressed with linear probing, and the last value looked up is
/// remembered because consecutive line items usually repeat it. Code 0 is reserved for "missing"
/// (the empty value). A class, so interning through an array of interners pays no copy-on-write check.
public final class ByteInterner {
    private var arena: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = [0]
    private var slots: [UInt32]
    private var mask: Int
    private var lastCode: UInt32 = 0

    /// Number of codes handed out, including the reserved code 0.
    public var count: Int { offsets.count }

    public init() {
        slots = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// The code of `bytes`, adding it when new. Empty input is code 0.
    @inline(__always)
    public func code(for bytes: UnsafeRawBufferPointer) -> UInt32 {
        let length = bytes.count
        if length == 0 { return 0 }
        // Consecutive line items mostly repeat a value: compare with the last one before hashing.
        if lastCode != 0 && equals(lastCode, bytes) { return lastCode }
        let hash = ByteInterner.hash(bytes)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code == 0 { break }
            if hashes[Int(code)] == hash && equals(code, bytes) {
                lastCode = code
                return code
            }
            slot = (slot + 1) & mask
        }
        let code = UInt32(offsets.count)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        hashes.append(hash)
        slots[slot] = code
        if offsets.count * 2 > slots.count { grow() }
        lastCode = code
        return code
    }

    /// The code of a String (used when merging an old cache's dictionaries).
    public func code(for text: String) -> UInt32 {
        var copy = text
        return copy.withUTF8 { code(for: UnsafeRawBufferPointer($0)) }
    }

    /// The bytes of `code`.
    public func bytes(of code: UInt32) -> ArraySlice<UInt8> {
        arena[offsets[Int(code) - 1 + 0]..<offsets[Int(code)]]
    }

    /// All values as Strings, index = code, with "" at 0.
    public func strings() -> [String] {
        var result = [""]
        result.reserveCapacity(offsets.count)
        for code in 1..<offsets.count {
            // Invalid UTF-8 from a file is kept visible as \xNN escapes rather than replaced.
            result.append(TerminalSanitizer.decodeEscapingInvalidUTF8(arena[offsets[code - 1]..<offsets[code]]))
        }
        return result
    }

    @inline(__always)
    private func equals(_ code: UInt32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[Int(code) - 1]
        let end = offsets[Int(code)]
        guard end - start == bytes.count else { return false }
        return arena.withUnsafeBytes { stored in
            // Most values are short ids and codes: compare words inline instead of calling memcmp.
            let left = stored.baseAddress! + start
            let right = bytes.baseAddress!
            var index = 0
            while index + 8 <= bytes.count {
                if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
                index += 8
            }
            while index < bytes.count {
                if left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) {
                    return false
                }
                index += 1
            }
            return true
        }
    }

    private func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for code in 1..<offsets.count {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(code)
        }
    }

    /// FNV-1a over 8-byte words with a final mix: fast for the short keys billing data has.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0x100_0000_01b3
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0x100_0000_01b3
        hash ^= hash >> 32
        hash = hash &* 0xd6e8_feb8_6659_fd93
        hash ^= hash >> 32
        return hash
    }
}

#if canImport(Glibc)
import Glibc
#endif
