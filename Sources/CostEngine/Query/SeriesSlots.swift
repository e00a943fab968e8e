/// Where each group's daily series sits in a query's series buffer (`QueryEngine.dailySeries`):
/// one slot of `days` sums per group that has rows in the answer, in code order.
///
/// Why not one slot per code: the buffer was `codes × days` Int128s, zeroed, whatever the answer
/// held. Grouping by resource (40,000 codes) over 30 days is 19.2 MB for the handful of resources
/// under one tag value; at 50M rows the explorer's first drill into resources spent three quarters
/// of its 10–20 ms faulting in and unmapping that buffer (docs/scale.md, *The resource step's
/// first visit*). With a slot per answered group it is a few kilobytes. When most codes are
/// answered (all resources at the top) the slots are the codes themselves, as before, so the scan
/// does not pay a lookup per row to save little.
struct SeriesSlots {
    /// The slot of each group code, or empty when each code is its own slot. Codes without rows all
    /// point at the spare slot `count`, which the scan may add to but nobody reads (the scan and
    /// `seen` agree, so none should reach it).
    let slotOf: [Int32]
    /// The slots in use (not counting the spare one).
    let count: Int

    /// Slots for the groups `seen` marks (one currency's `seen` flags, indexed by group code).
    init(seen: ArraySlice<Bool>) {
        let used = seen.reduce(0) { $0 + ($1 ? 1 : 0) }
        // Half the codes or more: a slot per code wastes at most half the buffer, and saves the lookup.
        guard used * 2 < seen.count else {
            self.init(slotOf: [], count: seen.count)
            return
        }
        var slotOf = [Int32](repeating: Int32(used), count: seen.count)
        var next: Int32 = 0
        for (group, present) in seen.enumerated() where present {
            slotOf[group] = next
            next += 1
        }
        self.init(slotOf: slotOf, count: used)
    }

    /// One slot per code, in code order.
    init(identity width: Int) {
        self.init(slotOf: [], count: width)
    }

    private init(slotOf: [Int32], count: Int) {
        self.slotOf = slotOf
        self.count = count
    }

    /// How many sums a buffer for `days` days holds (the spare slot included when there is one).
    func bufferCount(days: Int) -> Int { (slotOf.isEmpty ? count : count + 1) * days }

    /// The slot of `group`.
    func slot(of group: Int) -> Int { slotOf.isEmpty ? group : Int(slotOf[group]) }

    /// The sums of `group`'s days in a buffer laid out by these slots.
    func range(of group: Int, days: Int) -> Range<Int> {
        let slot = slot(of: group)
        return (slot * days)..<((slot + 1) * days)
    }
}
