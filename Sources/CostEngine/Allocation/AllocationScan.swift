import CostModel
import Dispatch

/// The scan behind a query grouped by a category: sums per `currency × value` as the plain kernel
/// makes them, and, for the few values splits involve ("slots"), sums per `currency × slot × day`,
/// which the splits divide day by day. One pass; large ranges on two threads.
struct AllocationScan {
    let values: UnsafePointer<Int64>
    let currencies: UnsafePointer<UInt32>
    let categoryCodes: UnsafePointer<UInt32>
    let days: UnsafePointer<Int32>
    /// Slot of each category code, or -1.
    let slotOf: UnsafePointer<Int32>
    let filters: UnsafeBufferPointer<ScanKernel.FilterColumn>
    let width: Int
    let slots: Int
    let dayCount: Int
    let firstDay: Int32
    let parallelRows: Int

    /// The sums over `rows`: `sums` and `seen` are `currencies × width`, `daily` is
    /// `currencies × slots × dayCount`.
    func run(_ rows: Range<Int>, currencyCount: Int) -> (sums: [Int128], seen: [Bool], daily: [Int128]) {
        let parts = rows.count < parallelRows ? 1 : 2
        let size = currencyCount * width, dailySize = currencyCount * slots * dayCount
        var results: [(sums: [Int128], seen: [Bool], daily: [Int128])] = []
        if parts == 1 {
            results = [scan(rows, size: size, dailySize: dailySize)]
        } else {
            let middle = rows.lowerBound + rows.count / 2
            let halves = [rows.lowerBound..<middle, middle..<rows.upperBound]
            let out = UnsafeMutablePointer<(sums: [Int128], seen: [Bool], daily: [Int128])>.allocate(capacity: 2)
            defer { out.deinitialize(count: 2); out.deallocate() }
            let shared = UncheckedSendable((self, out))
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                let (scan, out) = shared.value
                (out + part).initialize(to: scan.scan(halves[part], size: size, dailySize: dailySize))
            }
            results = [out[0], out[1]]
        }
        var (sums, seen, daily) = results[0]
        for other in results.dropFirst() {
            for index in 0..<size {
                sums[index] += other.sums[index]
                seen[index] = seen[index] || other.seen[index]
            }
            for index in 0..<dailySize { daily[index] += other.daily[index] }
        }
        return (sums, seen, daily)
    }

    private func scan(_ rows: Range<Int>, size: Int, dailySize: Int) -> (sums: [Int128], seen: [Bool], daily: [Int128]) {
        var sums = [Int128](repeating: 0, count: size)
        var seen = [Bool](repeating: false, count: size)
        var daily = [Int128](repeating: 0, count: dailySize)
        sums.withUnsafeMutableBufferPointer { sums in
            seen.withUnsafeMutableBufferPointer { seen in
                daily.withUnsafeMutableBufferPointer { daily in
                    rowLoop: for row in rows {
                        for filter in filters where !filter.allowed[Int(filter.codes[row])] { continue rowLoop }
                        let currency = Int(currencies[row])
                        let code = Int(categoryCodes[row])
                        let value = Int128(values[row])
                        let index = currency &* width &+ code
                        sums[index] &+= value
                        seen[index] = true
                        let slot = Int(slotOf[code])
                        if slot >= 0 {
                            daily[(currency &* slots &+ slot) &* dayCount &+ Int(days[row] &- firstDay)] &+= value
                        }
                    }
                }
            }
        }
        return (sums, seen, daily)
    }
}
