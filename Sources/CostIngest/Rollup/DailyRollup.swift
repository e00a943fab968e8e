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
    private var lastTable: RollupTable?

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
        if let table = lastTable, day == lastDay { return table.add(key: key, measures: measures) }
        let table: RollupTable
        if let existing = tables[day] {
            table = existing
        } else {
            table = RollupTable(keyWidth: keyWidth, measureCount: measureCount)
            tables[day] = table
        }
        lastDay = day
        lastTable = table
        return table.add(key: key, measures: measures)
    }

    /// Calls `body` with each row's day, key words (after the day) and sums, days in order.
    func forEachRow<Failure: Error>(_ body: (Int32, UnsafePointer<UInt32>, UnsafePointer<Int64>) throws(Failure) -> Void) throws(Failure) {
        for day in tables.keys.sorted() {
            let table = tables[day]!
            let keys = table.keys.baseAddress
            let sums = table.sums.baseAddress
            for entry in 0..<table.count {
                try body(day, keys! + entry * keyWidth, sums! + entry * measureCount)
            }
        }
    }
}
