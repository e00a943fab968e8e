/// Where each group's daily series sits in a query's series buffer (`QueryEngine.dailySeries`):
/// one slot of `days` sums per group that has rows in the answer, in code order.
///
/// Why not one slot per code: the buffer was `codes × days` Int128s, zeroed, whatever the answer
/// held. Grouping by resource (40,000 codes) over 30 days is 19.2 MB for the handful of resources
/// under one tag value; at 50M rows the explorer's first drill into resources spent three quarters
/// of its 10–20 ms faulting in and unmapping that buffer (docs/scale.md, *The resource step's
/// first visit*). With a slot per answered group it is a few kilobytes; a query that answers every
/// code (all resources at the top) uses as much as before.
struct SeriesSlots {
    /// The slot of each group code; codes without rows all point at the spare slot `count`, which
    /// the scan may add to but nobody reads (the scan and `seen` agree, so none should reach it).
    let slotOf: [Int32]
    /// The slots in use (not counting the spare one).
    let count: Int

    /// Slots for the groups `seen` marks (one currency's `seen` flags, indexed by group code).
    init(seen: ArraySlice<Bool>) {
        var slotOf = [Int32](repeating: 0, count: seen.count)
        var used = 0
        for (group, present) in seen.enumerated() where present {
            slotOf[group] = Int32(used)
            used += 1
        }
        for (group, present) in seen.enumerated() where !present { slotOf[group] = Int32(used) }
        self.slotOf = slotOf
        count = used
    }

    /// One slot per code, in code order (the allocation scan, whose groups are a few categories).
    init(identity width: Int) {
        slotOf = (0..<width).map { Int32($0) }
        count = width
    }

    /// How many sums a buffer for `days` days holds (the spare slot included).
    func bufferCount(days: Int) -> Int { (count + 1) * days }

    /// The sums of `group`'s days in a buffer laid out by these slots.
    func range(of group: Int, days: Int) -> Range<Int> {
        let slot = Int(slotOf[group])
        return (slot * days)..<((slot + 1) * days)
    }
}
