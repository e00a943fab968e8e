/// Node numbers by packed key (`NodeSeries.pack`): an open-addressing hash table with linear
/// probing and a multiplicative hash.
///
/// The detector looked a usage-type leaf up for nearly every row it read (a leaf has only one or
/// two rows a day at 50M rows), and `Dictionary`'s SipHash and generic probing were a sixth of
/// detection time; `HierarchyCursor` now finds most rows' nodes without it, and this table answers
/// the rest (new leaves, and `leafSums`). Keys are never removed.
struct NodeIndex {
    private var keys: [UInt64]
    private var nodes: [Int32]
    private var used = 0
    private var shift: UInt64

    /// An empty index with room for `capacity` keys before it first grows.
    init(capacity: Int = 1_024) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        nodes = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// The node of `key`, or nil.
    subscript(key: UInt64) -> Int? {
        var slot = self.slot(key)
        let mask = keys.count - 1
        while nodes[slot] >= 0 {
            if keys[slot] == key { return Int(nodes[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Records `node` for `key` (which must not be present yet).
    mutating func insert(_ key: UInt64, _ node: Int) {
        if 2 * (used + 1) > keys.count { grow() }
        var slot = self.slot(key)
        let mask = keys.count - 1
        while nodes[slot] >= 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        nodes[slot] = Int32(node)
        used += 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing: the top bits of the product mix every bit of the key.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func grow() {
        let oldKeys = keys, oldNodes = nodes
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        nodes = [Int32](repeating: -1, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        used = 0
        for slot in oldNodes.indices where oldNodes[slot] >= 0 { insert(oldKeys[slot], Int(oldNodes[slot])) }
    }
}
