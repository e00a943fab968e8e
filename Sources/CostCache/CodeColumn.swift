/// A row-aligned column of codes as the cache stores it: 1, 2 or 4 bytes per row (cache format 3
/// keeps each dictionary-coded column at the narrowest width its dictionary needs; format 2, and
/// columns built in memory, are 4 bytes wide).
///
/// Reading a code is one unaligned 4-byte load and a mask, whatever the width: no branch per
/// element, so loops that read a few columns of different widths stay as tight as they were with
/// `UnsafeBufferPointer<UInt32>`. The load reads up to 3 bytes past a narrow column's last value;
/// in a mapped cache another block, the footer or the trailer always follows a row-aligned block
/// (`CacheFile.parse` checks every block ends before the footer), and the zero columns standing in
/// for an aggregate's missing dimensions are allocated with that slack. Hot kernels that want the
/// element type itself switch on `width` once, outside their loop (`ScanKernel` does).
public struct CodeColumn: @unchecked Sendable {
    /// The first value's address (a valid address even when `count` is 0).
    public let base: UnsafeRawPointer
    /// Number of values.
    public let count: Int
    /// Bytes per value: 1, 2 or 4.
    public let width: Int
    @usableFromInline let shift: Int
    @usableFromInline let mask: UInt32

    /// A column of `count` values of `width` bytes at `base`, which must be followed by at least
    /// `4 - width` readable bytes (see the type's comment).
    public init(base: UnsafeRawPointer?, count: Int, width: Int) {
        precondition(width == 1 || width == 2 || width == 4, "a code column is 1, 2 or 4 bytes wide")
        self.base = base ?? UnsafeRawPointer(CodeColumn.empty)
        self.count = base == nil ? 0 : count
        self.width = width
        shift = width == 1 ? 0 : width == 2 ? 1 : 2
        mask = width == 4 ? .max : (1 << UInt32(width * 8)) - 1
    }

    /// A view of 4-byte codes held elsewhere (a category column built in memory).
    public init(_ codes: UnsafeBufferPointer<UInt32>) {
        self.init(base: codes.baseAddress.map(UnsafeRawPointer.init), count: codes.count, width: 4)
    }

    /// The code of row `row`.
    @inlinable @inline(__always)
    public subscript(row: Int) -> UInt32 {
        base.loadUnaligned(fromByteOffset: row &<< shift, as: UInt32.self) & mask
    }

    /// The values as `T` (which must be `width` bytes wide), for a loop specialised by width.
    @inlinable @inline(__always)
    public func typed<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type) -> UnsafePointer<T> {
        assert(MemoryLayout<T>.size == width, "a \(width)-byte column read as \(T.self)")
        return base.assumingMemoryBound(to: T.self)
    }

    /// The narrowest width (1, 2 or 4 bytes) that holds every code below `limit`.
    public static func width(forCodesBelow limit: Int) -> Int {
        limit <= 1 << 8 ? 1 : limit <= 1 << 16 ? 2 : 4
    }

    /// Four readable zero bytes: the base of an empty column.
    nonisolated(unsafe) private static let empty: UnsafeMutableRawPointer = {
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        pointer.initializeMemory(as: UInt64.self, repeating: 0, count: 1)
        return pointer
    }()
}

extension CodeColumn: RandomAccessCollection {
    /// 0: rows are numbered from the first.
    @inlinable public var startIndex: Int { 0 }
    /// One past the last row.
    @inlinable public var endIndex: Int { count }
}
