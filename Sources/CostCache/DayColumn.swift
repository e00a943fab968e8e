/// The day of each row: an offset column (`CodeColumn`) from `origin`. Format 3 stores offsets
/// from the table's first day at the narrowest width the table's span of days needs (2 bytes for
/// up to 179 years); format 2 stored days since 1970 as `Int32`, read here as 4-byte offsets from
/// day 0 (a negative day's bit pattern comes back through the wrapping add).
public struct DayColumn: @unchecked Sendable {
    /// Offsets from `origin`, one per row.
    public let offsets: CodeColumn
    /// The day (since 1970-01-01) an offset of 0 stands for.
    public let origin: Int32

    /// Days as `offsets` from `origin` (days since 1970-01-01).
    public init(offsets: CodeColumn, origin: Int32) {
        self.offsets = offsets
        self.origin = origin
    }

    /// Number of rows.
    public var count: Int { offsets.count }

    /// The day of row `row` (days since 1970-01-01).
    @inlinable @inline(__always)
    public subscript(row: Int) -> Int32 {
        origin &+ Int32(bitPattern: offsets[row])
    }
}

extension DayColumn: RandomAccessCollection {
    /// 0: rows are numbered from the first.
    @inlinable public var startIndex: Int { 0 }
    /// One past the last row.
    @inlinable public var endIndex: Int { count }
}
