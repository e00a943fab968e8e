import CostCache
import CostModel

/// Folds normalized line items into daily roll-up rows and turns them into `CacheContents`.
///
/// A line item is built in place: the adapter sets the day and dimension values (raw CSV bytes),
/// adds tags, fills the measures, then calls `commit()`. The values are not looked up one by one:
/// they are appended to an encoding of the line item, and the encoding is looked up as a whole in a
/// `TupleCache`. Only an encoding not seen before is resolved field by field into dictionary codes
/// and a tag-set code (all tags of a line item interned as one code), giving the number of its code
/// tuple. A roll-up row is then keyed by day, code tuple and source file: two words instead of a
/// word per dimension, expanded back into codes when the cache is written.
public final class RollupBuilder {
    static let dimensionCount = FixedDimension.allCases.count
    /// Words of a code tuple: every dimension's code, then the tag set's.
    static let tupleWidth = dimensionCount + 1
    /// Where the tag set's code sits in a code tuple.
    static let tagSetWord = dimensionCount

    private let interners: [ByteInterner]
    private var labels: [[UInt32: String]]
    private var tagKeyInterner = ByteInterner()
    private var tagKeyAllowed: [Bool] = [false]
    private var tagValueInterners: [ByteInterner] = [ByteInterner()]
    private var tagSetInterner = ByteInterner()
    private var pendingTags: [UInt64] = []
    /// Roll-up rows keyed by (code tuple, source), per day.
    let rollup = DailyRollup(keyWidth: 2, measureCount: Measure.allCases.count)
    /// Every distinct code tuple (every dimension's code, the source's left 0, then the tag set),
    /// numbered in order of first appearance.
    let codeTuples = RollupTable(keyWidth: RollupBuilder.tupleWidth, measureCount: 0)
    private let tupleCache = TupleCache()
    private let allowedTagKeys: Set<String>?
    private let keepResources: Bool

    /// The day of the line item being built.
    private var day: Int32 = 0
    /// The encoding of the line item being built: for each value set, a tag byte (the dimension's
    /// index; `labelTag | index` for a label; `tagPairTag` for a tag), the length (one byte, or 255
    /// and four bytes) and the bytes.
    /// Equal encodings mean equal dimension codes, so the encoding is the `TupleCache` key.
    private var encoding: UnsafeMutableRawPointer
    private var encodingUsed = 0
    private var encodingCapacity = 1024
    /// Per dimension: where its value's bytes are in `encoding` and how many (-1: not set).
    private let valueOffsets: UnsafeMutablePointer<Int>
    private let valueLengths: UnsafeMutablePointer<Int>
    /// The same for each dimension's label.
    private let labelOffsets: UnsafeMutablePointer<Int>
    private let labelLengths: UnsafeMutablePointer<Int>
    /// Where each tag's key and value are in `encoding`.
    /// Raw memory with a count rather than an array: emptying an array for every line item (its
    /// uniqueness check and generic `removeAll`) cost more than the tags themselves.
    private var tagOffsets: UnsafeMutablePointer<(key: Int, keyLength: Int, value: Int, valueLength: Int)>
    private var tagCount = 0
    private var tagCapacity = 16
    private static let labelTag: UInt8 = 0x80
    private static let tagPairTag: UInt8 = 0xFF
    /// Scratch for one code tuple.
    private let tupleKey: UnsafeMutablePointer<UInt32>
    /// Scratch for one roll-up key: code tuple, source.
    private let rowKey: UnsafeMutablePointer<UInt32>
    /// The measures of the line item being built, indexed like `Measure.allCases` (raw memory: the
    /// adapters write it for every line item).
    public let measures: UnsafeMutablePointer<Int64>
    /// The `source` code of the file being read, applied to every line item committed.
    private var sourceCode: UInt32 = 0
    /// The row memo of columnar sources (see `RowMemo`).
    let memo = RowMemo()
    /// Whether the memo already knows the current line item's dimensions: setting them is then
    /// skipped, and `commit()` uses `memoEntry`.
    public private(set) var dimensionsKnown = false
    private var memoEntry = 0
    /// Set when the memo missed: the hash to remember the resolved entry under.
    private var memoHash: UInt64?

    /// - Parameters:
    ///   - keepResources: keep resource ids (high cardinality) as a dimension.
    ///   - tagKeys: the tag keys to keep, or nil for all.
    public init(keepResources: Bool, tagKeys: [String]?) {
        self.keepResources = keepResources
        allowedTagKeys = tagKeys.map(Set.init)
        interners = (0..<RollupBuilder.dimensionCount).map { _ in ByteInterner() }
        labels = Array(repeating: [:], count: RollupBuilder.dimensionCount)
        encoding = .allocate(byteCount: encodingCapacity, alignment: 8)
        valueOffsets = .allocate(capacity: RollupBuilder.dimensionCount)
        valueLengths = .allocate(capacity: RollupBuilder.dimensionCount)
        valueLengths.initialize(repeating: -1, count: RollupBuilder.dimensionCount)
        labelOffsets = .allocate(capacity: RollupBuilder.dimensionCount)
        labelLengths = .allocate(capacity: RollupBuilder.dimensionCount)
        labelLengths.initialize(repeating: -1, count: RollupBuilder.dimensionCount)
        tupleKey = .allocate(capacity: RollupBuilder.tupleWidth)
        tupleKey.initialize(repeating: 0, count: RollupBuilder.tupleWidth)
        rowKey = .allocate(capacity: 2)
        rowKey.initialize(repeating: 0, count: 2)
        measures = .allocate(capacity: Measure.allCases.count)
        measures.initialize(repeating: 0, count: Measure.allCases.count)
        tagOffsets = .allocate(capacity: tagCapacity)
    }

    deinit {
        encoding.deallocate()
        valueOffsets.deallocate()
        valueLengths.deallocate()
        labelOffsets.deallocate()
        labelLengths.deallocate()
        tupleKey.deallocate()
        rowKey.deallocate()
        measures.deallocate()
        tagOffsets.deallocate()
    }

    /// Number of measures per line item.
    static let measureCount = Measure.allCases.count

    /// Number of roll-up rows so far.
    public var rowCount: Int { rollup.count }

    // MARK: - Building a line item

    /// Names the file the following line items come from (kept per row, so a re-ingest can replace it).
    public func setSource(_ path: String) {
        sourceCode = interners[FixedDimension.source.columnIndex].code(for: path)
    }

    /// Sets the day of the line item being built.
    @inline(__always)
    public func setDay(_ day: Day) { self.day = day.index }

    /// Sets a dimension of the line item being built from raw bytes (empty means missing). Setting a
    /// dimension again replaces the value.
    @inline(__always)
    public func set(_ dimension: FixedDimension, _ bytes: UnsafeRawBufferPointer) {
        if dimensionsKnown || (dimension == .resource && !keepResources) { return }
        let index = dimension.columnIndex
        valueOffsets[index] = append(tag: UInt8(truncatingIfNeeded: index), bytes)
        valueLengths[index] = bytes.count
    }

    /// Sets the currency from raw bytes; an export that leaves it out bills in US dollars (files
    /// of any format without the column, or with it blank).
    @inline(__always)
    public func setCurrency(_ bytes: UnsafeRawBufferPointer) {
        if bytes.isEmpty { set(.currency, "USD" as StaticString) } else { set(.currency, bytes) }
    }

    /// Sets a dimension to a constant (the provider name, a default currency, a category).
    @inline(__always)
    public func set(_ dimension: FixedDimension, _ text: StaticString) {
        set(dimension, UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Sets a dimension from a String (for values decoded elsewhere).
    public func set(_ dimension: FixedDimension, _ text: String) {
        var copy = text
        copy.withUTF8 { set(dimension, UnsafeRawBufferPointer($0)) }
    }

    /// Records a display name (e.g. an account name) for the value of `dimension` in this line item;
    /// the first name seen for a value is kept.
    @inline(__always)
    public func setLabel(_ dimension: FixedDimension, _ bytes: UnsafeRawBufferPointer) {
        guard !dimensionsKnown, !bytes.isEmpty else { return }
        let index = dimension.columnIndex
        labelOffsets[index] = append(tag: RollupBuilder.labelTag | UInt8(truncatingIfNeeded: index), bytes)
        labelLengths[index] = bytes.count
    }

    /// Adds a tag to the line item being built; keys outside `--tags` and empty values are ignored.
    @inline(__always)
    public func addTag(key tagKey: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard !dimensionsKnown, !tagKey.isEmpty, !value.isEmpty else { return }
        // Both are copied into the encoding: a tag parser may hand out bytes it reuses.
        let keyOffset = append(tag: RollupBuilder.tagPairTag, tagKey)
        let valueOffset = append(tag: RollupBuilder.tagPairTag, value)
        if tagCount == tagCapacity {
            let grown = UnsafeMutablePointer<(key: Int, keyLength: Int, value: Int, valueLength: Int)>.allocate(capacity: tagCapacity * 2)
            grown.moveInitialize(from: tagOffsets, count: tagCount)
            tagOffsets.deallocate()
            tagOffsets = grown
            tagCapacity *= 2
        }
        (tagOffsets + tagCount).initialize(to: (keyOffset, tagKey.count, valueOffset, value.count))
        tagCount += 1
    }

    /// Appends a tag byte, a length and `bytes` to the encoding; returns where the bytes start.
    @inline(__always)
    private func append(tag: UInt8, _ bytes: UnsafeRawBufferPointer) -> Int {
        let needed = encodingUsed + 6 + bytes.count
        if needed > encodingCapacity { growEncoding(to: needed) }
        encoding.storeBytes(of: tag, toByteOffset: encodingUsed, as: UInt8.self)
        var start = encodingUsed + 2
        if bytes.count < 255 {
            encoding.storeBytes(of: UInt8(truncatingIfNeeded: bytes.count), toByteOffset: encodingUsed + 1, as: UInt8.self)
        } else {
            encoding.storeBytes(of: UInt8(255), toByteOffset: encodingUsed + 1, as: UInt8.self)
            encoding.storeBytes(of: UInt32(truncatingIfNeeded: bytes.count), toByteOffset: start, as: UInt32.self)
            start += 4
        }
        if let base = bytes.baseAddress { RollupBuilder.copySmall(from: base, to: encoding + start, count: bytes.count) }
        encodingUsed = start + bytes.count
        return start
    }

    /// Copies a field's bytes with inline word moves (field values are short; a `memcpy` call per
    /// field cost more than the copy).
    @inline(__always)
    private static func copySmall(from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, count: Int) {
        if count >= 8 {
            var offset = 0
            while offset + 8 < count {
                target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                                  toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            // The last eight bytes, overlapping what was already copied.
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self),
                              toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self),
                              toByteOffset: count - 4, as: UInt32.self)
        } else {
            for index in 0..<count {
                target.storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index, as: UInt8.self)
            }
        }
    }

    private func growEncoding(to needed: Int) {
        let capacity = max(needed, encodingCapacity * 2)
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
        grown.copyMemory(from: encoding, byteCount: encodingUsed)
        encoding.deallocate()
        encoding = grown
        encodingCapacity = capacity
    }

    /// Whether the line item being built counts in the line-items measure: false for the second
    /// line item an adapter makes of one export row (GCP's credits), which is not a row of the bill.
    public var countsAsLineItem: Bool {
        get { lineItemWeight != 0 }
        set { lineItemWeight = newValue ? 1 : 0 }
    }

    /// How many raw line items the line item being built stands for: 1 for a raw export row, the
    /// roll-up's `x_LineItems` for a row of a warehouse roll-up (docs/rollup.md), 0 for a second
    /// line item made of one row.
    public var lineItemWeight: Int64 = 1

    /// Folds the line item into its roll-up row and resets the builder for the next one.
    /// - Throws: `RowProblem` when a sum would overflow.
    public func commit() throws(RowProblem) {
        var entry: Int
        if dimensionsKnown {
            entry = memoEntry
        } else {
            let bytes = UnsafeRawBufferPointer(start: encoding, count: encodingUsed)
            // XXH64 hashes 32 bytes per round on four independent lanes: encodings run to a few hundred bytes.
            let hash = XXH64.hash(bytes)
            entry = tupleCache.entry(of: bytes, hash: hash)
            if entry < 0 { entry = tupleCache.insert(bytes, hash: hash, tuple: resolveTuple()) }
            if let memoHash { memo.remember(entry: entry, hash: memoHash) }
        }
        measures[Measure.lineItems.columnIndex] = lineItemWeight
        let ok = rollup.unretainedTable(for: day)._withUnsafeGuaranteedRef { table in
            let row: Int
            if let remembered = tupleCache.rememberedRow(at: entry, day: day, source: sourceCode) {
                row = remembered
            } else {
                rowKey[0] = tupleCache.tuple(at: entry)
                rowKey[1] = sourceCode
                row = table.entry(for: rowKey)
                tupleCache.remember(row: row, at: entry, day: day, source: sourceCode)
            }
            return table.accumulate(row, measures)
        }
        reset()
        guard ok else {
            throw RowProblem(column: nil, value: "", reason: "a daily sum exceeds ±9.2 billion; costs out of range")
        }
    }

    /// Clears the line item being built.
    public func reset() {
        lineItemWeight = 1
        dimensionsKnown = false
        memoHash = nil
        encodingUsed = 0
        valueLengths.update(repeating: -1, count: RollupBuilder.dimensionCount)
        labelLengths.update(repeating: -1, count: RollupBuilder.dimensionCount)
        tagCount = 0
        measures.update(repeating: 0, count: RollupBuilder.measureCount)
    }

    /// Looks a record source's row signature up in `memo`, before the adapter reads the
    /// row: on a hit the line item's dimensions are known and setting them is skipped.
    @inline(__always)
    func lookUpMemo(_ signature: UnsafeRawBufferPointer) {
        let (entry, hash) = memo.lookUp(signature)
        if let entry {
            dimensionsKnown = true
            memoEntry = entry
        } else {
            memoHash = hash
        }
    }

    /// Turns the current line item's values into codes (first sight of its encoding): dictionary
    /// codes, labels, the tag set; returns the number of its code tuple.
    private func resolveTuple() -> UInt32 {
        for index in 0..<RollupBuilder.dimensionCount {
            let length = valueLengths[index]
            tupleKey[index] = length <= 0 ? 0
                : interners[index].code(for: UnsafeRawBufferPointer(start: encoding + valueOffsets[index], count: length))
            let labelLength = labelLengths[index]
            if labelLength > 0, tupleKey[index] != 0, labels[index][tupleKey[index]] == nil {
                let label = UnsafeRawBufferPointer(start: encoding + labelOffsets[index], count: labelLength)
                labels[index][tupleKey[index]] = TerminalSanitizer.decodeEscapingInvalidUTF8(label)
            }
        }
        pendingTags.removeAll(keepingCapacity: true)
        for tag in UnsafeBufferPointer(start: tagOffsets, count: tagCount) {
            internTag(key: UnsafeRawBufferPointer(start: encoding + tag.key, count: tag.keyLength),
                      value: UnsafeRawBufferPointer(start: encoding + tag.value, count: tag.valueLength))
        }
        tupleKey[RollupBuilder.tagSetWord] = internTagSet()
        // The source is the roll-up key's second word, not part of the tuple.
        tupleKey[FixedDimension.source.columnIndex] = 0
        return UInt32(codeTuples.entry(for: tupleKey))
    }

    /// Adds a tag to the pending tag set, interning its key and value.
    private func internTag(key tagKey: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
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

    private func internTagSet() -> UInt32 {
        if pendingTags.isEmpty { return 0 }
        if pendingTags.count > 1 {
            // The same key twice (e.g. `user:team` and a map entry `team`): the first one added wins.
            var write = 0
            for read in 0..<pendingTags.count {
                let key = pendingTags[read] >> 32
                if !(0..<write).contains(where: { pendingTags[$0] >> 32 == key }) {
                    pendingTags[write] = pendingTags[read]
                    write += 1
                }
            }
            pendingTags.removeLast(pendingTags.count - write)
            pendingTags.sort()
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

    /// Interns a tag set given as (key, value) strings.
    func internTagSet(_ pairs: [(key: String, value: String)]) -> UInt32 {
        pendingTags.removeAll(keepingCapacity: true)
        for (key, value) in pairs {
            let keyBytes = Array(key.utf8)
            let valueBytes = Array(value.utf8)
            keyBytes.withUnsafeBytes { keyRaw in valueBytes.withUnsafeBytes { internTag(key: keyRaw, value: $0) } }
        }
        let code = internTagSet()
        pendingTags.removeAll(keepingCapacity: true)
        return code
    }

    /// The number of a code tuple given every dimension's code (the source's is ignored) and the tag set.
    func tuple(codes: UnsafePointer<UInt32>) -> UInt32 {
        tupleKey.update(from: codes, count: RollupBuilder.tupleWidth)
        tupleKey[FixedDimension.source.columnIndex] = 0
        return UInt32(codeTuples.entry(for: tupleKey))
    }

    /// Adds an already rolled-up row: `codes` holds every dimension's code (source included) and the tag set.
    func addRow(day: Int32, codes: UnsafePointer<UInt32>, measures: UnsafePointer<Int64>) -> Bool {
        rowKey[0] = tuple(codes: codes)
        rowKey[1] = codes[FixedDimension.source.columnIndex]
        return rollup.add(day: day, key: rowKey, measures: measures)
    }

    // MARK: - Reading the result

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
                keyBytes.withUnsafeBytes { internTag(key: $0, value: UnsafeRawBufferPointer(valueBytes)) }
            }
            tagSetRemap[set] = internTagSet()
            pendingTags.removeAll(keepingCapacity: true)
        }

        let sourceCodes = cache.codes(.source)
        let measureColumns = Measure.allCases.map { cache.measure($0) }
        let dimensionColumns = FixedDimension.allCases.map { cache.codes($0) }
        let codes = UnsafeMutablePointer<UInt32>.allocate(capacity: RollupBuilder.tupleWidth)
        let sums = UnsafeMutablePointer<Int64>.allocate(capacity: RollupBuilder.measureCount)
        defer {
            codes.deallocate()
            sums.deallocate()
        }
        for row in 0..<cache.rowCount where keepSource[Int(sourceCodes[row])] {
            for dimension in 0..<RollupBuilder.dimensionCount {
                codes[dimension] = remaps[dimension][Int(dimensionColumns[dimension][row])]
            }
            codes[RollupBuilder.tagSetWord] = tagSetRemap[Int(cache.tagSetCodes[row])]
            for measure in 0..<RollupBuilder.measureCount { sums[measure] = measureColumns[measure][row] }
            guard addRow(day: cache.days[row], codes: codes, measures: sums) else {
                throw RowProblem(column: nil, value: "", reason: "a daily sum exceeds ±9.2 billion")
            }
        }
    }
}
