import CostModel
import Dispatch

/// The roll-up partitioned by day: one small `RollupTable` per day instead of one large one.
///
/// Exports arrive roughly in time order, so nearly every line item lands in the table of the day
/// being read, which stays in cache; one big table over months of rows turned every lookup into
/// cache misses (a fifth of ingest time at 5 million line items). Reading the days in order also
/// yields the cache's day-sorted row order with no sort.
final class DailyRollup {
    /// Key words after the day.
    let keyWidth: Int
    let measureCount: Int
    private var tables: [Int32: RollupTable] = [:]
    private var lastDay: Int32 = 0
    /// The table of `lastDay`, unretained: `tables` holds every table for the roll-up's life.
    private var lastTable: Unmanaged<RollupTable>?

    init(keyWidth: Int, measureCount: Int) {
        self.keyWidth = keyWidth
        self.measureCount = measureCount
    }

    /// Number of rows over all days.
    var count: Int { tables.values.reduce(0) { $0 + $1.count } }

    /// Adds `measures` to the row of (`day`, `key`).
    /// - Returns: false when a sum would overflow.
    @inline(__always)
    func add(day: Int32, key: UnsafePointer<UInt32>, measures: UnsafePointer<Int64>) -> Bool {
        table(for: day).add(key: key, measures: measures)
    }

    /// The day tables, days in order.
    func tablesInDayOrder() -> [(day: Int32, table: RollupTable)] {
        tables.keys.sorted().map { ($0, tables[$0]!) }
    }

    /// Removes and returns the tables of the first days left, in day order: whole days, about
    /// `rowLimit` rows (at least one day while any is left). Writing the cache a few days at a
    /// time this way frees each day's table once its rows are in the file.
    func takeFirstTables(rowLimit: Int) -> [(day: Int32, table: RollupTable)] {
        var taken: [(day: Int32, table: RollupTable)] = []
        var rows = 0
        for day in tables.keys.sorted() {
            let table = tables[day]!
            guard taken.isEmpty || rows + table.count <= rowLimit else { break }
            taken.append((day, table))
            rows += table.count
            tables[day] = nil
        }
        lastTable = nil
        return taken
    }

    /// Adds every row of `other` after re-encoding its key words (`remaps[word][code]`), with
    /// `threads` threads each taking whole days (day tables are independent).
    /// - Returns: false when a sum would overflow.
    func absorb(_ other: DailyRollup, remaps: [[UInt32]], threads: Int) -> Bool {
        // Tables missing here are created first, on this thread: only the tables change below.
        let pairs = other.tables.keys.sorted().map { day in (existingOrNewTable(day), other.tables[day]!) }
        let failed = UncheckedSendable(OverflowFlag())
        let shared = UncheckedSendable((pairs: pairs, remaps: remaps))
        let keyWidth = keyWidth
        let measureCount = measureCount
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { part in
            let key = UnsafeMutablePointer<UInt32>.allocate(capacity: keyWidth)
            defer { key.deallocate() }
            let (pairs, remaps) = shared.value
            for index in stride(from: part, to: pairs.count, by: max(1, threads)) {
                let (mine, theirs) = pairs[index]
                guard let keys = theirs.keys.baseAddress, let sums = theirs.sums.baseAddress else { continue }
                for entry in 0..<theirs.count {
                    let source = keys + entry * keyWidth
                    for word in 0..<keyWidth { key[word] = remaps[word][Int(source[word])] }
                    if !mine.add(key: key, measures: sums + entry * measureCount) { failed.value.overflowed = true }
                }
            }
        }
        return !failed.value.overflowed
    }

    /// The table of `day`, created when missing.
    @inline(__always)
    func table(for day: Int32) -> RollupTable {
        unretainedTable(for: day).takeUnretainedValue()
    }

    /// The table of `day`, created when missing, without a retain: folding a line item in would
    /// otherwise retain and release its day's table (perf: 3% of a Parquet ingest). Use it through
    /// `_withUnsafeGuaranteedRef`; `tables` keeps every table alive until the roll-up goes.
    @inline(__always)
    func unretainedTable(for day: Int32) -> Unmanaged<RollupTable> {
        if day == lastDay, let table = lastTable { return table }
        let table = Unmanaged.passUnretained(existingOrNewTable(day))
        lastDay = day
        lastTable = table
        return table
    }

    private func existingOrNewTable(_ day: Int32) -> RollupTable {
        if let existing = tables[day] { return existing }
        let table = RollupTable(keyWidth: keyWidth, measureCount: measureCount)
        tables[day] = table
        return table
    }

    private final class OverflowFlag {
        var overflowed = false
    }
}
