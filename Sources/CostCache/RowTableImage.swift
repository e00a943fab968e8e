import CostModel
import Dispatch

/// One row table as the writer lays it out: the raw rows, or a pre-aggregated table. Rows are
/// sorted by day and, within a day, by `clusterDimensions`' codes in that order.
struct RowTableImage {
    /// Prefix of the table's block names: empty for the raw rows, `agg<N>:` for an aggregate.
    var prefix: String
    /// Day of each row.
    var days: [Int32]
    /// The dimension columns it keeps, indexed like `FixedDimension.allCases` (nil: not kept).
    var dimensions: [[UInt32]?]
    /// The tag set column (the raw rows only).
    var tagSetCodes: [UInt32]?
    /// One column per measure, like `Measure.allCases`.
    var measures: [[Int64]]
    /// The dimensions rows are sorted by within a day.
    var clusterDimensions: [FixedDimension]
    /// The order to write the rows in (row `i` of the table is row `order[i]` of the columns), or
    /// nil when they are in order already. Columns are gathered one at a time while writing, so the
    /// writer holds one reordered column at most, never a second copy of the table.
    var order: [Int32]?

    var rowCount: Int { days.count }

    /// The first day (0 for no rows).
    var firstDay: Int32 { days.first ?? 0 }

    /// Row index of each day's first row, from the first day to one past the last (`days + 1` values).
    func dayStarts() -> [Int64] {
        guard let first = days.first, let last = days.last else { return [0] }
        var starts = [Int64](repeating: 0, count: Int(last - first) + 2)
        var row = 0
        for offset in 0..<(starts.count - 1) {
            let day = first + Int32(offset)
            while row < days.count && days[row] < day { row += 1 }
            starts[offset] = Int64(row)
        }
        starts[starts.count - 1] = Int64(days.count)
        return starts
    }

    /// Calls `body` with each row-aligned column in block order (the order of `groupsums`): day,
    /// kept dimensions, tag sets, measures; each with its block name, kind and bytes. Code columns
    /// are written at the narrowest width their dictionary needs (`codeLimits`: each dimension's
    /// dictionary size, and the number of tag sets), days as offsets from the first day at the
    /// narrowest width the span needs (cache format 3).
    func forEachColumn(codeLimits: CodeLimits,
                       _ body: (_ name: String, _ kind: BlockKind, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws {
        // Gathers the rows in `order` (when set) and converts each value, one column at a time.
        func emit<Source, Target>(_ name: String, _ kind: BlockKind, _ values: [Source],
                                  _ convert: (Source) -> Target) throws {
            let written = [Target](unsafeUninitializedCapacity: values.count) { buffer, count in
                values.withUnsafeBufferPointer { source in
                    let out = buffer.baseAddress!
                    if let order {
                        for (index, row) in order.enumerated() { (out + index).initialize(to: convert(source[Int(row)])) }
                    } else {
                        for index in source.indices { (out + index).initialize(to: convert(source[index])) }
                    }
                }
                count = values.count
            }
            try written.withUnsafeBytes { try body(prefix + name, kind, $0) }
        }
        // A code column at `width` bytes; the conversions trap on a code its dictionary cannot
        // hold, which only a writer's bug can produce (the ingest interns every code).
        func emitCodes(_ name: String, _ values: [UInt32], width: Int) throws {
            switch width {
            case 1: try emit(name, .uint8, values) { UInt8($0) }
            case 2: try emit(name, .uint16, values) { UInt16($0) }
            default: try emit(name, .uint32, values) { $0 }
            }
        }
        // Days as offsets from the first day (days are sorted, so every offset is in 0..<span).
        let first = firstDay
        switch codeLimits.wideDays ? 4 : CodeColumn.width(forCodesBelow: Int(days.last ?? 0) - Int(first) + 1) {
        case 1: try emit("day", .uint8, days) { UInt8($0 - first) }
        case 2: try emit("day", .uint16, days) { UInt16($0 - first) }
        default: try emit("day", .uint32, days) { UInt32($0 - first) }
        }
        for (index, dimension) in FixedDimension.allCases.enumerated() {
            if let codes = dimensions[index] {
                try emitCodes("dim:\(dimension.rawValue)", codes,
                              width: CodeColumn.width(forCodesBelow: codeLimits.dictionarySizes[index]))
            }
        }
        if let tagSetCodes {
            try emitCodes("tagset", tagSetCodes, width: CodeColumn.width(forCodesBelow: codeLimits.tagSetCount))
        }
        for (index, measure) in Measure.allCases.enumerated() {
            try emit("measure:\(measure.rawValue)", .int64, measures[index]) { $0 }
        }
    }

    /// What the code columns' widths follow: each dimension's dictionary size and the number of tag sets.
    struct CodeLimits {
        var dictionarySizes: [Int]
        var tagSetCount: Int
        /// Every column 4 bytes wide, days included.
        var wideDays = false

        static let wide = CodeLimits(dictionarySizes: Array(repeating: .max, count: FixedDimension.allCases.count),
                                     tagSetCount: .max, wideDays: true)
    }

    /// XXH64 of each row group of one column (`rows` values of `width` bytes), on two threads.
    static func groupChecksums(_ bytes: UnsafeRawBufferPointer, width: Int, rows: Int, groupRows: Int) -> [Int64] {
        let groups = (rows + groupRows - 1) / groupRows
        var sums = [Int64](repeating: 0, count: groups)
        sums.withUnsafeMutableBufferPointer { sums in
            let shared = UncheckedSendable((bytes, sums))
            DispatchQueue.concurrentPerform(iterations: groups < 64 ? 1 : 2) { part in
                let (bytes, sums) = shared.value
                for group in stride(from: part, to: groups, by: groups < 64 ? 1 : 2) {
                    let start = group * groupRows * width
                    let end = min(rows, (group + 1) * groupRows) * width
                    sums[group] = Int64(bitPattern: XXH64.hash(UnsafeRawBufferPointer(rebasing: bytes[start..<end])))
                }
            }
        }
        return sums
    }
}
