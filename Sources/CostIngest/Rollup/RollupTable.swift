/// An open-addressed hash table from a fixed-width key of `UInt32` words to a fixed number of
/// `Int64` sums: the daily roll-up of line items. Keys and sums live in flat arrays, so adding a line
/// item allocates nothing once the table has grown.
struct RollupTable {
    let keyWidth: Int
    let measureCount: Int
    private(set) var keys: [UInt32] = []
    private(set) var sums: [Int64] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    /// Number of distinct keys (rows of the roll-up).
    var count: Int { hashes.count }

    init(keyWidth: Int, measureCount: Int) {
        self.keyWidth = keyWidth
        self.measureCount = measureCount
        slots = Array(repeating: -1, count: 1 << 12)
        mask = (1 << 12) - 1
    }

    /// Adds `measures` to the sums of `key`, inserting the key when new.
    /// - Returns: false when a sum would overflow (the caller reports it).
    @inline(__always)
    mutating func add(key: UnsafePointer<UInt32>, measures: UnsafePointer<Int64>) -> Bool {
        let hash = RollupTable.hash(key, keyWidth)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { break }
            if hashes[entry] == hash && keyEquals(entry, key) {
                return accumulate(entry, measures)
            }
            slot = (slot + 1) & mask
        }
        let entry = hashes.count
        hashes.append(hash)
        keys.append(contentsOf: UnsafeBufferPointer(start: key, count: keyWidth))
        sums.append(contentsOf: repeatElement(0, count: measureCount))
        slots[slot] = Int32(entry)
        if hashes.count * 2 > slots.count { grow() }
        return accumulate(entry, measures)
    }

    @inline(__always)
    private mutating func accumulate(_ entry: Int, _ measures: UnsafePointer<Int64>) -> Bool {
        let base = entry * measureCount
        var ok = true
        sums.withUnsafeMutableBufferPointer { sums in
            for index in 0..<measureCount {
                let (sum, overflow) = sums[base + index].addingReportingOverflow(measures[index])
                if overflow { ok = false } else { sums[base + index] = sum }
            }
        }
        return ok
    }

    @inline(__always)
    private func keyEquals(_ entry: Int, _ key: UnsafePointer<UInt32>) -> Bool {
        keys.withUnsafeBufferPointer { keys in
            let base = entry * keyWidth
            for index in 0..<keyWidth where keys[base + index] != key[index] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for entry in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    @inline(__always)
    static func hash(_ key: UnsafePointer<UInt32>, _ width: Int) -> UInt64 {
        var hash: UInt64 = 0x9e37_79b9_7f4a_7c15
        for index in 0..<width {
            hash = (hash ^ UInt64(key[index])) &* 0xff51_afd7_ed55_8ccd
            hash ^= hash >> 31
        }
        return hash
    }
}
