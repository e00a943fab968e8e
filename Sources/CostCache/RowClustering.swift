import CostModel
import Dispatch

/// Orders rows within each day by the cluster dimensions' codes (`CacheFormat.clusterDimensions`):
/// then one account's rows, or one account's service's, or its usage type's, are one run per day,
/// which a query finds by binary search instead of reading the day's other rows.
enum RowClustering {
    /// Rows `rows` of `contents` (whole days) as the writer lays them out.
    static func rawImage(_ contents: CacheContents, rows: Range<Int>) -> RowTableImage {
        var image = RowTableImage(prefix: "", days: contents.days, dimensions: contents.dimensionCodes.map { $0 },
                                  tagSetCodes: contents.tagSetCodes, measures: contents.measures,
                                  clusterDimensions: CacheFormat.clusterDimensions, rows: rows)
        let keys = CacheFormat.clusterDimensions.map { contents.dimensionCodes[$0.columnIndex] }
        let days = dayRuns(contents.days, rows: rows)
        if days.allSatisfy({ isSorted($0, keys) }) { return image }
        // Days are sorted already; sort each day's rows on its own (two threads, days dealt alternately).
        var order = rows.map { Int32($0) }
        let base = rows.lowerBound
        order.withUnsafeMutableBufferPointer { order in
            let shared = UncheckedSendable(order)
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                let order = shared.value
                for index in stride(from: part, to: days.count, by: 2) {
                    let run = days[index]
                    var slice = UnsafeMutableBufferPointer(rebasing: order[(run.lowerBound - base)..<(run.upperBound - base)])
                    slice.sort { less(Int($0), Int($1), keys) }
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
