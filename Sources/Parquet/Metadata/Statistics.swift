/// A column chunk's or page's statistics, as written (min/max in the column's plain encoding).
public struct Statistics: Sendable, Equatable {
    /// Nulls counted by the writer, when given.
    public var nullCount: Int64?
    /// Distinct values counted by the writer, when given.
    public var distinctCount: Int64?
    /// Smallest value in PLAIN encoding (the newer `min_value`, else the legacy `min`).
    public var min: [UInt8]?
    /// Largest value in PLAIN encoding (the newer `max_value`, else the legacy `max`).
    public var max: [UInt8]?

    /// Decodes Parquet's `Statistics` struct.
    static func decode(_ reader: inout CompactReader) throws -> Statistics {
        var stats = Statistics()
        var legacyMin: [UInt8]?
        var legacyMax: [UInt8]?
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .binary): legacyMax = try reader.readBinary()
            case (2, .binary): legacyMin = try reader.readBinary()
            case (3, .i64): stats.nullCount = try reader.readI64()
            case (4, .i64): stats.distinctCount = try reader.readI64()
            case (5, .binary): stats.max = try reader.readBinary()
            case (6, .binary): stats.min = try reader.readBinary()
            default: try reader.skip(type)
            }
        }
        stats.min = stats.min ?? legacyMin
        stats.max = stats.max ?? legacyMax
        return stats
    }
}
