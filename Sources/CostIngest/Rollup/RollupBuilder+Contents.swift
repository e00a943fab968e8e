import CostCache
import CostModel

extension RollupBuilder {
    /// The roll-up as cache contents: rows sorted by day (then by key, so output is deterministic),
    /// dictionaries, tag sets expanded into one value code per tag key.
    public func contents(sources: [SourceRecord], settings: IngestSettings) -> CacheContents {
        var contents = CacheContents()
        let width = RollupBuilder.keyWidth
        let keys = tableKeys
        let sums = tableSums
        let measureCount = Measure.allCases.count
        var order = Array(0..<rowCount)
        do {
            order.sort { left, right in
                let a = left * width
                let b = right * width
                // Day is stored as a bit pattern of Int32: compare it signed, the rest unsigned.
                let dayA = Int32(bitPattern: keys[a])
                let dayB = Int32(bitPattern: keys[b])
                if dayA != dayB { return dayA < dayB }
                for index in 1..<width where keys[a + index] != keys[b + index] {
                    return keys[a + index] < keys[b + index]
                }
                return false
            }
        }
        contents.days.reserveCapacity(rowCount)
        for dimension in 0..<RollupBuilder.dimensionCount { contents.dimensionCodes[dimension].reserveCapacity(rowCount) }
        for row in order {
            let base = row * width
            contents.days.append(Int32(bitPattern: keys[base]))
            for dimension in 0..<RollupBuilder.dimensionCount {
                contents.dimensionCodes[dimension].append(keys[base + 1 + dimension])
            }
            contents.tagSetCodes.append(keys[base + RollupBuilder.tagSetSlot])
            for measure in 0..<measureCount {
                contents.measures[measure].append(sums[row * measureCount + measure])
            }
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
