import CostModel

extension CacheFile {
    /// The rows of `range` whose leading cluster dimensions hold `prefix`'s codes: `prefix[0]` for
    /// `clusterDimensions[0]`, and so on. Rows are sorted within a day by those codes, so these are
    /// one run per day, found by binary search; the cluster columns searched are checked first.
    /// - Throws: `CacheError.corrupt` when a searched row group is damaged.
    public func runs(in range: DayRange, matching prefix: [UInt32]) throws -> [Range<Int>] {
        precondition(prefix.count <= clusterDimensions.count, "a prefix longer than the cluster key")
        let first = max(Int(range.from.index) - Int(firstDay), 0)
        let last = min(Int(range.to.index) - Int(firstDay), dayStarts.count - 2)
        guard first <= last else { return [] }
        var runs: [Range<Int>] = []
        runs.reserveCapacity(last - first + 1)
        for day in first...last where dayStarts[day] < dayStarts[day + 1] {
            runs.append(Int(dayStarts[day])..<Int(dayStarts[day + 1]))
        }
        for (level, code) in prefix.enumerated() {
            let column = codes(clusterDimensions[level])
            try verify(runs, columns: [.dimension(clusterDimensions[level])])
            runs = runs.compactMap { run in
                let start = CacheFile.lowerBound(column, code, in: run)
                let end = CacheFile.lowerBound(column, code + 1, in: start..<run.upperBound)
                return start < end ? start..<end : nil
            }
        }
        return runs
    }

    /// The first row of `rows` whose code is not below `code` (codes sorted within `rows`); the
    /// search is specialised for the column's width (one switch per search, none per step).
    static func lowerBound(_ column: CodeColumn, _ code: UInt32, in rows: Range<Int>) -> Int {
        switch column.width {
        case 1: return lowerBound(column.typed(UInt8.self), code, in: rows)
        case 2: return lowerBound(column.typed(UInt16.self), code, in: rows)
        default: return lowerBound(column.typed(UInt32.self), code, in: rows)
        }
    }

    private static func lowerBound<Code: FixedWidthInteger & UnsignedInteger>(_ column: UnsafePointer<Code>, _ code: UInt32,
                                                                              in rows: Range<Int>) -> Int {
        // Compared in the column's own type (a code it cannot hold is above every row). Widened
        // to 32 bits first, the compiler turned the narrow searches into conditional moves, whose
        // chain of loads ran 3x slower than the branch it keeps here (the next load is speculated).
        guard code <= UInt32(Code.max) else { return rows.upperBound }
        let target = Code(truncatingIfNeeded: code)
        var low = rows.lowerBound
        var high = rows.upperBound
        while low < high {
            let middle = (low + high) / 2
            if column[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
