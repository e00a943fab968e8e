extension RollupBuilder {
    /// Adds every row of `other` (built by another thread from another part of the input),
    /// re-encoding its dictionary codes and tag sets into this builder's.
    /// - Parameter threads: how many threads add the rows (each takes whole days).
    public func absorb(_ other: RollupBuilder, threads: Int = 1) throws(RowProblem) {
        var remaps: [[UInt32]] = []
        for index in 0..<RollupBuilder.dimensionCount {
            let values = other.dictionaryStrings(index)
            remaps.append(values.indices.map { $0 == 0 ? 0 : internValue(index, values[$0]) })
            for (code, label) in other.labelMap(index) { setLabel(index, code: remaps[index][Int(code)], label) }
        }
        let otherKeys = other.tagKeyStrings()
        let otherValues = other.tagValueStrings()
        var tagSetRemap: [UInt32] = [0]
        for set in 1..<max(1, other.tagSetCountSoFar) {
            for (keyCode, valueCode) in other.tagPairs(ofSet: set) {
                let key = Array(otherKeys[keyCode].utf8)
                let value = Array(otherValues[keyCode][valueCode].utf8)
                key.withUnsafeBytes { keyBytes in value.withUnsafeBytes { addTag(key: keyBytes, value: $0) } }
            }
            tagSetRemap.append(commitTagSet())
        }
        // The key words after the day: every dimension, then the tag set.
        guard rollup.absorb(other.rollup, remaps: remaps + [tagSetRemap], threads: threads) else {
            throw RowProblem(column: nil, value: "", reason: "a daily sum exceeds ±9.2 billion")
        }
    }
}
