/// One leaf column of one row group, decoded: its non-null values and its levels, with the row
/// structure worked out so callers can walk rows, nulls and nested entries.
///
/// Terms: an *entry* is one level pair (a value or a null / empty marker); a *value* is one non-null
/// value in `values`; a *row* is a top-level record. For a flat required column the three coincide.
public struct ParquetColumn: Sendable {
    /// The column this data belongs to.
    public internal(set) var descriptor: ColumnDescriptor
    /// The file it was read from, named in conversion errors.
    public internal(set) var path = ""
    /// The non-null values.
    public let values: ValueStore
    /// One definition level per entry; empty when the column cannot be null (max level 0).
    public let definitionLevels: [UInt8]
    /// One repetition level per entry; empty when the column is not repeated (max level 0).
    public let repetitionLevels: [UInt8]
    /// Entries (values and nulls).
    public let entryCount: Int
    /// Top-level rows.
    public let rowCount: Int
    /// For repeated columns, entry `rowStarts[r]` begins row `r` (with `entryCount` at the end).
    private let rowStarts: [Int32]
    /// For nullable columns, the value index of every 16th entry (the next value's, for a null):
    /// `valueIndex(entry:)` counts the present levels from there. One `Int32` per entry cost more
    /// memory than the levels themselves, for a table most readers never use.
    private let valueCheckpoints: [Int32]

    /// Works out rows and value positions, refusing levels that do not describe `rowCount` rows.
    init(descriptor: ColumnDescriptor, values: ValueStore, definitionLevels: [UInt8], repetitionLevels: [UInt8],
         entryCount: Int, rowCount: Int) throws {
        self.descriptor = descriptor
        self.values = values
        self.definitionLevels = definitionLevels
        self.repetitionLevels = repetitionLevels
        self.entryCount = entryCount
        self.rowCount = rowCount
        let name = descriptor.dottedPath
        if descriptor.maxRepetitionLevel > 0 {
            guard repetitionLevels.first ?? 0 == 0 else {
                throw DecodeFailure.data("column \(name) starts with repetition level \(repetitionLevels[0]), not a new row")
            }
            var starts: [Int32] = []
            starts.reserveCapacity(rowCount + 1)
            for (entry, level) in repetitionLevels.enumerated() where level == 0 {
                guard starts.count < rowCount else { throw DecodeFailure.data("column \(name) holds more than the \(rowCount) rows of its row group") }
                starts.append(Int32(entry))
            }
            guard starts.count == rowCount else { throw DecodeFailure.data("column \(name) holds \(starts.count) rows, its row group \(rowCount)") }
            starts.append(Int32(entryCount))
            rowStarts = starts
        } else {
            guard entryCount == rowCount else { throw DecodeFailure.data("column \(name) holds \(entryCount) values, its row group \(rowCount) rows") }
            rowStarts = []
        }
        if descriptor.maxDefinitionLevel > 0 {
            // One pass over every entry of the row group; a checkpoint every 16 entries.
            var next: Int32 = 0
            let top = UInt8(descriptor.maxDefinitionLevel)
            let checkpoints = definitionLevels.withUnsafeBufferPointer { levels in
                [Int32](unsafeUninitializedCapacity: (levels.count + 15) / 16) { buffer, initialized in
                    next = Self.checkpoints(levels, top: top, into: buffer)
                    initialized = (levels.count + 15) / 16
                }
            }
            guard Int(next) == values.count else { throw DecodeFailure.data("column \(name) has \(next) present levels but \(values.count) values") }
            valueCheckpoints = checkpoints
        } else {
            guard values.count == entryCount else { throw DecodeFailure.data("column \(name) holds \(values.count) values for \(entryCount) entries") }
            valueCheckpoints = []
        }
    }

    /// Writes the value index of every 16th entry (the count of levels equal to `top` before it)
    /// and returns the count over all levels. Sixteen levels are compared in one vector step: this
    /// runs over every entry of every nullable column.
    private static func checkpoints(_ levels: UnsafeBufferPointer<UInt8>, top: UInt8,
                                    into checkpoints: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        guard let base = levels.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let wanted = SIMD16<UInt8>(repeating: top)
        var next: Int32 = 0
        let blocks = levels.count / 16
        for block in 0..<blocks {
            checkpoints[block] = next
            let lanes = raw.loadUnaligned(fromByteOffset: block &* 16, as: SIMD16<UInt8>.self)
            let ones = SIMD16<UInt8>(repeating: 0).replacing(with: 1, where: lanes .== wanted)
            next &+= Int32(ones.wrappedSum())
        }
        if blocks * 16 < levels.count {
            checkpoints[blocks] = next
            for index in blocks * 16..<levels.count where levels[index] == top { next &+= 1 }
        }
        return next
    }

    // MARK: - Walking rows and entries

    /// The entries of top-level row `row` (one entry for a flat column; for a list or map, one per
    /// element, or a single null entry when it is null or empty).
    @inline(__always)
    public func entries(ofRow row: Int) -> Range<Int> {
        if rowStarts.isEmpty { return row..<row + 1 }
        return Int(rowStarts[row])..<Int(rowStarts[row + 1])
    }

    /// Whether entry `entry` holds no value (a null here or in an enclosing optional, or an empty list).
    @inline(__always)
    public func isNull(entry: Int) -> Bool {
        !definitionLevels.isEmpty && Int(definitionLevels[entry]) < descriptor.maxDefinitionLevel
    }

    /// The index into `values` of entry `entry`, or nil when it is null.
    @inline(__always)
    public func valueIndex(entry: Int) -> Int? {
        if definitionLevels.isEmpty { return entry }
        if isNull(entry: entry) { return nil }
        var index = Int(valueCheckpoints[entry >> 4])
        let top = UInt8(descriptor.maxDefinitionLevel)
        for earlier in (entry & ~15)..<entry where definitionLevels[earlier] == top { index += 1 }
        return index
    }

    /// The value index of a flat column's row, or nil when the row is null (use `entries(ofRow:)` for
    /// repeated columns).
    @inline(__always)
    public func valueIndex(row: Int) -> Int? { valueIndex(entry: entries(ofRow: row).lowerBound) }
}
