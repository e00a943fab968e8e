/// One adapter column of the row group being read, as plain pointers into its `ParquetSlot`.
///
/// The per-field reads of `ParquetRecordSource` go through these: loading a class reference (the
/// slot) from an array costs a retain and a release, and those were a tenth of a Parquet ingest
/// (perf, 1M-line-item CUR 2.0 file). The slot owns the memory and stays alive while the row group
/// is read; the pointers here are refreshed when the slot computes a conversion.
struct ParquetField {
    /// What the column is in this row group.
    enum Shape: UInt8 {
        /// Not in the file, or not read.
        case absent
        /// One value per row.
        case scalar
        /// Entries per row (a map or a list).
        case entries
    }

    var shape = Shape.absent
    /// Per row: the value index or -1 for a null (scalar; nil when the column has no null in the
    /// group: row `r` is value `r`); the first entry (entries, rows + 1 starts).
    var rowIndex: UnsafePointer<Int32>?
    /// String values (scalar columns; a map's keys).
    var text: ParquetSlot.ByteColumn?
    /// Per entry of a map: the key's and the value's value index, -1 for null.
    var entryKey: UnsafePointer<Int32>?
    var entryValue: UnsafePointer<Int32>?
    /// A map's string values.
    var valueText: ParquetSlot.ByteColumn?
    /// Fixed-point values per row at `fixedDigits` decimals, once the slot has computed them.
    var fixedDigits = -1
    var fixed: UnsafePointer<Int64>?
    /// Day numbers per row, once the slot has computed them.
    var days: UnsafePointer<Int32>?

    init() {}

    /// A scalar column's value index of `row`, -1 for a null.
    @inline(__always)
    func valueIndex(_ row: Int) -> Int {
        guard let rowIndex else { return row }
        return Int(rowIndex[row])
    }

    init(_ slot: ParquetSlot, scalar: Bool) {
        shape = scalar ? .scalar : .entries
        rowIndex = slot.rowIndex.isEmpty ? nil : UnsafePointer(slot.rowIndex.baseAddress)
        text = slot.text
        entryKey = UnsafePointer(slot.entryKey.baseAddress)
        entryValue = UnsafePointer(slot.entryValue.baseAddress)
        valueText = slot.valueText
    }
}
