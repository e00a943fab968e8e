import Parquet

/// One adapter column of the row group being read, laid out for per-row reads: the value index of
/// every row (or of every map entry) and the bytes of string values in raw memory owned here.
///
/// Built once per row group, so reading a field is a few loads: no dictionary lookup, no copy of
/// the decoded column, no reference counting (a per-field `ParquetColumn` access cost half the
/// ingest time before; measured with callgrind).
final class ParquetSlot {
    /// The decoded leaf (the key leaf of a map), kept for conversions and the slow paths.
    let column: ParquetColumn
    /// The value leaf of a map column.
    let valueColumn: ParquetColumn?
    /// Per row: the value index, or -1 for a null (scalar columns; empty when the column has no
    /// null in this group, where row `r` is value `r`); the first entry (map and repeated columns,
    /// with `rowCount + 1` starts).
    let rowIndex: UnsafeMutableBufferPointer<Int32>
    /// Rows in the group.
    let rows: Int
    /// Per entry of a map or repeated column: the key's (or the value's) value index, -1 for null.
    let entryKey: UnsafeMutableBufferPointer<Int32>
    let entryValue: UnsafeMutableBufferPointer<Int32>
    /// String bytes and offsets of the column (the key leaf for maps) and of a map's value leaf.
    let text: ByteColumn?
    let valueText: ByteColumn?
    /// Fixed-point values per row, by scale (0-18 digits), computed on first use; -1 rows failed.
    private(set) var fixed: [UnsafeMutableBufferPointer<Int64>?] = Array(repeating: nil, count: 19)
    private var fixedFailures: [Int: String] = [:]
    /// Day numbers per row, computed on first use; Int32.min for a null or a failure.
    private(set) var days: UnsafeMutableBufferPointer<Int32>?
    private var dayFailures: [Int: String] = [:]

    /// String values in raw memory: pool entry `e` is `bytes[offsets[e]..<offsets[e + 1]]`, and
    /// value `i` is entry `indices[i]` (a dictionary-encoded column) or entry `i`.
    ///
    /// For a dictionary-encoded column only the dictionary's bytes are copied, once per row group,
    /// and every row's string is handed out from them.
    struct ByteColumn {
        let bytes: UnsafeMutableRawBufferPointer
        let offsets: UnsafeMutableBufferPointer<Int>
        /// Empty unless the column is indexed.
        let indices: UnsafeMutableBufferPointer<UInt32>

        init?(_ column: ParquetColumn) {
            let values = column.values
            guard column.descriptor.decimalScale == nil,
                  values.physicalType == .byteArray || values.physicalType == .fixedLenByteArray else { return nil }
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, values.bytes.count), alignment: 1)
            values.bytes.withUnsafeBytes { bytes.copyMemory(from: $0) }
            let entries = values.poolCount
            let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: entries + 1)
            if values.physicalType == .byteArray {
                _ = offsets.initialize(from: values.offsets.prefix(entries + 1))
            } else {
                for index in 0...entries { offsets[index] = index * values.width }
            }
            indices = .allocate(capacity: values.isIndexed ? values.count : 0)
            if values.isIndexed { _ = indices.initialize(from: values.indices.prefix(values.count)) }
            self.bytes = bytes
            self.offsets = offsets
        }

        @inline(__always)
        func value(_ index: Int) -> UnsafeRawBufferPointer {
            let entry = indices.isEmpty ? index : Int(indices[index])
            return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[offsets[entry]..<offsets[entry + 1]])
        }

        func free() {
            bytes.deallocate()
            offsets.deallocate()
            indices.deallocate()
        }
    }

    init(scalar column: ParquetColumn, rows: Int) {
        self.column = column
        valueColumn = nil
        self.rows = rows
        // A column without nulls needs no table: four bytes a row less for most string columns.
        let dense = column.definitionLevels.isEmpty || column.values.count == column.entryCount
        rowIndex = .allocate(capacity: dense ? 0 : rows)
        if !dense { ParquetSlot.valueIndexes(column, into: rowIndex) }
        entryKey = .allocate(capacity: 0)
        entryValue = .allocate(capacity: 0)
        text = ByteColumn(column)
        valueText = nil
    }

    init(entries keys: ParquetColumn, values: ParquetColumn?, rows: Int) {
        column = keys
        valueColumn = values
        self.rows = rows
        rowIndex = .allocate(capacity: rows + 1)
        var entry = 0
        for row in 0..<rows {
            rowIndex[row] = Int32(entry)
            entry = keys.entries(ofRow: row).upperBound
        }
        rowIndex[rows] = Int32(entry)
        entryKey = .allocate(capacity: keys.entryCount)
        ParquetSlot.valueIndexes(keys, into: entryKey)
        entryValue = .allocate(capacity: values?.entryCount ?? 0)
        if let values { ParquetSlot.valueIndexes(values, into: entryValue) }
        text = ByteColumn(keys)
        valueText = values.flatMap(ByteColumn.init)
    }

    /// The value index of every entry (-1 for a null), in one pass over the definition levels:
    /// a value is present where the level is the column's maximum.
    private static func valueIndexes(_ column: ParquetColumn, into indexes: UnsafeMutableBufferPointer<Int32>) {
        let count = min(column.entryCount, indexes.count)
        let top = UInt8(clamping: column.descriptor.maxDefinitionLevel)
        column.definitionLevels.withUnsafeBufferPointer { levels in
            if levels.isEmpty || column.values.count == column.entryCount {
                // No nulls in this row group (or none possible): entry i is value i.
                for entry in 0..<count { indexes[entry] = Int32(entry) }
                return
            }
            if column.values.count == 0 {
                UnsafeMutableBufferPointer(rebasing: indexes[0..<count]).initialize(repeating: -1)
                return
            }
            // Branch-free: levels of nullable columns alternate too often for a branch to predict.
            var next: Int32 = 0
            for entry in 0..<count {
                let present: Int32 = levels[entry] == top ? 1 : 0
                indexes[entry] = next | (present &- 1)
                next &+= present
            }
        }
    }

    deinit {
        rowIndex.deallocate()
        entryKey.deallocate()
        entryValue.deallocate()
        text?.free()
        valueText?.free()
        for buffer in fixed { buffer?.deallocate() }
        days?.deallocate()
    }

    /// The value index of a scalar column's row, -1 for a null.
    @inline(__always)
    func valueIndex(_ row: Int) -> Int { rowIndex.isEmpty ? row : Int(rowIndex[row]) }

    /// The fixed-point value of `row` at `digits` decimals (scalar columns); 0 for a null.
    @inline(__always)
    func fixedPoint(row: Int, digits: Int) throws(FieldError) -> Int64 {
        if let values = fixed[digits] {
            let value = values[row]
            if value == -1, let failure = fixedFailures[row &* 19 &+ digits] { throw FieldError(failure) }
            return value
        }
        return try fixedPointSlow(row: row, digits: digits)
    }

    private func fixedPointSlow(row: Int, digits: Int) throws(FieldError) -> Int64 {
        guard (0...18).contains(digits) else { throw FieldError("\(digits) decimal digits asked for") }
        let values = UnsafeMutableBufferPointer<Int64>.allocate(capacity: rows)
        // Every value converted in one pass (one scale factor, one loop per type), then laid out by row.
        let converted = column.fixedPoints(digits: digits)
        converted.values.withUnsafeBufferPointer { byValue in
            for index in 0..<rows {
                let value = valueIndex(index)
                values[index] = value >= 0 ? byValue[value] : 0
            }
        }
        if !converted.failures.isEmpty {
            for index in 0..<rows {
                let value = valueIndex(index)
                guard value >= 0, let failure = converted.failures[value] else { continue }
                values[index] = -1
                fixedFailures[index &* 19 &+ digits] = failure
            }
        }
        fixed[digits] = values
        return try fixedPoint(row: row, digits: digits)
    }

    /// The UTC day number of `row` (scalar columns); nil for a null.
    @inline(__always)
    func day(row: Int) throws(FieldError) -> Int32? {
        if let days {
            let day = days[row]
            if day == Int32.min {
                if let failure = dayFailures[row] { throw FieldError(failure) }
                return nil
            }
            return day
        }
        let computed = UnsafeMutableBufferPointer<Int32>.allocate(capacity: rows)
        for index in 0..<rows {
            let value = valueIndex(index)
            guard value >= 0 else { computed[index] = Int32.min; continue }
            do {
                computed[index] = try column.dayNumber(value)
            } catch {
                computed[index] = Int32.min
                dayFailures[index] = "\(error)"
            }
        }
        days = computed
        return try day(row: row)
    }
}
