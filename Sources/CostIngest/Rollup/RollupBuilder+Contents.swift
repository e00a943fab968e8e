import CostCache
import CostModel

extension RollupBuilder {
    /// The roll-up as cache contents: rows ordered by day (within a day, in roll-up order),
    /// dictionaries, tag sets expanded into one value code per tag key.
    public func contents(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = CacheContents()
        let rows = rowCount
        contents.days.reserveCapacity(rows)
        contents.tagSetCodes.reserveCapacity(rows)
        for index in 0..<RollupBuilder.dimensionCount { contents.dimensionCodes[index].reserveCapacity(rows) }
        for index in 0..<RollupBuilder.measureCount { contents.measures[index].reserveCapacity(rows) }
        forEachRow { day, key, sums in
            contents.days.append(day)
            for index in 0..<RollupBuilder.dimensionCount { contents.dimensionCodes[index].append(key[index]) }
            contents.tagSetCodes.append(key[RollupBuilder.tagSetSlot - 1])
            for index in 0..<RollupBuilder.measureCount { contents.measures[index].append(sums[index]) }
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
