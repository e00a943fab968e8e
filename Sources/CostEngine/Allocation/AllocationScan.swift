import CostCache
import CostModel
import Dispatch

/// The scan behind a query grouped by a category: sums per `currency × value` as the plain kernel
/// makes them, and, for the few values splits involve ("slots"), sums per `currency × slot × day`,
/// which the splits divide day by day. One pass; large ranges on two threads.
struct AllocationScan {
    let values: UnsafePointer<Int64>
    let currencies: CodeColumn
    let categoryCodes: UnsafePointer<UInt32>
    let days: DayColumn
    /// Slot of each category code; codes splits do not involve map to the spare slot `slots`, so
    /// the loop has no branch on it (a mispredicted branch per row cost more than the add).
    let slotOf: UnsafePointer<Int32>
    let filters: UnsafeBufferPointer<ScanKernel.FilterColumn>
    let width: Int
    let slots: Int
    let dayCount: Int
    let firstDay: Int32
    let parallelRows: Int
    /// Whether to add each row to `sums`; false when every value has a slot, whose days give the totals.
    let addSums: Bool

    /// The sums over `rows`: `sums` and `seen` are `currencies × width`, `daily` is
    /// `currencies × (slots + 1) × dayCount` (the last slot of each currency is the spare one).
    func run(_ rows: Range<Int>, currencyCount: Int) -> (sums: [Int128], seen: [Bool], daily: [Int128]) {
        let parts = rows.count < parallelRows ? 1 : 2
        let size = currencyCount * width, dailySize = currencyCount * (slots + 1) * dayCount
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
                    let out = Sums(sums: sums.baseAddress!, seen: seen.baseAddress!, daily: daily.baseAddress!)
                    // The currency and day columns at their stored widths: one loop per pair, chosen once.
                    switch currencies.width {
                    case 1: scan(rows, out, currencies.typed(UInt8.self))
                    case 2: scan(rows, out, currencies.typed(UInt16.self))
                    default: scan(rows, out, currencies.typed(UInt32.self))
                    }
                }
            }
        }
        return (sums, seen, daily)
    }

    private struct Sums {
        let sums: UnsafeMutablePointer<Int128>
        let seen: UnsafeMutablePointer<Bool>
        let daily: UnsafeMutablePointer<Int128>
    }

    private func scan<Currency: FixedWidthInteger & UnsignedInteger>(_ rows: Range<Int>, _ out: Sums,
                                                                     _ currencies: UnsafePointer<Currency>) {
        switch days.offsets.width {
        case 1: scan(rows, out, currencies, days.offsets.typed(UInt8.self))
        case 2: scan(rows, out, currencies, days.offsets.typed(UInt16.self))
        default: scan(rows, out, currencies, days.offsets.typed(UInt32.self))
        }
    }

    private func scan<Currency: FixedWidthInteger & UnsignedInteger, DayOffset: FixedWidthInteger & UnsignedInteger>(
        _ rows: Range<Int>, _ out: Sums, _ currencies: UnsafePointer<Currency>, _ dayOffsets: UnsafePointer<DayOffset>
    ) {
        let (sums, seen, daily) = (out.sums, out.seen, out.daily)
        // A row's day offset in the period: its stored offset (a day's bit pattern in format 2)
        // plus the column's origin, minus the period's first day, in wrapping 32-bit arithmetic.
        let dayShift = days.origin &- firstDay
        rowLoop: for row in rows {
            for filter in filters where !filter.allowed[Int(filter.codes[row])] { continue rowLoop }
            let currency = Int(currencies[row])
            let code = Int(categoryCodes[row])
            let value = Int128(values[row])
            let index = currency &* width &+ code
            if addSums { sums[index] &+= value }
            seen[index] = true
            let slot = Int(slotOf[code])
            let day = Int(Int32(truncatingIfNeeded: dayOffsets[row]) &+ dayShift)
            daily[(currency &* (slots &+ 1) &+ slot) &* dayCount &+ day] &+= value
        }
    }
}
