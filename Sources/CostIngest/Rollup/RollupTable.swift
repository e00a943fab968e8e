/// An open-addressed hash table from a fixed-width key of `UInt32` words to a fixed number of
/// `Int64` sums: the daily roll-up of line items. Keys and sums live in flat raw buffers that double
/// when full, so adding a line item allocates nothing and pays no copy-on-write checks.
final class RollupTable {
    let keyWidth: Int
    let measureCount: Int
    private var keyStorage: UnsafeMutablePointer<UInt32>
    private var sumStorage: UnsafeMutablePointer<Int64>
    private var hashes: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private var slots: UnsafeMutablePointer<Int32>
    private var mask: Int
    /// Number of distinct keys (rows of the roll-up).
    private(set) var count = 0
    /// The entry the previous `add` went to.
    private var lastEntry = -1

    init(keyWidth: Int, measureCount: Int) {
        self.keyWidth = keyWidth
        self.measureCount = measureCount
        capacity = 1 << 11
        keyStorage = .allocate(capacity: capacity * keyWidth)
        sumStorage = .allocate(capacity: capacity * measureCount)
        hashes = .allocate(capacity: capacity)
        slots = .allocate(capacity: capacity * 2)
        slots.initialize(repeating: -1, count: capacity * 2)
        mask = capacity * 2 - 1
    }

    deinit {
        keyStorage.deallocate()
        sumStorage.deallocate()
        hashes.deallocate()
        slots.deallocate()
    }

    /// The keys, `keyWidth` words per row.
    var keys: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: keyStorage, count: count * keyWidth) }
    /// The sums, `measureCount` values per row.
    var sums: UnsafeBufferPointer<Int64> { UnsafeBufferPointer(start: sumStorage, count: count * measureCount) }

    /// Adds `measures` to the sums of `key`, inserting the key when new.
    /// - Returns: false when a sum would overflow (the caller reports it).
    @inline(__always)
    func add(key: UnsafePointer<UInt32>, measures: UnsafePointer<Int64>) -> Bool {
        // Consecutive rows often share a key: skip the hash then.
        if lastEntry < 0 || !keyEquals(lastEntry, key) { lastEntry = entry(for: key) }
        return accumulate(lastEntry, measures)
    }

    /// The entry of `key`, inserted with zero sums when new (a table with no measures is a set of
    /// keys numbered in insertion order).
    func entry(for key: UnsafePointer<UInt32>) -> Int {
        let hash = RollupTable.hash(key, keyWidth)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && keyEquals(entry, key) { return entry }
            slot = (slot + 1) & mask
        }
        if count == capacity {
            grow()
            return self.entry(for: key)
        }
        let entry = count
        count += 1
        hashes[entry] = hash
        (keyStorage + entry * keyWidth).update(from: key, count: keyWidth)
        (sumStorage + entry * measureCount).initialize(repeating: 0, count: measureCount)
        slots[slot] = Int32(entry)
        return entry
    }

    /// The key words of `entry`.
    func key(at entry: Int) -> UnsafePointer<UInt32> { UnsafePointer(keyStorage + entry * keyWidth) }

    /// Adds `measures` to the sums of `entry`.
    /// - Returns: false when a sum would overflow.
    @inline(__always)
    func accumulate(_ entry: Int, _ measures: UnsafePointer<Int64>) -> Bool {
        let base = sumStorage + entry * measureCount
        var overflow = false
        for index in 0..<measureCount {
            let (sum, overflowed) = base[index].addingReportingOverflow(measures[index])
            overflow = overflow || overflowed
            base[index] = sum
        }
        return !overflow
    }

    @inline(__always)
    private func keyEquals(_ entry: Int, _ key: UnsafePointer<UInt32>) -> Bool {
        let stored = keyStorage + entry * keyWidth
        for index in 0..<keyWidth where stored[index] != key[index] { return false }
        return true
    }

    /// Doubles the row storage and rebuilds the slot index (kept at most half full).
    private func grow() {
        let newCapacity = capacity * 2
        let newKeys = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity * keyWidth)
        newKeys.moveInitialize(from: keyStorage, count: count * keyWidth)
        keyStorage.deallocate()
        keyStorage = newKeys
        let newSums = UnsafeMutablePointer<Int64>.allocate(capacity: newCapacity * measureCount)
        newSums.moveInitialize(from: sumStorage, count: count * measureCount)
        sumStorage.deallocate()
        sumStorage = newSums
        let newHashes = UnsafeMutablePointer<UInt64>.allocate(capacity: newCapacity)
        newHashes.moveInitialize(from: hashes, count: count)
        hashes.deallocate()
        hashes = newHashes
        capacity = newCapacity
        slots.deallocate()
        slots = .allocate(capacity: newCapacity * 2)
        slots.initialize(repeating: -1, count: newCapacity * 2)
        mask = newCapacity * 2 - 1
        for entry in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    @inline(__always)
    static func hash(_ key: UnsafePointer<UInt32>, _ width: Int) -> UInt64 {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15
        var index = 0
        // Two words at a time: the key is 16 words, this halves the multiply chain.
        while index + 1 < width {
            let pair = UInt64(key[index]) | UInt64(key[index + 1]) << 32
            hash = (hash ^ pair) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 29
            index += 2
        }
        if index < width { hash = (hash ^ UInt64(key[index])) &* 0xff51_afd7_ed55_8ccd }
        return hash ^ (hash >> 32)
    }
}
