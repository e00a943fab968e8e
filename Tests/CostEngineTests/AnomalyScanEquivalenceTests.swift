import CostCache
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostEngine

/// The detector's fast scan (series built with flat tables and the day-before cursor, series too
/// small to be reported skipped, baselines filled as needed) against the straightforward
/// computation, on a generated bill of about 300,000 rows with anomalies of every kind planted:
/// the same anomalies, to the bit.
@Suite("Anomaly detection: the fast scan and the straightforward one")
struct AnomalyScanEquivalenceTests {
    static let path: String = try! AnomalyRollup.write(seed: 17)

    @Test("every node's series is the row-by-row sum of its usage rows, nodes numbered as rows first show them")
    func seriesMatchRowByRowSums() throws {
        let cache = try CacheFile(path: Self.path)
        let range = cache.dayRange!
        let nodes = try NodeSeries(cache: cache, range: range, metric: .billed)
        // The straightforward computation: a dictionary by path, filled in row order.
        var order: [[PathStep]] = []
        var sums: [String: [Double]] = [:]
        func text(_ path: [PathStep]) -> String { path.map { "\($0.dimension)=\($0.key)" }.joined(separator: "/") }
        let usage = UInt32(cache.dictionary(.chargeCategory).index(of: "Usage")!)
        func name(_ dimension: FixedDimension, _ row: Int) -> PathStep {
            let code = Int(cache.codes(dimension)[row])
            return PathStep(dimension: dimension.rawValue, key: code == 0 ? "(none)" : cache.dictionary(dimension)[code])
        }
        for row in try cache.rows(in: range) where cache.codes(.chargeCategory)[row] == usage {
            let day = Int(cache.days[row] - range.from.index)
            let account = name(.account, row), service = name(.service, row), type = name(.usageType, row)
            var paths = [[account], [account, service], [account, service, type], [name(.region, row)]]
            for key in cache.tagKeys.indices {
                let code = Int(cache.tagSets[Int(cache.tagSetCodes[row]) * cache.tagKeys.count + key])
                paths.append([PathStep(dimension: "tag:\(cache.tagKeys[key])", key: code == 0 ? "(untagged)" : cache.tagValues(key)[code])])
            }
            for path in paths {
                if sums[text(path)] == nil {
                    order.append(path)
                    sums[text(path)] = [Double](repeating: 0, count: range.dayCount)
                }
                sums[text(path)]![day] += Double(cache.measure(.billed)[row]) / 1e9
            }
        }
        #expect(nodes.count == order.count)
        for node in 0..<min(nodes.count, order.count) {
            #expect(nodes.path(node) == order[node])
            #expect(nodes.series(node) == sums[text(order[node])]!, "\(text(order[node]))")
        }
        #expect(nodes.missing.filter { $0 }.count == 2)
        #expect(nodes.partialLast)
    }

    @Test("the same anomalies as the exhaustive scan", arguments: [
        "default", "every level", "$20 minimum, not scaled to the bill", "effective cost", "since the 30th day",
    ])
    func sameAnomalies(_ variant: String) throws {
        let cache = try CacheFile(path: Self.path)
        var settings = AnomalySettings()
        var metric = Metric.billed
        var since: Day?
        switch variant {
        case "every level": settings.explainedShare = 2
        case "$20 minimum, not scaled to the bill": settings.scaleToBill = false
        case "effective cost": metric = .effective
        case "since the 30th day": since = AnomalyRollup.firstDay.adding(days: 30)
        default: break
        }
        let fast = AnomalyDetector(cache: cache, settings: settings)
        var exhaustive = fast
        exhaustive.exhaustive = true
        let found = try fast.detect(metric: metric, since: since)
        let expected = try exhaustive.detect(metric: metric, since: since)
        #expect(found == expected)
        // Not a vacuous comparison: anomalies of several kinds, with root causes.
        #expect(found.count >= 10, "\(found.count)")
        #expect(Set(found.map(\.kind)).count >= 3, "\(Set(found.map(\.kind)))")
        #expect(found.contains { !$0.rootCauses.isEmpty })
    }

    @Test("series that cannot reach the minimum impact are skipped, and only those")
    func skippedSeries() throws {
        let cache = try CacheFile(path: Self.path)
        let range = cache.dayRange!
        let nodes = try NodeSeries(cache: cache, range: range, metric: .billed)
        var settings = AnomalySettings()
        settings.minimumImpact = max(settings.minimumImpact, 0.005 * nodes.medianDailyTotal)
        let from = range.dayCount - 90
        let fast = EpisodeScan(settings: settings).run(nodes, from: from)
        let all = EpisodeScan(settings: settings, exhaustive: true).run(nodes, from: from)
        // (On this small bill a quarter of the series; at 50M rows most of them.)
        #expect(fast.examined < nodes.count * 9 / 10, "\(fast.examined) of \(nodes.count)")
        #expect(all.examined == nodes.count)
        // Every reportable episode of the exhaustive scan is in a series the fast scan examined,
        // with the same figures.
        for (node, episodes) in all.found {
            let reportable = episodes.filter { abs($0.actual - $0.expected) >= settings.minimumImpact }
            guard !reportable.isEmpty else { continue }
            let mine = try #require(fast.found.first { $0.node == node })
            #expect(mine.episodes == episodes)
        }
    }

    @Test("baselines filled as needed give the same episodes as every day's, on random series")
    func baselinesAsNeeded() {
        var random = SeededGenerator(seed: 99)
        let detector = SeriesDetector(settings: AnomalySettings())
        var reused = DayBaselines()
        var found = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 2...130, using: &random)
            let level = pow(10, Double.random(in: -1...3, using: &random))
            let noise = Double.random(in: 0...0.8, using: &random)
            var series = (0..<count).map { _ in level * (1 + noise * Double.random(in: -1...1, using: &random)) }
            // Zeros (sparse series, stops), jumps (spikes, shifts) and missing days.
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let day = Int.random(in: 0..<count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: for later in day..<min(count, day + Int.random(in: 1...20, using: &random)) { series[later] = 0 }
                case 1: series[day] *= Double.random(in: 2...30, using: &random)
                default: for later in day..<count { series[later] *= 2.5 }
                }
            }
            var missing = [Bool](repeating: false, count: count)
            if Bool.random(using: &random) { missing[Int.random(in: 0..<count, using: &random)] = true }
            let from = Int.random(in: 0...max(0, count - 1), using: &random)
            let partial = Bool.random(using: &random)
            series.withUnsafeBufferPointer { series in
                missing.withUnsafeBufferPointer { missing in
                    var fresh = DayBaselines()
                    let everyDay = detector.episodes(series, missing: missing, partialLast: partial, from: from,
                                                     baselines: &fresh, everyDay: true)
                    let asNeeded = detector.episodes(series, missing: missing, partialLast: partial, from: from, baselines: &reused)
                    #expect(asNeeded == everyDay)
                    found += everyDay.count
                }
            }
        }
        #expect(found > 500, "\(found)")
    }

    @Test("the day-before cursor gives each key the node the hash table gives, in any row order")
    func cursorMatchesTable() {
        var random = SeededGenerator(seed: 5)
        var cursor = HierarchyCursor()
        var table: [UInt64: HierarchyCursor.Nodes] = [:]
        var created = 0
        for day in 0..<40 {
            // Mostly ascending keys (clustered rows), sometimes shuffled, with keys coming and going.
            var keys = (0..<200).compactMap { key -> UInt64? in Int.random(in: 0..<10, using: &random) == 0 ? nil : UInt64(key * 3) }
            if day % 7 == 3 { keys.shuffle(using: &random) }
            for key in keys {
                let nodes = cursor.nodes(day: day, key: key) {
                    if let known = table[key] { return known }
                    created += 1
                    table[key] = (created, created, created)
                    return (created, created, created)
                }
                let known = table[key]!
                let same = nodes.account == known.account && nodes.service == known.service && nodes.usage == known.usage
                #expect(same, "key \(key) on day \(day)")
            }
        }
        #expect(created == 200)
    }
}
