import Dispatch
import Foundation
import Parquet

/// Decodes every column of every row group, row groups spread over the cores, and prints rows/s.
enum Bench {
    static func run(_ file: ParquetFile, repeats: Int) throws {
        let all = Array(file.schema.columns.indices)
        let groups = file.rowGroups.count
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: groups) { group in
                do { _ = try file.readRowGroup(group, columns: all) } catch { failures.record(error) }
            }
            if let error = failures.first { throw error }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
        }
        let rows = Double(file.rowCount)
        print(String(format: "%d rows, %d columns, %d row groups: best %.3f s, %.0f rows/s", file.rowCount, all.count, groups, best, rows / best))
    }
}

/// The first error of concurrent reads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: Error?
    func record(_ error: Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}
