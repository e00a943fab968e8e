import CostCache
@testable import CostEngine
import CostModel
import Foundation

// The cache reader: any bytes must open as a cache or fail with a `CacheError`, never crash; a
// cache that opens must answer a query grouped by every dimension (each fixed one, each tag key,
// day and month) with or without a filter, a comparison period and daily series, without crashing.
// Each input is read twice: as it is, and "repaired" — every block checksum and the footer's
// recomputed — so that mutations inside blocks and the footer reach the checks behind the
// checksums instead of all stopping at the first mismatch.

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    if let folder = ProcessInfo.processInfo.environment["COSTTOP_FUZZ_SEEDS"] {
        for (index, contents) in CacheSeeds.all().enumerated() {
            try? CacheWriter(createdBy: "costtop fuzz seeds").write(contents, to: "\(folder)/builtin-\(index).ctc")
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCache(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    openAndQuery(bytes)
    if let repaired = CacheRepair.repaired(bytes) {
        repaired.withUnsafeBytes { openAndQuery($0) }
    }
    return 0
}

private func openAndQuery(_ bytes: UnsafeRawBufferPointer) {
    let cache: CacheFile
    do {
        cache = try CacheFile(path: "fuzz.ctc", fileSystem: MemoryFileSystem(bytes: bytes))
    } catch is CacheError {
        return
    } catch {
        fuzzFailure("opening threw \(error), not a CacheError")
    }
    guard let whole = cache.dayRange else { return }
    // The last 400 days at most (a damaged cache can span 3.6 million, and grouping by day makes a
    // group per day), compared with as many days before them.
    let span = min(400, Int(whole.to.index) - Int(whole.from.index) + 1)
    let range = DayRange(from: whole.to.adding(days: 1 - span), to: whole.to)
    let comparison = DayRange(from: range.from.adding(days: -span), to: range.from.adding(days: -1))
    let engine = QueryEngine(cache: cache)
    let dimensions = FixedDimension.allCases.map { CostDimension.fixed($0) } + cache.tagKeys.map { .tag($0) }
        + [.day, .month]
    for (index, dimension) in dimensions.enumerated() {
        var spec = QuerySpec(groupBy: dimension, period: range, comparison: comparison,
                             metric: Metric.allCases[index % Metric.allCases.count])
        spec.includeSeries = true
        // Filter on the dimension before this one: keep its first value, drop it, or no filter.
        let previous = FixedDimension.allCases[(index + FixedDimension.allCases.count - 1) % FixedDimension.allCases.count]
        let values = cache.dictionary(previous)
        if values.count > 1, index % 3 != 2 {
            spec.filters = [Filter(dimension: .fixed(previous), value: values[1], exclude: index % 3 == 1)]
        }
        do {
            let result = try engine.run(spec)
            var total: Int128 = 0
            for row in result.rows { total += row.cost }
            if result.currency != nil {
                fuzzCheck(total == result.total, "rows add up to \(total), the total is \(result.total)")
            }
        } catch is QueryError {
            continue
        } catch is CacheError {
            // Format 2 checks a row group when a query first reads it: damage found then.
            continue
        } catch {
            fuzzFailure("a query threw \(error), not a QueryError or CacheError")
        }
    }
}
