import CostModel

extension RollupBuilder {
    /// Adds every row of `other` (built by another thread from another part of the input),
    /// re-encoding its dictionary codes, tag sets and code tuples into this builder's.
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
            tagSetRemap.append(internTagSet(other.tagPairs(ofSet: set).map { (otherKeys[$0.0], otherValues[$0.0][$0.1]) }))
        }
        // Each of the other builder's code tuples, re-encoded, becomes one of this builder's.
        let codes = UnsafeMutablePointer<UInt32>.allocate(capacity: RollupBuilder.tupleWidth)
        defer { codes.deallocate() }
        var tupleRemap = [UInt32](repeating: 0, count: other.codeTuples.count)
        for tuple in 0..<other.codeTuples.count {
            let otherCodes = other.codeTuples.key(at: tuple)
            for index in 0..<RollupBuilder.dimensionCount { codes[index] = remaps[index][Int(otherCodes[index])] }
            codes[RollupBuilder.tagSetWord] = tagSetRemap[Int(otherCodes[RollupBuilder.tagSetWord])]
            tupleRemap[tuple] = self.tuple(codes: codes)
        }
        // Roll-up keys are (code tuple, source).
        let sourceRemap = remaps[FixedDimension.source.columnIndex]
        guard rollup.absorb(other.rollup, remaps: [tupleRemap, sourceRemap], threads: threads) else {
            throw RowProblem(column: nil, value: "", reason: "a daily sum exceeds ±9.2 billion")
        }
    }
}
