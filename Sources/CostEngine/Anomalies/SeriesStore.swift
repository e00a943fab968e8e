#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every node's daily series for `NodeSeries`, node after node (`days` values each), in one block
/// of memory that grows in place, and the week being read.
///
/// At 50M rows the series of about 150,000 nodes over 118 days take 140 MB, built one node at a
/// time as rows first show them. Two things keep building them from being a wait on memory:
/// - **Eight days are summed in a block of their own** (`add`: eight values per node, one cache
///   line; the usage types of a day come in node order, so the block is walked in order), then
///   added into the series when the rows move past them (`beginDay`, `finish`). Adding each row
///   straight into its node's series touched a cache line 944 bytes from the last for every row,
///   and copying each day out on its own still touched one per node and day: either wait was most
///   of building the series. Each node's day is the same sum, in the same order (the rows'), so
///   the same value to the bit.
/// - **The block grows with `realloc`**, which moves a large block's pages instead of copying them
///   (an `Array` allocates twice the size and copies, faulting every page in again).
final class SeriesStore {
    /// Days summed in the block before they are added to the series.
    static let blockDays = 8

    let days: Int
    /// The nodes stored.
    private(set) var count = 0
    private var capacity: Int
    /// The first node's first day; moves when the storage grows.
    private var base: UnsafeMutablePointer<Double>
    /// `blockDays` values per node: the days from `blockStart`.
    private var block: UnsafeMutablePointer<Double>
    private var blockStart = -1

    init(days: Int) {
        self.days = max(1, days)
        capacity = 1_024
        base = Self.allocate(capacity * self.days)
        block = Self.allocate(capacity * Self.blockDays)
    }

    deinit {
        free(base)
        free(block)
    }

    /// Adds a node whose series is all zeros; returns its number.
    func append() -> Int {
        if count == capacity {
            let grown = capacity * 2
            base = Self.reallocate(base, to: grown * days)
            (base + capacity * days).initialize(repeating: 0, count: (grown - capacity) * days)
            block = Self.reallocate(block, to: grown * Self.blockDays)
            (block + capacity * Self.blockDays).initialize(repeating: 0, count: (grown - capacity) * Self.blockDays)
            capacity = grown
        }
        count += 1
        return count - 1
    }

    /// Starts reading the rows of `day`: the block moves to the eight days that hold it (adding
    /// the days it held into the series) when `day` is outside it.
    func beginDay(_ day: Int) {
        guard blockStart < 0 || day < blockStart || day >= blockStart + Self.blockDays else { return }
        finish()
        blockStart = day - day % Self.blockDays
    }

    /// Adds `value` to `node` on `day` (inside the block: after `beginDay(day)`).
    @inline(__always)
    func add(_ node: Int, _ value: Double, day: Int) {
        block[node * Self.blockDays + (day - blockStart)] += value
    }

    /// Adds the block's sums into the series (zero before, when the rows come in day order) and
    /// empties it. Call after the last row.
    func finish() {
        guard blockStart >= 0 else { return }
        let width = min(Self.blockDays, days - blockStart)
        // Emptied in the same pass, while each node's line is in the cache (a second pass over the
        // whole block was a tenth of building the series).
        for node in 0..<count {
            let sums = block + node * Self.blockDays
            let series = base + node * days + blockStart
            for offset in 0..<width { series[offset] += sums[offset] }
            for offset in 0..<Self.blockDays { sums[offset] = 0 }
        }
        blockStart = -1
    }

    /// Sets a node's value on a day (after `finish`).
    func set(_ node: Int, day: Int, _ value: Double) { base[node * days + day] = value }

    /// The node's series.
    func series(_ node: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: base + node * days, count: days)
    }

    /// Every node's series, node after node.
    var all: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: base, count: count * days) }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        guard let memory = calloc(count, MemoryLayout<Double>.stride) else { fatalError("out of memory for anomaly series") }
        return memory.assumingMemoryBound(to: Double.self)
    }

    private static func reallocate(_ pointer: UnsafeMutablePointer<Double>, to count: Int) -> UnsafeMutablePointer<Double> {
        guard let moved = realloc(pointer, count * MemoryLayout<Double>.stride) else { fatalError("out of memory for anomaly series") }
        return moved.assumingMemoryBound(to: Double.self)
    }
}
