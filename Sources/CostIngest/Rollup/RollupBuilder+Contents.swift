import CostCache
import CostModel

extension RollupBuilder {
    /// The roll-up as cache contents: rows ordered by day (a counting sort; within a day rows keep
    /// their roll-up order), dictionaries, tag sets expanded into one value code per tag key.
    public func contents(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = CacheContents()
        let width = RollupBuilder.keyWidth
        let keys = tableKeys
        let sums = tableSums
        let measureCount = RollupBuilder.measureCount
        let rows = rowCount
        let order = dayOrder(keys: keys, width: width, rows: rows)

        func column<T>(_ value: (Int) -> T) -> [T] {
            [T](unsafeUninitializedCapacity: rows) { buffer, initialized in
                for (position, row) in order.enumerated() { buffer[position] = value(row) }
                initialized = rows
            }
        }
        contents.days = column { Int32(bitPattern: keys[$0 * width]) }
        for dimension in 0..<RollupBuilder.dimensionCount {
            contents.dimensionCodes[dimension] = column { keys[$0 * width + 1 + dimension] }
        }
        contents.tagSetCodes = column { keys[$0 * width + RollupBuilder.tagSetSlot] }
        for measure in 0..<measureCount {
            contents.measures[measure] = column { sums[$0 * measureCount + measure] }
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

    /// Row indexes ordered by day, by counting sort (days span a few hundred values at most).
    private func dayOrder(keys: UnsafeBufferPointer<UInt32>, width: Int, rows: Int) -> [Int] {
        guard rows > 0 else { return [] }
        var first = Int32.max
        var last = Int32.min
        for row in 0..<rows {
            let day = Int32(bitPattern: keys[row * width])
            first = min(first, day)
            last = max(last, day)
        }
        var starts = [Int](repeating: 0, count: Int(last - first) + 2)
        for row in 0..<rows { starts[Int(Int32(bitPattern: keys[row * width]) - first) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var order = [Int](repeating: 0, count: rows)
        for row in 0..<rows {
            let bucket = Int(Int32(bitPattern: keys[row * width]) - first)
            order[starts[bucket]] = row
            starts[bucket] += 1
        }
        return order
    }
}
