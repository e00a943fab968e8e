import CostModel
import Dispatch
import Foundation

/// Checks a row table's columns lazily, one row group of one column at a time, the first time a
/// reader asks for it (docs/cache-format.md, *Reading rules*): its XXH64 against `groupsums`, that
/// every code is inside its dictionary, that every day is the one the day index gives its row.
/// Opening a cache of 50M rows then checks kilobytes, not gigabytes; a query checks what it reads.
/// Thread-safe: the explorer's background anomaly search and its keys share one cache.
final class RowGroupVerifier: @unchecked Sendable {
    /// What a column holds, for the checks beyond its checksum.
    enum Content {
        /// Days as offsets from `origin` (format 3: the table's first day; format 2: 0).
        case days(origin: Int32)
        case codes(limit: Int)
        case values
    }

    struct Column {
        var name: String
        var bytes: UnsafeRawBufferPointer
        var width: Int
        var content: Content
    }

    let path: String
    let rowCount: Int
    let groupRows: Int
    let groupCount: Int
    private let columns: [Column]
    private let indexOf: [CacheColumn: Int]
    private let sums: UnsafeBufferPointer<Int64>
    private let dayStarts: UnsafeBufferPointer<Int64>
    private let firstDay: Int32
    private let lock = NSLock()
    /// One bit per (column, group), column-major: set once the group checked out.
    private var checked: [UInt64]

    init(path: String, rowCount: Int, groupRows: Int, columns: [(CacheColumn, Column)],
         sums: UnsafeBufferPointer<Int64>, dayStarts: UnsafeBufferPointer<Int64>, firstDay: Int32) {
        self.path = path
        self.rowCount = rowCount
        self.groupRows = groupRows
        groupCount = (rowCount + groupRows - 1) / groupRows
        self.columns = columns.map(\.1)
        indexOf = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.0, $0) })
        self.sums = sums
        self.dayStarts = dayStarts
        self.firstDay = firstDay
        checked = [UInt64](repeating: 0, count: (columns.count * groupCount + 63) / 64)
    }

    /// Checks `column` over the row groups that `rows` touch (columns a table does not keep pass).
    func verify(_ rows: [Range<Int>], columns wanted: [CacheColumn]) throws {
        var pending: [(column: Int, group: Int)] = []
        let sorted = rows.allSatisfy { !$0.isEmpty } && zip(rows, rows.dropFirst()).allSatisfy { $0.lowerBound <= $1.lowerBound }
            ? rows : rows.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        lock.lock()
        for name in wanted {
            guard let column = indexOf[name] else { continue }
            var lastGroup = -1
            for range in sorted {
                let first = max(lastGroup + 1, range.lowerBound / groupRows)
                let last = (range.upperBound - 1) / groupRows
                guard first <= last else { continue }
                for group in first...last {
                    let bit = column * groupCount + group
                    if checked[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { pending.append((column, group)) }
                    lastGroup = group
                }
            }
        }
        lock.unlock()
        guard !pending.isEmpty else { return }
        // Checked outside the lock: another thread may check the same group meanwhile, which is
        // harmless. Many groups (a first query over a whole period) are shared by two threads.
        if pending.count < 32 {
            for (column, group) in pending { try check(column, group) }
        } else {
            let failures = UnsafeMutableBufferPointer<CacheError?>.allocate(capacity: 2)
            failures.initialize(repeating: nil)
            defer { failures.deallocate() }
            let shared = UncheckedSendable((self, pending, failures))
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                let (verifier, pending, failures) = shared.value
                for index in stride(from: part, to: pending.count, by: 2) {
                    do { try verifier.check(pending[index].column, pending[index].group) } catch {
                        failures[part] = error as? CacheError
                        return
                    }
                }
            }
            if let failure = failures[0] ?? failures[1] { throw failure }
        }
        lock.lock()
        for (column, group) in pending {
            let bit = column * groupCount + group
            checked[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        lock.unlock()
    }

    /// Checks every group of every column.
    func verifyAll() throws {
        try verify([0..<rowCount], columns: Array(indexOf.keys))
    }

    private func check(_ index: Int, _ group: Int) throws {
        let column = columns[index]
        let rows = (group * groupRows)..<min(rowCount, (group + 1) * groupRows)
        let slice = UnsafeRawBufferPointer(rebasing: column.bytes[(rows.lowerBound * column.width)..<(rows.upperBound * column.width)])
        guard XXH64.hash(slice) == UInt64(bitPattern: sums[index * groupCount + group]) else {
            throw CacheError.corrupt(path: path, reason: "checksum mismatch in block \(column.name), rows \(rows.lowerBound)..<\(rows.upperBound)")
        }
        switch column.content {
        case .values:
            break
        case .codes(let limit):
            let highest = RowGroupVerifier.highest(slice, width: column.width)
            if Int(highest) >= limit {
                throw CacheError.corrupt(path: path, reason: "column \(column.name) holds code \(highest) outside its dictionary of \(limit), rows \(rows.lowerBound)..<\(rows.upperBound)")
            }
        case .days(let origin):
            let days = DayColumn(offsets: CodeColumn(base: slice.baseAddress, count: rows.count, width: column.width), origin: origin)
            // The day index says which day each row belongs to: find the first row's day, then walk.
            var low = 0
            var high = dayStarts.count - 1
            while low + 1 < high {
                let middle = (low + high) / 2
                if dayStarts[middle] <= Int64(rows.lowerBound) { low = middle } else { high = middle }
            }
            var day = low
            for offset in 0..<rows.count {
                let row = Int64(rows.lowerBound + offset)
                while day + 1 < dayStarts.count - 1 && dayStarts[day + 1] <= row { day += 1 }
                if days[offset] != firstDay &+ Int32(day) {
                    throw CacheError.corrupt(path: path, reason: "row \(row) of \(column.name) is not on the day the day index gives it")
                }
            }
        }
    }

    /// The largest code among `bytes` (values of `width` bytes), with the loop specialised per width.
    private static func highest(_ bytes: UnsafeRawBufferPointer, width: Int) -> UInt32 {
        func largest<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type) -> UInt32 {
            var highest: T = 0
            for code in bytes.assumingMemoryBound(to: T.self) where code > highest { highest = code }
            return UInt32(highest)
        }
        switch width {
        case 1: return largest(UInt8.self)
        case 2: return largest(UInt16.self)
        default: return largest(UInt32.self)
        }
    }
}
