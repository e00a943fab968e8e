import CostCache
import CostModel
import Dispatch

extension RollupBuilder {
    /// The roll-up as cache contents: rows ordered by day (within a day, in roll-up order),
    /// dictionaries, tag sets expanded into one value code per tag key.
    public func contents(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = CacheContents()
        let tables = rollup.tablesInDayOrder()
        var firstRows: [Int] = []
        var rows = 0
        for (_, table) in tables {
            firstRows.append(rows)
            rows += table.count
        }
        // Each column is written once, straight into its array, by two threads taking halves of the
        // days (copying out of a row-major buffer cost a twentieth of a large ingest).
        let plan = UncheckedSendable((tables: tables, firstRows: firstRows, tuples: codeTuples))
        /// One column: `word` of each row's code tuple (a dimension or the tag set), the row's
        /// source (`word == nil`), or `measure` of its sums.
        func column<T>(_ type: T.Type, word: Int?, measure: Int? = nil) -> [T] {
            [T](unsafeUninitializedCapacity: rows) { buffer, count in
                let target = UncheckedSendable(UnsafeMutableRawPointer(buffer.baseAddress))
                DispatchQueue.concurrentPerform(iterations: 2) { half in
                    let (tables, firstRows, tuples) = plan.value
                    guard let target = target.value else { return }
                    let range = half == 0 ? 0..<(tables.count / 2) : (tables.count / 2)..<tables.count
                    for index in range {
                        let table = tables[index].table
                        guard let keys = table.keys.baseAddress, let sums = table.sums.baseAddress else { continue }
                        if let measure {
                            let out = target.assumingMemoryBound(to: Int64.self) + firstRows[index]
                            let width = table.measureCount
                            for entry in 0..<table.count { out[entry] = sums[entry * width + measure] }
                        } else if let word {
                            let out = target.assumingMemoryBound(to: UInt32.self) + firstRows[index]
                            for entry in 0..<table.count { out[entry] = tuples.key(at: Int(keys[entry * 2]))[word] }
                        } else {
                            let out = target.assumingMemoryBound(to: UInt32.self) + firstRows[index]
                            for entry in 0..<table.count { out[entry] = keys[entry * 2 + 1] }
                        }
                    }
                }
                count = rows
            }
        }
        var days: [Int32] = []
        days.reserveCapacity(rows)
        for (day, table) in tables { days.append(contentsOf: repeatElement(day, count: table.count)) }
        contents.days = days
        let sourceIndex = FixedDimension.source.columnIndex
        for index in 0..<RollupBuilder.dimensionCount {
            contents.dimensionCodes[index] = column(UInt32.self, word: index == sourceIndex ? nil : index)
        }
        contents.tagSetCodes = column(UInt32.self, word: RollupBuilder.tagSetSlot - 1)
        for index in 0..<RollupBuilder.measureCount {
            contents.measures[index] = column(Int64.self, word: nil, measure: index)
        }
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
}
