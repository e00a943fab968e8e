import ByteStreams
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine
@testable import CostIngest
@testable import CostModel

/// Inputs the fuzzers (`scripts/fuzz.sh`, docs/reliability.md) found crashing the code or breaking
/// an invariant, kept as files under `Tests/Fixtures/fuzz/<target>/` and run here through the
/// same code path and checks as the harness in `Fuzz/Harnesses/<target>.swift`.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// Every regression file of one fuzz target.
    static func fixtures(_ target: String) -> [String] {
        let folder = Support.repository + "/Tests/Fixtures/fuzz/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { folder + "/" + $0 }
    }

    @Test("the fixture folders hold the inputs the fuzzers found")
    func fixturesPresent() {
        #expect(!Self.fixtures("cache").isEmpty)
    }

    @Test("cache: each input is a clear error or a cache every query can read", arguments: fixtures("cache"))
    func cache(path: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let cache: CacheFile
        do {
            cache = try CacheFile(path: path)
        } catch let error as CacheError {
            #expect("\(error)".contains(path), "the error names the file: \(error)")
            return
        }
        #expect(bytes.count > CacheFormat.headerSize)
        guard let whole = cache.dayRange else { return }
        let span = min(400, Int(whole.to.index) - Int(whole.from.index) + 1)
        let range = DayRange(from: whole.to.adding(days: 1 - span), to: whole.to)
        let comparison = DayRange(from: range.from.adding(days: -span), to: range.from.adding(days: -1))
        let engine = QueryEngine(cache: cache)
        let dimensions = FixedDimension.allCases.map { CostDimension.fixed($0) } + cache.tagKeys.map { .tag($0) }
            + [.day, .month]
        for dimension in dimensions {
            var spec = QuerySpec(groupBy: dimension, period: range, comparison: comparison)
            spec.includeSeries = true
            let result = try engine.run(spec)
            if result.currency != nil { #expect(result.rows.reduce(Int128(0)) { $0 + $1.cost } == result.total) }
        }
    }

    @Test("cache: the command line answers each input with exit 65 or a table, never a crash", arguments: fixtures("cache"))
    func cacheCommandLine(path: String) {
        for arguments in [["overview"], ["query", "--by", "month"], ["query", "--by", "day"], ["anomalies"]] {
            let run = Support.costtop(arguments + ["--cache", path])
            #expect(run.status == 0 || run.status == 65, "\(arguments): exit \(run.status), \(run.err)")
            if run.status == 65 { #expect(run.err.contains(path), "\(arguments): \(run.err)") }
        }
    }
}
