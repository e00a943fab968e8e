import CostModel
import Dispatch

/// Builds the pre-aggregated tables a cache carries beside its raw rows: the rows summed by day
/// and a few dimensions (docs/cache-format.md, *Aggregates*). A query that groups and filters only
/// by an aggregate's dimensions reads it instead of the raw rows: at 50M rows, the top level of
/// the explorer reads 2,000 accounts a day instead of 127,000 rows.
enum AggregateBuilder {
    /// Dimensions with at most this many dictionary entries ride along in every aggregate (charge
    /// and pricing category, commitment type and status, provider, currency): they multiply its
    /// rows by little and let it answer more questions.
    static let companionLimit = 8
    /// An aggregate is kept only when it has at most this fraction of the raw rows.
    static let keepFraction = 4

    /// `source` summed by day and `kept` (in that order within a day), or nil when the key does
    /// not fit 64 bits or a sum overflows (the raw rows then answer those questions).
    /// Keys are looked up in a dense table when there are at most `denseLimit` of them, else hashed
    /// (the tests compare the two).
    static func aggregate(_ source: RowTableImage, keeping kept: [FixedDimension], counts: [Int],
                          denseLimit: UInt64 = 1 << 22) -> RowTableImage? {
        var radix: UInt64 = 1
        for dimension in kept {
            let (product, overflow) = radix.multipliedReportingOverflow(by: UInt64(counts[dimension.columnIndex]))
            guard !overflow else { return nil }
            radix = product
        }
        let rows = source.rowCount
        let base = source.rows.lowerBound
        let measureCount = Measure.allCases.count
        // Each row's key in mixed radix, first kept dimension most significant (so keys sort like
        // the codes), one column at a time; `keys[i]` is row `base + i`'s.
        var keys = [UInt64](repeating: 0, count: rows)
        keys.withUnsafeMutableBufferPointer { keys in
            for dimension in kept {
                let count = UInt64(counts[dimension.columnIndex])
                source.dimensions[dimension.columnIndex]!.withUnsafeBufferPointer { codes in
                    for row in 0..<rows { keys[row] = keys[row] &* count &+ UInt64(codes[base + row]) }
                }
            }
        }
        // Days are independent: two threads each sum a contiguous half of them (by rows), and the
        // halves are joined in day order.
        let runs = RowClustering.dayRuns(source.days, rows: source.rows)
        var split = 0
        while split < runs.count && (runs[split].upperBound - base) * 2 <= rows { split += 1 }
        let halves = [runs[..<split], runs[split...]]
        let results = UncheckedSendable(UnsafeMutablePointer<DaySums?>.allocate(capacity: 2))
        results.value.initialize(repeating: nil, count: 2)
        defer {
            results.value.deinitialize(count: 2)
            results.value.deallocate()
        }
        let shared = UncheckedSendable((source, keys, halves, radix))
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let (source, keys, halves, radix) = shared.value
            results.value[half] = sumDays(halves[half], of: source, keys: keys, radix: radix, dense: radix <= denseLimit)
        }
        guard var joined = results.value[0], let second = results.value[1] else { return nil }
        joined.days += second.days
        joined.keys += second.keys
        joined.sums += second.sums
        let days = joined.days
        var outKeys = joined.keys
        let sums = joined.sums
        // Split the keys back into one code column per kept dimension, the sums into measures.
        var dimensions = [[UInt32]?](repeating: nil, count: FixedDimension.allCases.count)
        for dimension in kept.reversed() {
            let count = UInt64(counts[dimension.columnIndex])
            dimensions[dimension.columnIndex] = outKeys.map { UInt32($0 % count) }
            for index in outKeys.indices { outKeys[index] /= count }
        }
        let measureColumns = (0..<measureCount).map { index in
            (0..<days.count).map { sums[$0 * measureCount + index] }
        }
        return RowTableImage(prefix: "", days: days, dimensions: dimensions, tagSetCodes: nil, measures: measureColumns,
                             clusterDimensions: kept)
    }

    /// One half's output: each day's keys in order and their sums (row-major, a row per key).
    struct DaySums {
        var days: [Int32] = []
        var keys: [UInt64] = []
        var sums: [Int64] = []
    }

    /// Sums the rows of `runs` (whole days) by key; nil when a sum overflows.
    ///
    /// Per day: each key's slot (a dense table when the key space is small, else a hash table),
    /// the day's sums per slot, then the slots written out in key order.
    private static func sumDays(_ runs: ArraySlice<Range<Int>>, of source: RowTableImage, keys: [UInt64],
                                radix: UInt64, dense: Bool) -> DaySums? {
        let measureCount = source.measures.count
        var output = DaySums()
        var slotTable = dense ? [Int32](repeating: -1, count: Int(radix)) : []
        var slotOf = KeySlots()
        var dayKeys: [UInt64] = []
        var daySums: [Int64] = []
        let measures = source.measures
        for run in runs {
            dayKeys.removeAll(keepingCapacity: true)
            daySums.removeAll(keepingCapacity: true)
            if !dense { slotOf.reset(rows: run.count) }
            for row in run {
                let key = keys[row - source.rows.lowerBound]
                var slot: Int32
                if dense {
                    slot = slotTable[Int(key)]
                    if slot < 0 {
                        slot = Int32(dayKeys.count)
                        slotTable[Int(key)] = slot
                    }
                } else {
                    slot = slotOf.slot(of: key, orNew: Int32(dayKeys.count))
                }
                if slot == Int32(dayKeys.count) {
                    dayKeys.append(key)
                    for _ in 0..<measureCount { daySums.append(0) }
                }
                let base = Int(slot) * measureCount
                for index in 0..<measureCount {
                    let (sum, overflow) = daySums[base + index].addingReportingOverflow(measures[index][row])
                    guard !overflow else { return nil }
                    daySums[base + index] = sum
                }
            }
            if dense { for key in dayKeys { slotTable[Int(key)] = -1 } }
            let order = dayKeys.indices.sorted { dayKeys[$0] < dayKeys[$1] }
            for slot in order {
                output.days.append(source.days[run.lowerBound])
                output.keys.append(dayKeys[slot])
                output.sums.append(contentsOf: daySums[(slot * measureCount)..<((slot + 1) * measureCount)])
            }
        }
        return output
    }
}

/// The aggregates of a raw table delivered a few days at a time (`AggregateBuilder`): each
/// candidate is summed over each chunk of days (days are independent, so the chunks' sums are the
/// table's), appended, and dropped as soon as it holds more than `keepFraction`'s share of the
/// raw rows, so a candidate not worth keeping never grows past that share.
struct AggregateSet {
    /// Each candidate's kept dimensions, in the order they are built (a later one may be summed
    /// from an earlier one's rows).
    private let candidates: [[FixedDimension]]
    private let counts: [Int]
    private let rawRowCount: Int
    /// Each candidate's rows so far; nil once dropped (too many rows, or a sum that overflows).
    private var tables: [RowTableImage?]

    init(dictionaries: [[String]], rawRowCount: Int) {
        let counts = dictionaries.map { max(1, $0.count) }
        let companions = FixedDimension.allCases.filter {
            $0 == .currency || (counts[$0.columnIndex] <= AggregateBuilder.companionLimit && $0 != .source)
        }
        var keys: [[FixedDimension]] = [[.account, .service]]
        for dimension in FixedDimension.allCases
        where !companions.contains(dimension) && dimension != .resource && dimension != .source {
            keys.append([dimension])
        }
        candidates = keys.map { key in key + companions.filter { !key.contains($0) } }
        self.counts = counts
        self.rawRowCount = rawRowCount
        tables = candidates.map { kept in
            RowTableImage(prefix: "", days: [], dimensions: FixedDimension.allCases.map { kept.contains($0) ? [] : nil },
                          tagSetCodes: nil, measures: Measure.allCases.map { _ in [] }, clusterDimensions: kept)
        }
    }

    /// Sums `chunk` (whole days, after every day added before) into each candidate still kept.
    mutating func add(_ chunk: RowTableImage) {
        guard chunk.rowCount > 0 else { return }
        var built: [RowTableImage] = []
        for (index, kept) in candidates.enumerated() where tables[index] != nil {
            // Sum from the smallest table already built for this chunk that keeps every dimension needed.
            let source = built.filter { image in kept.allSatisfy { image.dimensions[$0.columnIndex] != nil } }
                .min { $0.rowCount < $1.rowCount } ?? chunk
            guard let image = AggregateBuilder.aggregate(source, keeping: kept, counts: counts),
                  (tables[index]!.rowCount + image.rowCount) * AggregateBuilder.keepFraction <= rawRowCount
            else {
                tables[index] = nil
                continue
            }
            built.append(image)
            tables[index]!.append(image)
        }
    }

    /// The aggregates kept, smallest first, named `agg0:`, `agg1:`, …
    func finished() -> [RowTableImage] {
        guard rawRowCount > 0 else { return [] }
        var kept = tables.compactMap { $0 }
        kept.sort { $0.rowCount < $1.rowCount }
        for index in kept.indices { kept[index].prefix = "agg\(index):" }
        return kept
    }
}

private extension RowTableImage {
    /// Appends the rows of `other`, a table of the same columns whose days come after this one's.
    mutating func append(_ other: RowTableImage) {
        days += other.days
        for index in dimensions.indices where dimensions[index] != nil { dimensions[index]! += other.dimensions[index]! }
        for index in measures.indices { measures[index] += other.measures[index] }
        rows = 0..<days.count
    }
}

/// Slots of a day's aggregate keys when the key space is too large for a dense table: open
/// addressing with linear probing, sized for the day's rows, emptied by forgetting the entries
/// used (at 100M rows, 250,000 rows a day, several times faster than a `Dictionary`).
private struct KeySlots {
    private var keys: [UInt64] = []
    private var slots: [Int32] = []
    private var used: [Int] = []
    private var mask = 0

    /// Empties the table and makes room for `rows` distinct keys at most.
    mutating func reset(rows: Int) {
        for position in used { slots[position] = -1 }
        used.removeAll(keepingCapacity: true)
        let capacity = max(16, (rows * 2).nextPowerOfTwo)
        if capacity > slots.count {
            keys = [UInt64](repeating: 0, count: capacity)
            slots = [Int32](repeating: -1, count: capacity)
            mask = capacity - 1
        }
    }

    /// The slot of `key`, or `new` for a key not seen since the reset (then recorded).
    @inline(__always)
    mutating func slot(of key: UInt64, orNew new: Int32) -> Int32 {
        var position = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while slots[position] >= 0 {
            if keys[position] == key { return slots[position] }
            position = (position + 1) & mask
        }
        keys[position] = key
        slots[position] = new
        used.append(position)
        return new
    }
}

private extension Int {
    /// The smallest power of two at least this (1 for 0).
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
