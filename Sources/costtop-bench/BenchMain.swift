import CostCache
import CostEngine
import CostModel
import Foundation

/// Measures drill-down query latency on a cache, in-process, for scripts/bench.py.
///
/// Usage: `costtop-bench CACHE [REPEAT]`. Prints one JSON object: the time to open the cache and
/// answer the top-level query (median of cold opens in this process), and for each drill-down step
/// its filters and median/p90 latency. The keys drilled into are the largest at each level, so the
/// benchmark follows the path a person would.
///
/// `costtop-bench generate ROWS FILE` writes a generated FOCUS daily roll-up of about ROWS rows
/// (`RollupGenerator`); `costtop-bench scale CACHE [REPEAT]` times the explorer on it (`ScaleBench`).
@main
struct BenchMain {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count >= 4, arguments[1] == "generate", let rows = Int(arguments[2]) {
            let clock = ContinuousClock()
            let start = clock.now
            // Eight days a chunk: about 2M rows at 100M rows, the table never whole in memory.
            let generator = RollupGenerator(rows: rows)
            try CacheWriter(createdBy: "costtop-bench generate")
                .write(generator.frame(), rows: generator.chunks(daysPerChunk: 8), to: arguments[3])
            print("{\"rows\":\(generator.rowCount),\"seconds\":\((clock.now - start).inSeconds)}")
            return
        }
        if arguments.count >= 3, arguments[1] == "scale" {
            try ScaleBench.run(path: arguments[2], repeats: arguments.count > 3 ? Int(arguments[3]) ?? 30 : 30)
            return
        }
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: costtop-bench CACHE [REPEAT]\n".utf8))
            exit(64)
        }
        let path = arguments[1]
        let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50
        // `--queries-only`: skip anomaly detection and the allocation benchmark (minutes at 50M rows
        // before format 2; `costtop-bench scale` times detection on its own).
        let queriesOnly = arguments.contains("--queries-only")
        let clock = ContinuousClock()

        func top(_ cache: CacheFile, _ spec: QuerySpec) throws -> QueryResult {
            try QueryEngine(cache: cache).run(spec)
        }

        var openTimes: [Double] = []
        for _ in 0..<max(5, repeats / 5) {
            let start = clock.now
            let cache = try CacheFile(path: path)
            let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
            let result = try top(cache, QuerySpec(groupBy: .fixed(.account), period: period,
                                                  comparison: PeriodSpec.last30Days.previous(of: period)))
            _ = QueryReport(result, sort: .cost, limit: nil)
            openTimes.append((clock.now - start).inSeconds)
        }

        let cache = try CacheFile(path: path)
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        let previous = PeriodSpec.last30Days.previous(of: period)
        func largest(_ by: CostDimension, _ filters: [Filter]) throws -> String {
            let result = try top(cache, QuerySpec(groupBy: by, filters: filters, period: period, comparison: nil))
            return result.rows.max { $0.cost < $1.cost }!.key
        }
        let account = try largest(.fixed(.account), [])
        let accountFilter = Filter(dimension: .fixed(.account), value: account, exclude: false)
        let service = try largest(.fixed(.service), [accountFilter])
        let serviceFilter = Filter(dimension: .fixed(.service), value: service, exclude: false)
        var steps: [(String, CostDimension, [Filter])] = [
            ("account", .fixed(.account), []),
            ("service in account", .fixed(.service), [accountFilter]),
            ("usage-type in account/service", .fixed(.usageType), [accountFilter, serviceFilter]),
            ("region", .fixed(.region), []),
            ("day in service", .day, [serviceFilter]),
        ]
        if let key = cache.tagKeys.first {
            steps.insert(("tag:\(key) in account/service", .tag(key), [accountFilter, serviceFilter]), at: 3)
        }

        var lines: [String] = []
        for (name, by, filters) in steps {
            var times: [Double] = []
            var rowCount = 0
            for _ in 0..<repeats {
                let start = clock.now
                let result = try top(cache, QuerySpec(groupBy: by, filters: filters, period: period, comparison: previous))
                let report = QueryReport(result, sort: .cost, limit: nil)
                times.append((clock.now - start).inSeconds)
                rowCount = report.lines.count
            }
            times.sort()
            let filterText = filters.map { "\"\(jsonEscape($0.description))\"" }.joined(separator: ",")
            lines.append("{\"name\":\"\(jsonEscape(name))\",\"by\":\"\(by)\",\"filters\":[\(filterText)],\"rows\":\(rowCount),"
                         + "\"medianMs\":\(times[times.count / 2] * 1000),\"p90Ms\":\(times[times.count * 9 / 10] * 1000)}")
        }
        // Anomaly detection over every node for the last 90 days of data (issue #4 target: ≤ 1 s).
        var detectionTimes: [Double] = []
        for _ in 0..<(queriesOnly ? 0 : 3) {
            let start = clock.now
            _ = try AnomalyDetector(cache: cache).detect()
            detectionTimes.append((clock.now - start).inSeconds)
        }
        detectionTimes.sort()
        openTimes.sort()
        let allocation = queriesOnly ? "null" : try AllocationBench.measure(cache, period: period, previous: previous, repeats: repeats)
        print("{\"anomalyDetectionMs\":\(queriesOnly ? 0 : detectionTimes[1] * 1000),\"cacheRows\":\(cache.rowCount),\"from\":\"\(period.from)\",\"to\":\"\(period.to)\","
              + "\"compareFrom\":\"\(previous.from)\",\"compareTo\":\"\(previous.to)\","
              + "\"allocation\":\(allocation),"
              + "\"openAndTopMs\":\(openTimes[openTimes.count / 2] * 1000),\"queries\":[\(lines.joined(separator: ","))]}")
    }

    static func jsonEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
