import CostCache
import CostModel
import Dispatch

/// The inner loop of a drill-down query for grouping by a dictionary-coded column (a fixed
/// dimension, a tag key through its tag-set map, or the day column as offsets): one pass over runs of rows with raw pointers,
/// filters as lookup tables, sums in a dense `currency × group` array. Large ranges are split over
/// two threads, each with its own sums, added at the end. The currency and group columns are
/// read at their stored widths (1, 2 or 4 bytes: cache format 3), through one loop specialised per
/// pair of widths, chosen once per run; filter columns read through `CodeColumn`'s branch-free load.
struct ScanKernel {
    /// A filter as a column of codes and a table saying which codes pass.
    struct FilterColumn {
        var codes: CodeColumn
        var allowed: UnsafePointer<Bool>
    }

    let values: UnsafePointer<Int64>
    let currencies: CodeColumn
    let groupCodes: CodeColumn
    /// Subtracted from `groupCodes` (wrapping): the first day when grouping by day, else 0.
    let groupBase: UInt32
    /// Maps a `groupCodes` value to the group (tag set → tag value), or nil for identity.
    let groupMap: UnsafePointer<UInt32>?
    let filters: UnsafeBufferPointer<FilterColumn>
    let width: Int
    /// Ranges of at least this many rows are split between two threads.
    let parallelRows: Int

    /// Adds the runs' values into `sums` and marks `seen` (both `currencyCount × width`).
    func run(_ runs: [Range<Int>], sums: inout [Int128], seen: inout [Bool]) {
        let total = runs.reduce(0) { $0 + $1.count }
        guard total > 0 else { return }
        let size = sums.count
        if total < parallelRows {
            sums.withUnsafeMutableBufferPointer { sums in
                seen.withUnsafeMutableBufferPointer { seen in
                    for run in runs { scan(run, sums.baseAddress!, seen.baseAddress!) }
                }
            }
            return
        }
        // Two halves by row count, a run cut where the first half ends.
        var halves: [[Range<Int>]] = [[], []]
        var remaining = total / 2
        for run in runs {
            if remaining >= run.count {
                halves[0].append(run)
                remaining -= run.count
            } else if remaining > 0 {
                halves[0].append(run.lowerBound..<(run.lowerBound + remaining))
                halves[1].append((run.lowerBound + remaining)..<run.upperBound)
                remaining = 0
            } else {
                halves[1].append(run)
            }
        }
        let partSums = UnsafeMutablePointer<Int128>.allocate(capacity: size * 2)
        partSums.initialize(repeating: 0, count: size * 2)
        let partSeen = UnsafeMutablePointer<Bool>.allocate(capacity: size * 2)
        partSeen.initialize(repeating: false, count: size * 2)
        defer {
            partSums.deallocate()
            partSeen.deallocate()
        }
        let shared = UncheckedSendable((self, partSums, partSeen, halves))
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let (kernel, sums, seen, halves) = shared.value
            for run in halves[part] { kernel.scan(run, sums + part * size, seen + part * size) }
        }
        for index in 0..<size {
            sums[index] += partSums[index] + partSums[size + index]
            seen[index] = seen[index] || partSeen[index] || partSeen[size + index]
        }
    }

    /// Scans `rows` with the loop specialised for the currency and group columns' widths.
    private func scan(_ rows: Range<Int>, _ sums: UnsafeMutablePointer<Int128>, _ seen: UnsafeMutablePointer<Bool>) {
        switch currencies.width {
        case 1: scan(rows, sums, seen, currencies.typed(UInt8.self))
        case 2: scan(rows, sums, seen, currencies.typed(UInt16.self))
        default: scan(rows, sums, seen, currencies.typed(UInt32.self))
        }
    }

    private func scan<Currency: FixedWidthInteger & UnsignedInteger>(
        _ rows: Range<Int>, _ sums: UnsafeMutablePointer<Int128>, _ seen: UnsafeMutablePointer<Bool>,
        _ currencies: UnsafePointer<Currency>
    ) {
        switch groupCodes.width {
        case 1: scan(rows, sums, seen, currencies, groupCodes.typed(UInt8.self))
        case 2: scan(rows, sums, seen, currencies, groupCodes.typed(UInt16.self))
        default: scan(rows, sums, seen, currencies, groupCodes.typed(UInt32.self))
        }
    }

    private func scan<Currency: FixedWidthInteger & UnsignedInteger, Code: FixedWidthInteger & UnsignedInteger>(
        _ rows: Range<Int>, _ sums: UnsafeMutablePointer<Int128>, _ seen: UnsafeMutablePointer<Bool>,
        _ currencies: UnsafePointer<Currency>, _ groupCodes: UnsafePointer<Code>
    ) {
        rowLoop: for row in rows {
            for filter in filters where !filter.allowed[Int(filter.codes[row])] { continue rowLoop }
            var group = Int(UInt32(truncatingIfNeeded: groupCodes[row]) &- groupBase)
            if let groupMap { group = Int(groupMap[group]) }
            let index = Int(currencies[row]) &* width &+ group
            sums[index] &+= Int128(values[row])
            seen[index] = true
        }
    }
}
