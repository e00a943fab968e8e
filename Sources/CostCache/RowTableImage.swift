import CostModel
import Dispatch

/// One row table as the writer lays it out: the raw rows (or a chunk of whole days of them), or a
/// pre-aggregated table. Rows are sorted by day and, within a day, by `clusterDimensions`' codes
/// in that order.
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
    /// The rows of the columns this table is (whole days): all of them, or one chunk of a table
    /// written a few days at a time. `order` holds indexes into the columns, within this range.
    var rows: Range<Int>

    init(prefix: String, days: [Int32], dimensions: [[UInt32]?], tagSetCodes: [UInt32]?, measures: [[Int64]],
         clusterDimensions: [FixedDimension], order: [Int32]? = nil, rows: Range<Int>? = nil) {
        self.prefix = prefix
        self.days = days
        self.dimensions = dimensions
        self.tagSetCodes = tagSetCodes
        self.measures = measures
        self.clusterDimensions = clusterDimensions
        self.order = order
        self.rows = rows ?? 0..<days.count
    }

    var rowCount: Int { rows.count }

    /// The first day (0 for no rows).
    var firstDay: Int32 { rows.isEmpty ? 0 : days[rows.lowerBound] }

    /// The last day (0 for no rows).
    var lastDay: Int32 { rows.isEmpty ? 0 : days[rows.upperBound - 1] }

    /// Row index (from the table's first row) of each day's first row, from the first day to one
    /// past the last (`days + 1` values).
    func dayStarts() -> [Int64] {
        var starts = DayStarts(firstDay: firstDay, lastDay: lastDay)
        starts.add(days[rows])
        return starts.finished()
    }

    /// A row-aligned column as the file holds it: block name (without the prefix) and kind.
    struct ColumnSpec {
        var name: String
        var kind: BlockKind
    }

    /// The row-aligned columns in block order (the order of `groupsums`): day, kept dimensions,
    /// tag sets, measures. Code columns are as wide as their dictionary needs (`codeLimits`: each
    /// dimension's dictionary size, and the number of tag sets), days as wide as the table's span
    /// of days needs (`daySpan`: last day − first day + 1), cache format 3.
    static func columnSpecs(keeping dimensions: [Bool], tagSets: Bool, daySpan: Int,
                            codeLimits: CodeLimits) -> [ColumnSpec] {
        func codeKind(below limit: Int) -> BlockKind {
            switch CodeColumn.width(forCodesBelow: limit) {
            case 1: return .uint8
            case 2: return .uint16
            default: return .uint32
            }
        }
        var specs = [ColumnSpec(name: "day", kind: codeLimits.wideDays ? .uint32 : codeKind(below: daySpan))]
        for (index, dimension) in FixedDimension.allCases.enumerated() where dimensions[index] {
            specs.append(ColumnSpec(name: "dim:\(dimension.rawValue)", kind: codeKind(below: codeLimits.dictionarySizes[index])))
        }
        if tagSets { specs.append(ColumnSpec(name: "tagset", kind: codeKind(below: codeLimits.tagSetCount))) }
        for measure in Measure.allCases { specs.append(ColumnSpec(name: "measure:\(measure.rawValue)", kind: .int64)) }
        return specs
    }

    /// This table's columns (`columnSpecs`), its days as offsets from its own first day.
    func columnSpecs(codeLimits: CodeLimits) -> [ColumnSpec] {
        RowTableImage.columnSpecs(keeping: dimensions.map { $0 != nil }, tagSets: tagSetCodes != nil,
                                  daySpan: Int(lastDay) - Int(firstDay) + 1, codeLimits: codeLimits)
    }

    /// Calls `body` with each row-aligned column's bytes in `specs`' order (`columnSpecs`, for this
    /// table or for the whole table this chunk belongs to), days as offsets from `dayBase`.
    func forEachColumn(_ specs: [ColumnSpec], dayBase: Int32,
                       _ body: (_ index: Int, _ bytes: UnsafeRawBufferPointer) throws -> Void) throws {
        // Gathers the rows in `order` (when set) and converts each value, one column at a time.
        func emit<Source, Target>(_ index: Int, _ source: UnsafeBufferPointer<Source>,
                                  _ convert: (Source) -> Target) throws {
            let count = rows.count
            let written = [Target](unsafeUninitializedCapacity: count) { buffer, initialized in
                let out = buffer.baseAddress!
                if let order {
                    for (index, row) in order.enumerated() { (out + index).initialize(to: convert(source[Int(row)])) }
                } else {
                    let base = rows.lowerBound
                    for index in 0..<count { (out + index).initialize(to: convert(source[base + index])) }
                }
                initialized = count
            }
            try written.withUnsafeBytes { try body(index, $0) }
        }
        // A code column at its spec's width; the conversions trap on a code its dictionary cannot
        // hold, which only a writer's bug can produce (the ingest interns every code). Days are
        // sorted from `dayBase`, so every offset fits the width the span gave.
        func emitCodes(_ index: Int, _ codes: UnsafeBufferPointer<UInt32>, base: UInt32 = 0) throws {
            switch specs[index].kind {
            case .uint8: try emit(index, codes) { UInt8($0 &- base) }
            case .uint16: try emit(index, codes) { UInt16($0 &- base) }
            default: try emit(index, codes) { $0 &- base }
            }
        }
        try days.withUnsafeBufferPointer { days in
            // Days read as unsigned codes: offsets from the base by wrapping subtraction.
            try days.withMemoryRebound(to: UInt32.self) { try emitCodes(0, $0, base: UInt32(bitPattern: dayBase)) }
        }
        var index = 1
        for codes in dimensions {
            guard let codes else { continue }
            try codes.withUnsafeBufferPointer { try emitCodes(index, $0) }
            index += 1
        }
        if let tagSetCodes {
            try tagSetCodes.withUnsafeBufferPointer { try emitCodes(index, $0) }
            index += 1
        }
        for measure in measures {
            try measure.withUnsafeBufferPointer { try emit(index, $0) { $0 } }
            index += 1
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

/// A table's day index built as its days arrive: the row of each day's first row, from the first
/// day to one past the last.
struct DayStarts {
    private let firstDay: Int32
    private var starts: [Int64]
    private var rows = 0

    init(firstDay: Int32, lastDay: Int32) {
        self.firstDay = firstDay
        starts = [Int64](repeating: -1, count: max(0, Int(lastDay) - Int(firstDay) + 1))
    }

    /// Notes the next rows' days (sorted, after every day added before).
    mutating func add(_ days: ArraySlice<Int32>) {
        var previous: Int32? = nil
        for day in days {
            if day != previous {
                starts[Int(day - firstDay)] = Int64(rows)
                previous = day
            }
            rows += 1
        }
    }

    /// The index: a day without rows starts where the next day with rows does.
    func finished() -> [Int64] {
        guard rows > 0 else { return [0] }
        var result = starts + [Int64(rows)]
        for offset in stride(from: result.count - 2, through: 0, by: -1) where result[offset] < 0 {
            result[offset] = result[offset + 1]
        }
        return result
    }
}
