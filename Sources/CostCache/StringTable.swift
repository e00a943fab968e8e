/// A read-only view of a string-table block in a mapped cache: `UInt32` count, `UInt32` zero,
/// `UInt32` offsets[count + 1], then the UTF-8 bytes. Strings are decoded only when asked for, so
/// opening a cache with a million resource ids costs nothing until one is shown.
public struct StringTable: @unchecked Sendable {
    private let offsets: UnsafePointer<UInt32>
    private let bytes: UnsafePointer<UInt8>
    /// Number of strings.
    public let count: Int

    /// Checks the table's structure and wraps it.
    /// - Throws: a reason string when offsets are out of order or out of bounds.
    init(block: UnsafeRawBufferPointer) throws {
        guard block.count >= 12 else { throw TableError(reason: "string table too short") }
        let count = Int(block.load(fromByteOffset: 0, as: UInt32.self))
        let headerLength = 8 + (count + 1) * 4
        guard headerLength <= block.count else { throw TableError(reason: "string table offsets out of bounds") }
        let offsets = (block.baseAddress! + 8).assumingMemoryBound(to: UInt32.self)
        let byteCount = block.count - headerLength
        var previous: UInt32 = 0
        for index in 0...count {
            let offset = offsets[index]
            guard offset >= previous, Int(offset) <= byteCount else {
                throw TableError(reason: "string table offset \(index) out of order")
            }
            previous = offset
        }
        guard offsets[0] == 0 else { throw TableError(reason: "string table does not start at 0") }
        self.count = count
        self.offsets = offsets
        self.bytes = (block.baseAddress! + headerLength).assumingMemoryBound(to: UInt8.self)
    }

    /// The string at `index`.
    public subscript(index: Int) -> String {
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
    }

    /// The raw bytes of the string at `index`.
    public func bytes(at index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = Int(offsets[index])
        return UnsafeBufferPointer(start: bytes + start, count: Int(offsets[index + 1]) - start)
    }

    /// The index of `value`, by linear search (dictionaries are searched once per query filter).
    public func index(of value: String) -> Int? {
        var target = value
        return target.withUTF8 { wanted in
            for index in 0..<count {
                let candidate = bytes(at: index)
                if candidate.count == wanted.count && memcmpEqual(candidate, wanted) { return index }
            }
            return nil
        }
    }

    /// All strings, decoded.
    public var all: [String] { (0..<count).map { self[$0] } }

    struct TableError: Error { var reason: String }
}

private func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    for index in 0..<a.count where a[index] != b[index] { return false }
    return true
}
