import CostCache
import CostModel

extension RollupBuilder {
    /// The roll-up as cache contents: rows ordered by day (within a day, in roll-up order),
    /// dictionaries, tag sets expanded into one value code per tag key.
    public func contents(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = CacheContents()
        let rows = rowCount
        // One pass over the roll-up writing every column through raw pointers: appending to two
        // dozen arrays row by row cost a tenth of a large ingest.
        let keyColumns = RollupBuilder.keyWidth - 1
        let keyStorage = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, rows * keyColumns))
        let sumStorage = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, rows * RollupBuilder.measureCount))
        let dayStorage = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, rows))
        defer {
            keyStorage.deallocate()
            sumStorage.deallocate()
            dayStorage.deallocate()
        }
        var row = 0
        forEachRow { day, key, sums in
            dayStorage[row] = day
            for column in 0..<keyColumns { keyStorage[column * rows + row] = key[column] }
            for measure in 0..<RollupBuilder.measureCount { sumStorage[measure * rows + row] = sums[measure] }
            row += 1
        }
        contents.days = Array(UnsafeBufferPointer(start: dayStorage, count: rows))
        for index in 0..<RollupBuilder.dimensionCount {
            contents.dimensionCodes[index] = Array(UnsafeBufferPointer(start: keyStorage + index * rows, count: rows))
        }
        contents.tagSetCodes = Array(UnsafeBufferPointer(start: keyStorage + (RollupBuilder.tagSetSlot - 1) * rows, count: rows))
        for index in 0..<RollupBuilder.measureCount {
            contents.measures[index] = Array(UnsafeBufferPointer(start: sumStorage + index * rows, count: rows))
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
