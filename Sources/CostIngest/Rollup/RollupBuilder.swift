import CostCache
import CostModel

/// Folds normalized line items into daily roll-up rows and turns them into `CacheContents`.
///
/// A line item is built in place: the adapter sets the day and dimension values (interned straight
/// from the CSV bytes), adds tags, fills the measures, then calls `commit()`. The roll-up key is the
/// day, every fixed dimension and the row's tag set (all tags of a line item interned as one code), so
/// the key has a fixed width however many tag keys the data holds.
public final class RollupBuilder {
    static let dimensionCount = FixedDimension.allCases.count
    static let keyWidth = dimensionCount + 2
    static let tagSetSlot = dimensionCount + 1

    private let interners: [ByteInterner]
    /// The same interners, unretained, for the per-field hot path (`interners` keeps them alive).
    private let internerRefs: UnsafeMutablePointer<Unmanaged<ByteInterner>>
    private var labels: [[UInt32: String]]
    private var tagKeyInterner = ByteInterner()
    private var tagKeyAllowed: [Bool] = [false]
    private var tagValueInterners: [ByteInterner] = [ByteInterner()]
    private var tagSetInterner = ByteInterner()
    private var pendingTags: [UInt64] = []
    let rollup = DailyRollup(keyWidth: RollupBuilder.keyWidth - 1, measureCount: Measure.allCases.count)
    private let allowedTagKeys: Set<String>?
    private let keepResources: Bool

    /// The key of the line item being built: day, then dimension codes, then tag set.
    private let key: UnsafeMutablePointer<UInt32>
    /// The measures of the line item being built, indexed like `Measure.allCases` (raw memory: the
    /// adapters write it for every line item).
    public let measures: UnsafeMutablePointer<Int64>
    /// The `source` code of the file being read, applied to every line item committed.
    private var sourceCode: UInt32 = 0

    /// - Parameters:
    ///   - keepResources: keep resource ids (high cardinality) as a dimension.
    ///   - tagKeys: the tag keys to keep, or nil for all.
    public init(keepResources: Bool, tagKeys: [String]?) {
        self.keepResources = keepResources
        allowedTagKeys = tagKeys.map(Set.init)
        interners = (0..<RollupBuilder.dimensionCount).map { _ in ByteInterner() }
        internerRefs = .allocate(capacity: RollupBuilder.dimensionCount)
        for (index, interner) in interners.enumerated() { internerRefs[index] = Unmanaged.passUnretained(interner) }
        labels = Array(repeating: [:], count: RollupBuilder.dimensionCount)
        key = .allocate(capacity: RollupBuilder.keyWidth)
        key.initialize(repeating: 0, count: RollupBuilder.keyWidth)
        measures = .allocate(capacity: Measure.allCases.count)
        measures.initialize(repeating: 0, count: Measure.allCases.count)
    }

    deinit {
        key.deallocate()
        measures.deallocate()
        internerRefs.deallocate()
    }

    /// Number of measures per line item.
    static let measureCount = Measure.allCases.count

    /// Number of roll-up rows so far.
    public var rowCount: Int { rollup.count }

    // MARK: - Building a line item

    /// Names the file the following line items come from (kept per row, so a re-ingest can replace it).
    public func setSource(_ path: String) {
        set(.source, path)
        sourceCode = key[FixedDimension.source.columnIndex + 1]
    }

    /// Sets the day of the line item being built.
    @inline(__always)
    public func setDay(_ day: Day) { key[0] = UInt32(bitPattern: day.index) }

    /// Sets a dimension of the line item being built from raw bytes (empty means missing).
    @inline(__always)
    public func set(_ dimension: FixedDimension, _ bytes: UnsafeRawBufferPointer) {
        if dimension == .resource && !keepResources { return }
        let index = dimension.columnIndex
        // Borrow the interner without a retain/release pair: this runs ten times per line item.
        key[index + 1] = internerRefs[index]._withUnsafeGuaranteedRef { $0.code(for: bytes) }
    }

    /// Sets a dimension to a constant (the provider name, a default currency, a category).
    @inline(__always)
    public func set(_ dimension: FixedDimension, _ text: StaticString) {
        set(dimension, UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Sets a dimension from a String (for values decoded elsewhere, such as a file path).
    public func set(_ dimension: FixedDimension, _ text: String) {
        var copy = text
        copy.withUTF8 { set(dimension, UnsafeRawBufferPointer($0)) }
    }

    /// Records a display name (e.g. an account name) for the value currently set in `dimension`.
    @inline(__always)
    public func setLabel(_ dimension: FixedDimension, _ bytes: UnsafeRawBufferPointer) {
        let index = dimension.columnIndex
        let code = key[index + 1]
        guard code != 0, !bytes.isEmpty, labels[index][code] == nil else { return }
        labels[index][code] = TerminalSanitizer.decodeEscapingInvalidUTF8(bytes)
    }

    /// Adds a tag to the line item being built; keys outside `--tags` and empty values are ignored.
    @inline(__always)
    public func addTag(key tagKey: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard !tagKey.isEmpty, !value.isEmpty else { return }
        let keyCode = tagKeyInterner.code(for: tagKey)
        if Int(keyCode) >= tagKeyAllowed.count {
            let name = String(decoding: tagKey, as: UTF8.self)
            tagKeyAllowed.append(allowedTagKeys?.contains(name) ?? true)
            tagValueInterners.append(ByteInterner())
        }
        guard tagKeyAllowed[Int(keyCode)] else { return }
        let valueCode = tagValueInterners[Int(keyCode)].code(for: value)
        pendingTags.append(UInt64(keyCode) << 32 | UInt64(valueCode))
    }

    /// Folds the line item into its roll-up row and resets the builder for the next one.
    /// - Throws: `RowProblem` when a sum would overflow.
    public func commit() throws(RowProblem) {
        key[RollupBuilder.tagSetSlot] = internTagSet()
        key[FixedDimension.source.columnIndex + 1] = sourceCode
        measures[Measure.lineItems.columnIndex] = 1
        let ok = addCurrentRow()
        reset()
        guard ok else {
            throw RowProblem(column: nil, value: "", reason: "a daily sum exceeds ±9.2 billion; costs out of range")
        }
    }

    /// Clears the line item being built.
    public func reset() {
        key.update(repeating: 0, count: RollupBuilder.keyWidth)
        measures.update(repeating: 0, count: RollupBuilder.measureCount)
        pendingTags.removeAll(keepingCapacity: true)
    }

    private func internTagSet() -> UInt32 {
        if pendingTags.isEmpty { return 0 }
        if pendingTags.count > 1 {
            pendingTags.sort()
            // The same key twice (e.g. `user:team` and a map entry `team`): keep the first value.
            var write = 1
            for read in 1..<pendingTags.count where pendingTags[read] >> 32 != pendingTags[write - 1] >> 32 {
                pendingTags[write] = pendingTags[read]
                write += 1
            }
            pendingTags.removeLast(pendingTags.count - write)
        }
        return pendingTags.withUnsafeBytes { tagSetInterner.code(for: $0) }
    }

    // MARK: - Helpers for merging builders

    func internValue(_ dimensionIndex: Int, _ value: String) -> UInt32 {
        interners[dimensionIndex].code(for: value)
    }

    func setLabel(_ dimensionIndex: Int, code: UInt32, _ label: String) {
        if code != 0 && labels[dimensionIndex][code] == nil { labels[dimensionIndex][code] = label }
    }

    func tagKeyStrings() -> [String] { tagKeyInterner.strings() }

    func tagValueStrings() -> [[String]] { tagValueInterners.map { $0.strings() } }

    var tagSetCountSoFar: Int { tagSetInterner.count }

    /// The (key code, value code) pairs of a tag set.
    func tagPairs(ofSet set: Int) -> [(Int, Int)] {
        let bytes = Array(tagSetInterner.bytes(of: UInt32(set)))
        return bytes.withUnsafeBytes { raw in
            (0..<(raw.count / 8)).map { index in
                let pair = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                return (Int(pair >> 32), Int(UInt32(truncatingIfNeeded: pair)))
            }
        }
    }

    /// Interns the tags added since the last commit as a tag set and clears them.
    func commitTagSet() -> UInt32 {
        let code = internTagSet()
        pendingTags.removeAll(keepingCapacity: true)
        return code
    }

    /// Adds an already rolled-up row.
    /// Adds an already rolled-up row: `key` is the full key, day first.
    func addRow(key: [UInt32], measures: UnsafePointer<Int64>) -> Bool {
        key.withUnsafeBufferPointer { key in
            rollup.add(day: Int32(bitPattern: key[0]), key: key.baseAddress! + 1, measures: measures)
        }
    }

    /// Adds the line item in the builder's own key and measure buffers.
    @inline(__always)
    private func addCurrentRow() -> Bool {
        rollup.add(day: Int32(bitPattern: key[0]), key: key + 1, measures: measures)
    }

    // MARK: - Reading the result

    /// Calls `body` with every roll-up row (day, key words after the day, sums), days in order.
    func forEachRow<Failure: Error>(_ body: (Int32, UnsafePointer<UInt32>, UnsafePointer<Int64>) throws(Failure) -> Void) throws(Failure) {
        try rollup.forEachRow(body)
    }

    func dictionaryStrings(_ index: Int) -> [String] { interners[index].strings() }

    func labelMap(_ index: Int) -> [UInt32: String] { labels[index] }

    /// Tag keys kept, their value dictionaries, and the tag-set matrix with one column per kept key.
    func tagDirectory() -> (keys: [String], values: [[String]], sets: [UInt32], setCount: Int) {
        let allKeys = tagKeyInterner.strings()
        var column = [Int](repeating: -1, count: allKeys.count)
        var keys: [String] = []
        var values: [[String]] = []
        for code in 1..<max(1, allKeys.count) where tagKeyAllowed[code] {
            column[code] = keys.count
            keys.append(allKeys[code])
            values.append(tagValueInterners[code].strings())
        }
        let setCount = tagSetInterner.count
        var sets = [UInt32](repeating: 0, count: setCount * keys.count)
        for set in 1..<max(1, setCount) {
            let bytes = Array(tagSetInterner.bytes(of: UInt32(set)))
            bytes.withUnsafeBytes { raw in
                for pairIndex in 0..<(raw.count / 8) {
                    let pair = raw.loadUnaligned(fromByteOffset: pairIndex * 8, as: UInt64.self)
                    let keyColumn = column[Int(pair >> 32)]
                    sets[set * keys.count + keyColumn] = UInt32(truncatingIfNeeded: pair)
                }
            }
        }
        return (keys, values, sets, setCount)
    }

    // MARK: - Merging an earlier cache

    /// Adds the rows of an earlier cache whose source is in `keptSources`, re-encoding their codes.
    public func merge(_ cache: CacheFile, keptSources: Set<String>) throws(RowProblem) {
        let sourceDictionary = cache.dictionary(.source)
        var keepSource = [Bool](repeating: false, count: sourceDictionary.count)
        for code in 0..<sourceDictionary.count { keepSource[code] = keptSources.contains(sourceDictionary[code]) }
        guard keepSource.contains(true) else { return }

        var remaps: [[UInt32]] = []
        for dimension in FixedDimension.allCases {
            let dictionary = cache.dictionary(dimension)
            var remap = [UInt32](repeating: 0, count: dictionary.count)
            let index = dimension.columnIndex
            for code in 1..<max(1, dictionary.count) {
                let bytes = dictionary.bytes(at: code)
                remap[code] = interners[index].code(for: UnsafeRawBufferPointer(bytes))
            }
            if let labelTable = cache.labels(dimension) {
                for code in 1..<min(labelTable.count, dictionary.count) where !labelTable[code].isEmpty {
                    labels[index][remap[code]] = labels[index][remap[code]] ?? labelTable[code]
                }
            }
            remaps.append(remap)
        }
        var tagSetRemap = [UInt32](repeating: 0, count: cache.tagSetCount)
        let keyCount = cache.tagKeys.count
        for set in 1..<max(1, cache.tagSetCount) {
            for keyIndex in 0..<keyCount {
                let valueCode = cache.tagSets[set * keyCount + keyIndex]
                guard valueCode != 0 else { continue }
                let keyBytes = Array(cache.tagKeys[keyIndex].utf8)
                let valueBytes = cache.tagValues(keyIndex).bytes(at: Int(valueCode))
                keyBytes.withUnsafeBytes { addTag(key: $0, value: UnsafeRawBufferPointer(valueBytes)) }
            }
            tagSetRemap[set] = internTagSet()
            pendingTags.removeAll(keepingCapacity: true)
        }

        let sourceCodes = cache.codes(.source)
        let measureColumns = Measure.allCases.map { cache.measure($0) }
        let dimensionColumns = FixedDimension.allCases.map { cache.codes($0) }
        for row in 0..<cache.rowCount where keepSource[Int(sourceCodes[row])] {
            key[0] = UInt32(bitPattern: cache.days[row])
            for dimension in 0..<RollupBuilder.dimensionCount {
                key[dimension + 1] = remaps[dimension][Int(dimensionColumns[dimension][row])]
            }
            let tagSet = tagSetRemap[Int(cache.tagSetCodes[row])]
            for measure in 0..<RollupBuilder.measureCount { measures[measure] = measureColumns[measure][row] }
            key[RollupBuilder.tagSetSlot] = tagSet
            let ok = addCurrentRow()
            reset()
            guard ok else { throw RowProblem(column: nil, value: "", reason: "a daily sum exceeds ±9.2 billion") }
        }
    }
}
