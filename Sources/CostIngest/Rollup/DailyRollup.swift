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
    /// Rows whose tables `takeFirstTables` handed out since the memory was last given back.
    private var rowsTakenSinceTrim = 0
    /// Rows of freed tables worth giving their memory back for (about 0.8 GB).
    private static let trimRows = 8 << 20

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
        defer { rowsTakenSinceTrim += rows }
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

    /// Gives the memory of the tables handed out back to the system once they add up to
    /// `trimRows` rows (call it after they are freed).
    func returnFreedTables() {
        guard rowsTakenSinceTrim >= DailyRollup.trimRows else { return }
        rowsTakenSinceTrim = 0
        SystemMemory.returnFreed()
    }

    /// Adds every row of `other` after re-encoding its key words (`remaps[word][code]`), with
    /// `threads` threads each taking whole days (day tables are independent). `other` is emptied:
    /// each of its day tables is freed as soon as it is added, so merging the threads' roll-ups
    /// does not hold both whole (at 100M rows, 3 GB less at the merge).
    /// - Returns: false when a sum would overflow.
    func absorb(_ other: DailyRollup, remaps: [[UInt32]], threads: Int) -> Bool {
        // Tables missing here are created first, on this thread: only the tables change below.
        let days = other.tables.keys.sorted()
        let mine = days.map { existingOrNewTable($0) }
        let theirs = UnsafeMutablePointer<RollupTable?>.allocate(capacity: days.count)
        theirs.initialize(from: days.map { other.tables[$0] }, count: days.count)
        other.tables = [:]
        other.lastTable = nil
        defer {
            theirs.deinitialize(count: days.count)
            theirs.deallocate()
        }
        let failed = UncheckedSendable(OverflowFlag())
        let shared = UncheckedSendable((mine: mine, theirs: theirs, remaps: remaps))
        let keyWidth = keyWidth
        let measureCount = measureCount
        let count = days.count
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { part in
            let key = UnsafeMutablePointer<UInt32>.allocate(capacity: keyWidth)
            defer { key.deallocate() }
            let (mine, theirs, remaps) = shared.value
            for index in stride(from: part, to: count, by: max(1, threads)) {
                // Each thread takes its own days' slots, so no two touch one slot.
                guard let table = theirs[index] else { continue }
                theirs[index] = nil
                guard let keys = table.keys.baseAddress, let sums = table.sums.baseAddress else { continue }
                for entry in 0..<table.count {
                    let source = keys + entry * keyWidth
                    for word in 0..<keyWidth { key[word] = remaps[word][Int(source[word])] }
                    if !mine[index].add(key: key, measures: sums + entry * measureCount) { failed.value.overflowed = true }
                }
            }
        }
        SystemMemory.returnFreed()
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
