import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache

/// Format 2's layout: rows clustered within a day, the day index, runs found by binary search,
/// pre-aggregated tables, and row groups checked on first use.
@Suite("Cache layout at scale")
struct ClusteredLayoutTests {
    static let contents = RandomRollup.contents(rows: 40_000, days: 12, seed: 17)

    func written() throws -> (CacheFile, String) {
        let path = Support.temporaryFolder() + "/r.ctc"
        try CacheWriter(createdBy: "test").write(ClusteredLayoutTests.contents, to: path)
        return (try CacheFile(path: path), path)
    }

    /// Every column of row `row` of `contents`, as one comparable array.
    static func row(_ row: Int, days: [Int32], codes: [[UInt32]], tags: [UInt32], measures: [[Int64]]) -> [Int64] {
        [Int64(days[row])] + codes.map { Int64($0[row]) } + [Int64(tags[row])] + measures.map { $0[row] }
    }

    @Test("rows are sorted by day, then account, service and usage type, and every row is kept")
    func clustered() throws {
        let (cache, _) = try written()
        try cache.verifyAll()
        let contents = ClusteredLayoutTests.contents
        #expect(cache.rowCount == contents.rowCount)
        let key = { (row: Int) in
            [Int64(cache.days[row])] + CacheFormat.clusterDimensions.map { Int64(cache.codes($0)[row]) }
        }
        for row in 1..<cache.rowCount { #expect(key(row - 1).lexicographicallyPrecedes(key(row)) || key(row - 1) == key(row)) }
        // The columns copied once (a code column is read value by value, at its stored width).
        let (days, codes) = (Array(cache.days), FixedDimension.allCases.map { Array(cache.codes($0)) })
        let (tags, measures) = (Array(cache.tagSetCodes), Measure.allCases.map { Array(cache.measure($0)) })
        let written = (0..<cache.rowCount).map {
            ClusteredLayoutTests.row($0, days: days, codes: codes, tags: tags, measures: measures)
        }
        let given = (0..<contents.rowCount).map {
            ClusteredLayoutTests.row($0, days: contents.days, codes: contents.dimensionCodes, tags: contents.tagSetCodes,
                                     measures: contents.measures)
        }
        let order = { (a: [Int64], b: [Int64]) in a.lexicographicallyPrecedes(b) }
        #expect(written.sorted(by: order) == given.sorted(by: order))
    }

    @Test("the day index gives each day's rows, empty days included")
    func dayIndex() throws {
        let (cache, _) = try written()
        let range = try #require(cache.dayRange)
        #expect(range.from.index == ClusteredLayoutTests.contents.days.first && range.to.index == ClusteredLayoutTests.contents.days.last)
        for offset in -2...(range.dayCount + 2) {
            let day = range.from.adding(days: offset)
            let rows = try cache.rows(in: DayRange(from: day, to: day))
            #expect(rows.count == ClusteredLayoutTests.contents.days.filter { $0 == day.index }.count, "\(day)")
            #expect(rows.allSatisfy { cache.days[$0] == day.index })
        }
    }

    @Test("runs of a cluster prefix are exactly the rows holding it", arguments: 0..<40)
    func runs(seed: UInt64) throws {
        let (cache, _) = try written()
        var random = SeededGenerator(seed: seed)
        let range = try #require(cache.dayRange)
        let from = range.from.adding(days: Int.random(in: -1..<range.dayCount, using: &random))
        let to = from.adding(days: Int.random(in: 0..<6, using: &random))
        let depth = Int.random(in: 0...3, using: &random)
        let prefix = CacheFormat.clusterDimensions.prefix(depth).map {
            UInt32.random(in: 0..<UInt32(cache.dictionary($0).count), using: &random)
        }
        let found = try cache.runs(in: DayRange(from: from, to: to), matching: prefix).flatMap { Array($0) }
        let expected = (0..<cache.rowCount).filter { row in
            cache.days[row] >= from.index && cache.days[row] <= to.index
                && prefix.enumerated().allSatisfy { cache.codes(CacheFormat.clusterDimensions[$0.offset])[row] == $0.element }
        }
        #expect(found == expected)
    }

    @Test("each aggregate holds the raw rows summed by day and its dimensions")
    func aggregates() throws {
        let (cache, _) = try written()
        let contents = ClusteredLayoutTests.contents
        let kept = cache.aggregates.map { $0.clusterDimensions.first! }
        #expect(Set(kept) == [.account, .service, .usageType, .region])
        for table in cache.aggregates {
            try table.verifyAll()
            #expect(table.rowCount * AggregateBuilder.keepFraction <= cache.rowCount)
            var expected: [[Int64]: [Int64]] = [:]
            for row in 0..<contents.rowCount {
                let key = [Int64(contents.days[row])] + table.clusterDimensions.map { Int64(contents.dimensionCodes[$0.columnIndex][row]) }
                var sums = expected[key] ?? Array(repeating: 0, count: Measure.allCases.count)
                for measure in Measure.allCases { sums[measure.columnIndex] += contents.measures[measure.columnIndex][row] }
                expected[key] = sums
            }
            #expect(table.rowCount == expected.count)
            for row in 0..<table.rowCount {
                let key = [Int64(table.days[row])] + table.clusterDimensions.map { Int64(table.codes($0)[row]) }
                #expect(Measure.allCases.map { table.measure($0)[row] } == expected[key], "\(key)")
            }
        }
    }

    @Test("a damaged row group opens, then is refused at first use with the block and rows named")
    func lazyChecksum() throws {
        let (_, path) = try written()
        let reference = try CacheFile(path: path)
        let block = try #require(reference.footer.blocks.first { $0.name == "measure:billed" })
        // A byte in the billed column's third row group.
        let position = block.offset + (2 * CacheFormat.rowGroupRows + 5) * 8 + 2
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[position] ^= 0x20
        try data.write(to: URL(fileURLWithPath: path))
        let cache = try CacheFile(path: path)
        // Rows of the first group read fine; the damaged group is refused whenever it is asked for.
        try cache.verify([0..<100], columns: CacheColumn.all)
        for _ in 0..<2 {
            do {
                try cache.verify([0..<cache.rowCount], columns: [.measure(.billed)])
                Issue.record("the damaged group was not refused")
            } catch let error as CacheError {
                let start = 2 * CacheFormat.rowGroupRows
                #expect(error == .corrupt(path: path, reason: "checksum mismatch in block measure:billed, rows \(start)..<\(start + CacheFormat.rowGroupRows)"))
                #expect(error.description.contains("rebuild it with `costtop ingest --fresh"))
            }
        }
        // Another column over the same rows is intact.
        try cache.verify([0..<cache.rowCount], columns: [.measure(.effective)])
        #expect(throws: CacheError.self) { try cache.verifyAll() }
    }

    @Test("a cache without rows (ingest --allow-empty) writes and opens, with no days and no aggregates")
    func empty() throws {
        let path = Support.temporaryFolder() + "/e.ctc"
        try CacheWriter(createdBy: "test").write(CacheContents(), to: path)
        let cache = try CacheFile(path: path)
        #expect(cache.rowCount == 0 && cache.dayRange == nil && cache.aggregates.isEmpty)
        try cache.verifyAll()
        #expect(try cache.rows(in: DayRange(from: Day(index: 19_000), to: Day(index: 19_010))).isEmpty)
    }

    @Test("a version 1 cache is refused with a clear error asking for a rebuild")
    func versionOne() throws {
        let (_, path) = try written()
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[8] = 1
        try data.write(to: URL(fileURLWithPath: path))
        #expect(throws: CacheError.unsupportedVersion(path: path, found: 1, supported: CacheFormat.readableVersions)) { try CacheFile(path: path) }
        #expect(CacheError.unsupportedVersion(path: path, found: 1, supported: CacheFormat.readableVersions).description.contains("costtop ingest --fresh"))
    }
}
