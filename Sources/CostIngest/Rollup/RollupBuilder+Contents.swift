import CostCache
import CostModel
import Dispatch

extension RollupBuilder {
    /// The roll-up as cache contents: rows ordered by day (within a day, in roll-up order),
    /// dictionaries, tag sets expanded into one value code per tag key. (The ingest does not hold
    /// them whole: it writes `frame` and `takeRows` a few days at a time.)
    public func contents(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = frame(sources: sources, settings: settings)
        let rows = rows(of: rollup.tablesInDayOrder())
        contents.days = rows.days
        contents.dimensionCodes = rows.dimensionCodes
        contents.tagSetCodes = rows.tagSetCodes
        contents.measures = rows.measures
        return contents
    }

    /// Everything of the cache contents but the rows: dictionaries, labels, tags, sources, settings.
    public func frame(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = CacheContents()
        for (index, _) in FixedDimension.allCases.enumerated() {
            let dictionary = dictionaryStrings(index)
            contents.dictionaries[index] = dictionary
            let labelMap = labelMap(index)
            if !labelMap.isEmpty {
                contents.labels[index] = (0..<dictionary.count).map { labelMap[UInt32($0)] ?? "" }
            }
        }
        let (tagKeys, tagValues, tagSets, tagSetCount) = tagDirectory()
        contents.tagKeys = tagKeys
        contents.tagValues = tagValues
        contents.tagSets = tagSets
        contents.tagSetCount = tagSetCount
        contents.sources = sources
        contents.settings = settings
        return contents
    }

    /// The rows of the first days not taken yet (about `rowLimit`, whole days; nil when none is
    /// left), as contents holding rows only; their day tables are freed.
    public func takeRows(rowLimit: Int) -> CacheContents? {
        let taken: CacheContents? = {
            let tables = rollup.takeFirstTables(rowLimit: rowLimit)
            return tables.isEmpty ? nil : rows(of: tables)
        }()
        // The tables are gone now; give their memory back rather than keep the roll-up's peak.
        rollup.returnFreedTables()
        return taken
    }

    /// Per day, in order, how many rows it holds.
    func rowsPerDay() -> [(day: Int32, rows: Int)] {
        rollup.tablesInDayOrder().map { ($0.day, $0.table.count) }
    }

    /// Per day, in order, how many rows each source code holds (indexed by code): what the
    /// restatement rule for roll-ups (`RollupMonths`) decides from before the rows are built. One
    /// pass over every row's key, so asked for only when two roll-up exports could overlap.
    /// - Parameter sources: the number of source codes (the source dictionary's size).
    func rowsBySource(sources: Int) -> [(day: Int32, rows: [Int])] {
        rollup.tablesInDayOrder().map { day, table in
            var counts = [Int](repeating: 0, count: sources)
            if let keys = table.keys.baseAddress {
                for entry in 0..<table.count { counts[Int(keys[entry * 2 + 1])] += 1 }
            }
            return (day, counts)
        }
    }

    /// The rows of `tables` (days in order) as contents holding rows only.
    private func rows(of tables: [(day: Int32, table: RollupTable)]) -> CacheContents {
        var contents = CacheContents()
        var firstRows: [Int] = []
        var rows = 0
        for (_, table) in tables {
            firstRows.append(rows)
            rows += table.count
        }
        // Each column is written once, straight into its array; the columns are shared out between
        // two threads. (The writer checksums them per row group as it lays them out: format 2.)
        let dimensionCount = RollupBuilder.dimensionCount
        let measureCount = RollupBuilder.measureCount
        let columnCount = 1 + dimensionCount + 1 + measureCount  // day, dimensions, tag set, measures
        let built = UncheckedSendable(ColumnSlots())
        let plan = UncheckedSendable((tables: tables, firstRows: firstRows, tuples: codeTuples))
        let sourceIndex = FixedDimension.source.columnIndex
        let rowCount = rows
        DispatchQueue.concurrentPerform(iterations: columnCount) { column in
            let (tables, firstRows, tuples) = plan.value
            /// A column of `rows` values; `body` fills the part of one day table.
            func fill<T: FixedWidthInteger>(_ type: T.Type, _ body: (UnsafeMutablePointer<T>, Int32, RollupTable) -> Void) -> [T] {
                [T](unsafeUninitializedCapacity: rowCount) { buffer, count in
                    if let target = buffer.baseAddress {
                        for (index, (day, table)) in tables.enumerated() { body(target + firstRows[index], day, table) }
                    }
                    count = rowCount
                }
            }
            func tupleWord(_ word: Int) -> [UInt32] {
                fill(UInt32.self) { out, _, table in
                    guard let keys = table.keys.baseAddress else { return }
                    for entry in 0..<table.count { out[entry] = tuples.key(at: Int(keys[entry * 2]))[word] }
                }
            }
            let slots = built.value
            switch column {
            case 0:
                let days = fill(Int32.self) { out, day, table in out.update(repeating: day, count: table.count) }
                slots.days[0] = days
            case 1...dimensionCount:
                let dimension = column - 1
                let codes = dimension != sourceIndex ? tupleWord(dimension) : fill(UInt32.self) { out, _, table in
                    guard let keys = table.keys.baseAddress else { return }
                    for entry in 0..<table.count { out[entry] = keys[entry * 2 + 1] }
                }
                slots.codes[dimension] = codes
            case dimensionCount + 1:
                slots.tagSets[0] = tupleWord(RollupBuilder.tagSetWord)
            default:
                let measure = column - dimensionCount - 2
                let values = fill(Int64.self) { out, _, table in
                    guard let sums = table.sums.baseAddress else { return }
                    for entry in 0..<table.count { out[entry] = sums[entry * measureCount + measure] }
                }
                slots.measures[measure] = values
            }
        }
        let slots = built.value
        contents.days = slots.days[0]
        contents.dimensionCodes = Array(UnsafeBufferPointer(start: slots.codes, count: dimensionCount))
        contents.tagSetCodes = slots.tagSets[0]
        contents.measures = Array(UnsafeBufferPointer(start: slots.measures, count: measureCount))
        return contents
    }
}

/// The columns `contents` builds: raw slots, each written by the one task that builds it (tasks
/// run at once, which an array's copy-on-write check would not allow).
private final class ColumnSlots {
    let days = UnsafeMutablePointer<[Int32]>.allocate(capacity: 1)
    let codes = UnsafeMutablePointer<[UInt32]>.allocate(capacity: FixedDimension.allCases.count)
    let tagSets = UnsafeMutablePointer<[UInt32]>.allocate(capacity: 1)
    let measures = UnsafeMutablePointer<[Int64]>.allocate(capacity: Measure.allCases.count)

    init() {
        days.initialize(to: [])
        codes.initialize(repeating: [], count: FixedDimension.allCases.count)
        tagSets.initialize(to: [])
        measures.initialize(repeating: [], count: Measure.allCases.count)
    }

    deinit {
        days.deinitialize(count: 1).deallocate()
        codes.deinitialize(count: FixedDimension.allCases.count).deallocate()
        tagSets.deinitialize(count: 1).deallocate()
        measures.deinitialize(count: Measure.allCases.count).deallocate()
    }
}
