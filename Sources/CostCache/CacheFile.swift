import CostModel
import Foundation

/// A cache file mapped read-only, with typed views of its columns: the raw rows, or one of the
/// pre-aggregated tables beside them (`aggregates`, which share the dictionaries).
///
/// Opening checks the magic and version at both ends, the footer checksum, every block's bounds,
/// the checksums of the small blocks (dictionaries, tag tables, day indexes) and that the day index
/// is consistent. The row-aligned columns are checked lazily, per row group, on first use (see
/// `RowGroupVerifier`): `rows(in:)` and `verify(_:columns:)` check what a reader is about to read,
/// so the engine can index dense arrays by code without further checks. A damaged file is an
/// error naming the block, never a crash or a wrong number.
public final class CacheFile: @unchecked Sendable {
    /// The file's path.
    public let path: String
    /// The decoded footer.
    public let footer: CacheFooter
    /// Number of rows of this table.
    public let rowCount: Int
    /// Day of each row, non-decreasing.
    public let days: DayColumn
    /// Tag set of each row (all 0 in an aggregate, which keeps no tags).
    public let tagSetCodes: CodeColumn
    /// Tag set matrix: `tagSets[set * tagKeys.count + key]` is a value code of that key.
    public let tagSets: UnsafeBufferPointer<UInt32>
    /// Tag keys in column order.
    public let tagKeys: [String]
    /// Number of tag sets.
    public let tagSetCount: Int
    /// The dimensions this table keeps: every one for the raw rows, a few for an aggregate.
    public let keptDimensions: Set<FixedDimension>
    /// Within a day, rows are sorted by these dimensions' codes, in this order.
    public let clusterDimensions: [FixedDimension]
    /// The pre-aggregated tables, smallest first (none inside an aggregate).
    public let aggregates: [CacheFile]

    let firstDay: Int32
    /// Row index of each day's first row, from `firstDay`; one more entry than days.
    let dayStarts: UnsafeBufferPointer<Int64>
    private let mapping: CacheMapping
    private let verifier: RowGroupVerifier
    private let dimensionColumns: [CodeColumn]
    private let dictionaries: [StringTable]
    private let labelTables: [StringTable?]
    private let tagValueTables: [StringTable]
    private let measureColumns: [UnsafeBufferPointer<Int64>]
    /// Zeros standing in for the columns an aggregate does not keep (calloc: no memory until read;
    /// one byte a row, plus the slack `CodeColumn` reads past its last value).
    private let zeros: UnsafeMutableRawPointer?

    /// Maps and validates the cache at `path`.
    /// - Throws: `CacheError` naming the file and what is wrong with it.
    public convenience init(path: String, fileSystem: any FileSystem = PosixFileSystem()) throws {
        let mapping = try CacheMapping(path: path, fileSystem: fileSystem)
        let parsed = try CacheFile.parse(mapping.bytes, path: path)
        let aggregates = parsed.aggregates.map {
            CacheFile(path: path, parsed: parsed, table: $0, mapping: mapping, aggregates: [])
        }
        self.init(path: path, parsed: parsed, table: parsed.raw, mapping: mapping, aggregates: aggregates)
    }

    private init(path: String, parsed: Parsed, table: ParsedTable, mapping: CacheMapping, aggregates: [CacheFile]) {
        self.path = path
        self.mapping = mapping
        self.aggregates = aggregates
        footer = parsed.footer
        rowCount = table.rowCount
        days = table.days
        tagSets = parsed.tagSets
        tagKeys = parsed.tagKeys
        tagSetCount = parsed.footer.tagSetCount
        dictionaries = parsed.dictionaries
        labelTables = parsed.labels
        tagValueTables = parsed.tagValues
        measureColumns = table.measures
        firstDay = table.firstDay
        dayStarts = table.dayStarts
        clusterDimensions = table.cluster
        keptDimensions = Set(FixedDimension.allCases.filter { table.dimensions[$0.columnIndex] != nil })
        let needsZeros = table.tagSetCodes == nil || keptDimensions.count < FixedDimension.allCases.count
        let zeros = needsZeros && table.rowCount > 0 ? calloc(table.rowCount + 8, 1)! : nil
        self.zeros = zeros
        let zeroColumn = CodeColumn(base: zeros.map(UnsafeRawPointer.init), count: table.rowCount, width: 1)
        dimensionColumns = table.dimensions.map { $0 ?? zeroColumn }
        tagSetCodes = table.tagSetCodes ?? zeroColumn
        verifier = RowGroupVerifier(path: path, rowCount: table.rowCount, groupRows: parsed.footer.rowGroupRows,
                                    columns: table.verifierColumns, sums: table.groupSums,
                                    dayStarts: table.dayStarts, firstDay: table.firstDay)
    }

    deinit { zeros.map { free($0) } }

    /// Whether this is a pre-aggregated table rather than the raw rows.
    public var isAggregate: Bool { keptDimensions.count < FixedDimension.allCases.count }

    /// The smallest table that keeps every dimension in `needed`: an aggregate, or these rows.
    public func table(covering needed: Set<FixedDimension>) -> CacheFile {
        aggregates.first { needed.isSubset(of: $0.keptDimensions) } ?? self
    }

    /// Codes of a fixed dimension, one per row (1, 2 or 4 bytes each as stored; read as `UInt32`).
    public func codes(_ dimension: FixedDimension) -> CodeColumn {
        dimensionColumns[dimension.columnIndex]
    }

    /// The dictionary of a fixed dimension (code 0 is the missing value).
    public func dictionary(_ dimension: FixedDimension) -> StringTable { dictionaries[dimension.columnIndex] }

    /// Display names parallel to a dimension's dictionary (account names), when the data had them.
    public func labels(_ dimension: FixedDimension) -> StringTable? { labelTables[dimension.columnIndex] }

    /// The value dictionary of tag key number `keyIndex` (code 0 is untagged).
    public func tagValues(_ keyIndex: Int) -> StringTable { tagValueTables[keyIndex] }

    /// A measure column, one value per row.
    public func measure(_ measure: Measure) -> UnsafeBufferPointer<Int64> { measureColumns[measure.columnIndex] }

    /// The first and last day present, or nil for an empty cache.
    public var dayRange: DayRange? {
        guard rowCount > 0 else { return nil }
        return DayRange(from: Day(index: firstDay), to: Day(index: firstDay + Int32(dayStarts.count - 2)))
    }

    /// The first row whose day is not before `day` (from the day index).
    public func firstRow(onOrAfter day: Day) -> Int {
        let offset = Int(day.index) - Int(firstDay)
        if offset <= 0 { return 0 }
        if offset >= dayStarts.count - 1 { return rowCount }
        return Int(dayStarts[offset])
    }

    /// The rows of an inclusive day range, every column of them checked.
    /// - Throws: `CacheError.corrupt` naming the block when one of their row groups is damaged.
    public func rows(in range: DayRange) throws -> Range<Int> {
        let rows = unverifiedRows(in: range)
        try verify([rows], columns: CacheColumn.all)
        return rows
    }

    /// The rows of an inclusive day range, for a reader that checks the columns it reads itself
    /// (`verify(_:columns:)`) before reading them.
    public func unverifiedRows(in range: DayRange) -> Range<Int> {
        let start = firstRow(onOrAfter: range.from)
        let end = firstRow(onOrAfter: range.to.adding(days: 1))
        return start..<max(start, end)
    }

    /// Checks `columns` over the row groups `rows` touch, once per group for the life of this value.
    /// - Throws: `CacheError.corrupt` naming the block and rows when a group is damaged.
    public func verify(_ rows: [Range<Int>], columns: [CacheColumn]) throws {
        try verifier.verify(rows, columns: columns)
    }

    /// Checks every row group of every column (a reader about to read every row: a re-ingest).
    public func verifyAll() throws {
        try verifier.verifyAll()
    }
}
