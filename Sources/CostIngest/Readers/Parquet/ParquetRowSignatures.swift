/// The row signatures of one row group for the roll-up's row memo (`RowMemo`): 32-bit words per
/// memo column and row, built a column at a time for a block of rows (4,096: a few hundred KB,
/// where a whole group's took megabytes per thread).
///
/// A string's word is its dictionary entry; a plain-encoded string's, or a map's (its entries'
/// keys and values), is a number given to each distinct value within the group. Equal words mean
/// equal values within the group, and nothing across groups (the memo is emptied per group).
/// Built column by column, the per-row work is one lookup per row instead of one call per column
/// and row (a signature written field by field cost more than the memo saved).
final class ParquetRowSignatures {
    /// The words of every row, back to back; row `r`'s are `offsets[r]..<offsets[r + 1]`.
    private var words: UnsafeMutablePointer<UInt32>
    private var wordCapacity = 0
    private var offsets: UnsafeMutablePointer<Int>
    private var offsetCapacity = 0
    /// Numbers given to plain-encoded strings within the group.
    private let interner = TupleCache()
    private var nextNumber: UInt32 = 0

    init() {
        words = .allocate(capacity: 0)
        offsets = .allocate(capacity: 0)
    }

    deinit {
        words.deallocate()
        offsets.deallocate()
    }

    /// Starts a row group: plain-encoded values are numbered afresh.
    func startGroup() {
        interner.removeAll()
        nextNumber = 0
    }

    /// Rows of a block.
    static let blockRows = 4_096

    /// Builds the signatures of the group's rows `block` over `columns` (signature `i` is row
    /// `block.lowerBound + i`); false when a column has no identity here (a typed column: a number
    /// or date read as text), and the rows then take the full path.
    ///
    /// A row's words: one per string column (its dictionary entry, the number of a plain-encoded
    /// value, or a null marker), then per map column the entry count and each entry's key and
    /// value. Columns are walked one at a time over all rows, in tight loops over raw memory.
    func build(fields: UnsafePointer<ParquetField>, columns: UnsafeBufferPointer<Int>, block: Range<Int>) -> Bool {
        let rows = block.count
        let first = block.lowerBound
        var scalars: [ParquetField] = []
        var maps: [ParquetField] = []
        for column in columns {
            let field = fields[column]
            switch field.shape {
            case .absent: continue  // the same in every row of the group
            case .scalar:
                guard field.text != nil else { return false }
                scalars.append(field)
            case .entries:
                guard field.text != nil, field.valueText != nil else { return false }
                maps.append(field)
            }
        }
        // Where each row's words start.
        if rows + 1 > offsetCapacity {
            offsets.deallocate()
            offsetCapacity = rows + 1
            offsets = .allocate(capacity: offsetCapacity)
        }
        let offsets = self.offsets
        let width = scalars.count
        for row in 0...rows { offsets[row] = row &* width }
        for map in maps {
            let starts = map.rowIndex!
            var added = 0
            for row in 0..<rows {
                offsets[row] &+= added
                added &+= 1 &+ 2 &* Int(starts[first &+ row &+ 1] &- starts[first &+ row])
            }
            offsets[rows] &+= added
        }
        if offsets[rows] > wordCapacity {
            words.deallocate()
            wordCapacity = offsets[rows]
            words = .allocate(capacity: wordCapacity)
        }
        let words = self.words
        for (position, field) in scalars.enumerated() {
            let text = field.text!
            if text.indices.isEmpty {
                for row in 0..<rows {
                    let value = field.valueIndex(first &+ row)
                    words[offsets[row] &+ position] = value < 0 ? UInt32.max : number(text.value(value))
                }
            } else {
                let indices = text.indices.baseAddress!
                if let rowIndex = field.rowIndex {
                    for row in 0..<rows {
                        let value = Int(rowIndex[first &+ row])
                        words[offsets[row] &+ position] = value < 0 ? UInt32.max : indices[value]
                    }
                } else {
                    for row in 0..<rows { words[offsets[row] &+ position] = indices[first &+ row] }
                }
            }
        }
        // Each map's words follow the strings' and the earlier maps' (`cursor`: the row's next word).
        if !maps.isEmpty {
            let cursor = UnsafeMutablePointer<Int>.allocate(capacity: rows)
            defer { cursor.deallocate() }
            for row in 0..<rows { cursor[row] = offsets[row] &+ width }
            for map in maps {
                let starts = map.rowIndex!
                let keys = map.entryKey!
                let values = map.entryValue!
                let keyText = map.text!
                let valueText = map.valueText!
                for row in 0..<rows {
                    var at = cursor[row]
                    let start = Int(starts[first &+ row])
                    let end = Int(starts[first &+ row &+ 1])
                    words[at] = UInt32(truncatingIfNeeded: end &- start)
                    at &+= 1
                    for entry in start..<end {
                        words[at] = identity(Int(keys[entry]), keyText)
                        words[at &+ 1] = identity(Int(values[entry]), valueText)
                        at &+= 2
                    }
                    cursor[row] = at
                }
            }
        }
        return true
    }

    /// The signature of the block's row `row` (valid until the next `build`).
    @inline(__always)
    func signature(row: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: words + offsets[row], count: (offsets[row + 1] &- offsets[row]) &* 4)
    }

    /// A string's identity: its dictionary entry, or the number of its bytes; a marker for null.
    @inline(__always)
    private func identity(_ value: Int, _ text: ParquetSlot.ByteColumn) -> UInt32 {
        if value < 0 { return UInt32.max }
        return text.indices.isEmpty ? number(text.value(value)) : text.indices[value]
    }

    /// The number of `bytes` within the group, given in order of first sight.
    private func number(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        // An empty string has a word of its own: the interner compares memory, which an empty
        // buffer may not have.
        if bytes.isEmpty { return UInt32.max - 1 }
        let hash = RowMemo.hash(bytes)
        let found = interner.entry(of: bytes, hash: hash)
        if found >= 0 { return interner.tuple(at: found) }
        let number = nextNumber
        nextNumber &+= 1
        _ = interner.insert(bytes, hash: hash, tuple: number)
        return number
    }
}
