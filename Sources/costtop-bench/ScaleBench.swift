import CostCache
import CostEngine
import CostModel
import CostViews
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The scale benchmark's in-process half (docs/scale.md): `costtop-bench scale CACHE [REPEAT]`.
///
/// Prints one JSON object: opening the cache and rendering the explorer's first frame (100×30
/// cells, as the terminal would draw it; median and max of cold opens in this process), each
/// drill-down step of the explorer (account → service → usage type → tag → resource, always the
/// largest row, a keypress's whole work: the level's query with sparklines, the detail pane,
/// the gauges and the render) median and p90, and anomaly detection over the whole cache, alone and
/// then while keys are being pressed (the key latency then is reported too).
///
/// The explorer runs as the terminal session does, with the commitment gauges in the background:
/// the first frame is the table with the strip saying "computing"; `gaugesReadyMs` is when the
/// strip filled in, `drillAheadsDoneMs` when the worker had also checked the top rows' row groups
/// (both from the start of the open). Between drill steps the bench waits for the worker (a person
/// does not press keys every millisecond), outside the timed keypress. Each step also reports
/// `firstMs`, its first visit (the one that checks the context's row groups, unless a drill-ahead
/// did), and `firstFaults`, the minor page faults the keypress's thread took on that visit (fresh
/// memory a query zeroes, or mapped pages read for the first time: docs/scale.md, *The resource
/// step's first visit*). `COSTTOP_BENCH_INLINE_GAUGES=1` computes the gauges with the table
/// instead, as before (`gaugesReadyMs` is then the first frame), for an A/B within one build.
enum ScaleBench {
    static func run(path: String, repeats: Int) throws {
        let gaugesInBackground = ProcessInfo.processInfo.environment["COSTTOP_BENCH_INLINE_GAUGES"] == nil
        let clock = ContinuousClock()
        func ms(_ duration: Duration) -> Double { duration.inSeconds * 1000 }

        var openTimes: [Double] = []
        var readyTimes: [Double] = []
        var aheadTimes: [Double] = []
        for _ in 0..<max(5, repeats / 10) {
            let start = clock.now
            let cache = try CacheFile(path: path)
            let explorer = try Explorer(cache: cache, cacheName: "bench", backgroundGauges: gaugesInBackground)
            _ = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true)
            openTimes.append(ms(clock.now - start))
            while explorer.data.commitmentPending {
                if !explorer.pollGauges() { Thread.sleep(forTimeInterval: 0.0005) }
            }
            _ = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true)
            readyTimes.append(ms(clock.now - start))
            settle(explorer)
            aheadTimes.append(ms(clock.now - start))
        }
        openTimes.sort()
        readyTimes.sort()
        aheadTimes.sort()

        let cache = try CacheFile(path: path)
        let explorer = try Explorer(cache: cache, cacheName: "bench", backgroundGauges: gaugesInBackground)
        explorer.resize(width: 100, height: 30)
        settle(explorer)
        var steps: [String] = []
        // Level 0 is by account; each drill goes one level down the default path, to resources.
        for level in 0..<4 {
            var times: [Double] = []
            var firstFaults = 0
            let name = "\(explorer.state.levels.last!.groupBy) → \(level)"
            for _ in 0..<repeats {
                let faults = threadMinorFaults()
                let start = clock.now
                explorer.perform(.drillDown)
                _ = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true)
                times.append(ms(clock.now - start))
                if times.count == 1 { firstFaults = threadMinorFaults() - faults }
                settle(explorer)
                explorer.perform(.goUp)
                settle(explorer)
            }
            explorer.perform(.drillDown)
            settle(explorer)
            let first = times[0]
            times.sort()
            let into = explorer.state.levels.last!.groupBy
            steps.append("{\"from\":\"\(BenchMain.jsonEscape(name))\",\"into\":\"\(into)\",\"rows\":\(explorer.data.rows.count),"
                         + "\"firstMs\":\(first),\"firstFaults\":\(firstFaults),\"medianMs\":\(times[times.count / 2]),\"p90Ms\":\(times[times.count * 9 / 10])}")
        }
        while explorer.state.levels.count > 1 { explorer.perform(.goUp) }

        // Once: at 50M rows before format 2 one detection takes over a minute.
        let detectionStart = clock.now
        _ = try AnomalyDetector(cache: cache).detect()
        let alone = ms(clock.now - detectionStart)

        // Detection on a background thread at the lowest priority (as the explorer runs it) while
        // the foreground drills down and up: how long it takes then, and what keys cost meanwhile.
        let done = DispatchSemaphore(value: 0)
        let background = UncheckedSendable(cache)
        let backgroundStart = clock.now
        let finished = LockedDuration()
        Thread.detachNewThread {
            Thread.current.qualityOfService = .background
            _ = try? AnomalyDetector(cache: background.value).detect()
            finished.set(clock.now - backgroundStart)
            done.signal()
        }
        var keyTimes: [Double] = []
        while finished.get() == nil {
            let start = clock.now
            explorer.perform(keyTimes.count % 2 == 0 ? .drillDown : .goUp)
            _ = explorer.pollGauges()
            _ = ExplorerRenderer.render(explorer, width: 100, height: 30, unicode: true)
            keyTimes.append(ms(clock.now - start))
        }
        done.wait()
        keyTimes.sort()
        let keyMedian = keyTimes.isEmpty ? 0 : keyTimes[keyTimes.count / 2]
        let keyP90 = keyTimes.isEmpty ? 0 : keyTimes[keyTimes.count * 9 / 10]
        print("{\"cacheRows\":\(cache.rowCount),\"openFirstFrameMs\":\(openTimes[openTimes.count / 2]),"
              + "\"gaugesReadyMs\":\(readyTimes[readyTimes.count / 2]),"
              + "\"drillAheadsDoneMs\":\(aheadTimes[aheadTimes.count / 2]),"
              + "\"openFirstFrameMaxMs\":\(openTimes.last!),\"steps\":[\(steps.joined(separator: ","))],"
              + "\"anomaliesMs\":\(alone),\"anomaliesBackgroundMs\":\(ms(finished.get()!)),"
              + "\"keysDuringAnomalies\":\(keyTimes.count),\"keyMedianDuringAnomaliesMs\":\(keyMedian),"
              + "\"keyP90DuringAnomaliesMs\":\(keyP90)}")
    }
}

/// The minor page faults the calling thread has taken so far (`getrusage(RUSAGE_THREAD)`).
private func threadMinorFaults() -> Int {
    var usage = rusage()
    // RUSAGE_THREAD (1) is a macro Glibc's Swift overlay does not import.
    getrusage(__rusage_who_t(1), &usage)
    return usage.ru_minflt
}

/// Waits until the explorer's gauge worker is idle, taking its answers.
private func settle(_ explorer: Explorer) {
    while explorer.gaugesBusy || explorer.pollGauges() { Thread.sleep(forTimeInterval: 0.0005) }
    _ = explorer.pollGauges()
}

/// A duration set once by one thread and read by another.
final class LockedDuration: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Duration?
    func set(_ duration: Duration) { lock.lock(); value = duration; lock.unlock() }
    func get() -> Duration? { lock.lock(); defer { lock.unlock() }; return value }
}
