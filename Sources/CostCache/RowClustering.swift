import CostModel
import Dispatch

/// Orders rows within each day by the cluster dimensions' codes (`CacheFormat.clusterDimensions`):
/// then one account's rows, or one account's service's, or its usage type's, are one run per day,
/// which a query finds by binary search instead of reading the day's other rows.
enum RowClustering {
    /// Rows `rows` of `contents` (whole days) as the writer lays them out.
    /// `packing: false` always compares the columns (the tests check both ways agree).
    static func rawImage(_ contents: CacheContents, rows: Range<Int>, packing allowed: Bool = true) -> RowTableImage {
        var image = RowTableImage(prefix: "", days: contents.days, dimensions: contents.dimensionCodes.map { $0 },
                                  tagSetCodes: contents.tagSetCodes, measures: contents.measures,
                                  clusterDimensions: CacheFormat.clusterDimensions, rows: rows)
        let keys = CacheFormat.clusterDimensions.map { contents.dimensionCodes[$0.columnIndex] }
        let days = dayRuns(contents.days, rows: rows)
        if days.allSatisfy({ isSorted($0, keys) }) { return image }
        // Days are sorted already; sort each day's rows on its own (two threads, days dealt
        // alternately). When the codes and a row's place in its day fit 64 bits together, each row
        // is one packed integer (codes, then the row: ties keep their order, as a stable sort
        // would), sorted as plain integers: at 250,000 rows a day 5× faster than comparing columns.
        var order = rows.map { Int32($0) }
        let base = rows.lowerBound
        let packing = allowed ? Packing(keys: keys, rows: rows, longestDay: days.map(\.count).max() ?? 0) : nil
        order.withUnsafeMutableBufferPointer { order in
            let shared = UncheckedSendable(order)
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                let order = shared.value
                var packed: [UInt64] = []
                for index in stride(from: part, to: days.count, by: 2) {
                    let run = days[index]
                    var slice = UnsafeMutableBufferPointer(rebasing: order[(run.lowerBound - base)..<(run.upperBound - base)])
                    if let packing {
                        packed.removeAll(keepingCapacity: true)
                        for row in run { packed.append(packing.key(row, keys) | UInt64(row - run.lowerBound)) }
                        packed.sort()
                        for (position, key) in packed.enumerated() {
                            slice[position] = Int32(run.lowerBound + Int(key & packing.rowMask))
                        }
                    } else {
                        slice.sort { less(Int($0), Int($1), keys) }
                    }
                }
            }
        }
        image.order = order
        return image
    }

    /// The row ranges of each day among `rows` (all of them when nil; rows sorted by day).
    static func dayRuns(_ days: [Int32], rows: Range<Int>? = nil) -> [Range<Int>] {
        let rows = rows ?? 0..<days.count
        guard !rows.isEmpty else { return [] }
        var runs: [Range<Int>] = []
        var start = rows.lowerBound
        for row in (start + 1)...rows.upperBound where row == rows.upperBound || days[row] != days[start] {
            runs.append(start..<row)
            start = row
        }
        return runs
    }

    /// How the cluster codes and a row's place in its day pack into one integer: each code in as
    /// many bits as the largest among these rows needs, the row in the lowest bits.
    struct Packing {
        /// Bit offset of each key's code.
        let shifts: [UInt64]
        let rowMask: UInt64

        init?(keys: [[UInt32]], rows: Range<Int>, longestDay: Int) {
            var bits = UInt64.bitWidth - max(0, longestDay - 1).leadingZeroBitCount
            var widths: [Int] = []
            for key in keys {
                let largest = key[rows].max() ?? 0
                widths.append(UInt32.bitWidth - largest.leadingZeroBitCount)
            }
            rowMask = bits == 0 ? 0 : (1 << UInt64(bits)) - 1
            var shifts = [UInt64](repeating: 0, count: keys.count)
            for index in keys.indices.reversed() {
                shifts[index] = UInt64(bits)
                bits += widths[index]
            }
            guard bits <= UInt64.bitWidth else { return nil }
            self.shifts = shifts
        }

        @inline(__always)
        func key(_ row: Int, _ keys: [[UInt32]]) -> UInt64 {
            var packed: UInt64 = 0
            for index in keys.indices { packed |= UInt64(keys[index][row]) << shifts[index] }
            return packed
        }
    }

    @inline(__always)
    static func less(_ a: Int, _ b: Int, _ keys: [[UInt32]]) -> Bool {
        for key in keys where key[a] != key[b] { return key[a] < key[b] }
        return false
    }

    static func isSorted(_ rows: Range<Int>, _ keys: [[UInt32]]) -> Bool {
        var row = rows.lowerBound + 1
        while row < rows.upperBound {
            if less(row, row - 1, keys) { return false }
            row += 1
        }
        return true
    }
}
