import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache

/// The writer takes the raw rows a chunk of whole days at a time (`CacheRowChunks`), writing each
/// chunk's part of each column at its place and summing the aggregates chunk by chunk. However
/// the rows are cut, the file must be the same, byte for byte, as the one written from a single
/// chunk: the same clustering, row-group checksums (groups straddle chunks), day index (with its
/// empty days), aggregates (one dropped once it outgrows its share) and footer.
@Suite("Cache written in chunks of days")
struct ChunkedWriteTests {
    static func bytes(_ contents: CacheContents, chunkRows: Int, narrow: Bool = true) throws -> Data {
        let path = Support.temporaryFolder() + "/c.ctc"
        try CacheWriter(createdBy: "test", narrowColumns: narrow, chunkRows: chunkRows).write(contents, to: path)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Rows `rows` of `contents` as contents of their own (the rows only).
    static func slice(_ contents: CacheContents, _ rows: Range<Int>) -> CacheContents {
        var chunk = CacheContents()
        chunk.days = Array(contents.days[rows])
        chunk.dimensionCodes = contents.dimensionCodes.map { Array($0[rows]) }
        chunk.tagSetCodes = Array(contents.tagSetCodes[rows])
        chunk.measures = contents.measures.map { Array($0[rows]) }
        return chunk
    }

    @Test("any chunk size gives the same file as one chunk", arguments: [UInt64(3), 11, 29])
    func chunkSizes(seed: UInt64) throws {
        let contents = RandomRollup.contents(rows: 30_000, days: 14, seed: seed)
        for narrow in [true, false] {
            let whole = try ChunkedWriteTests.bytes(contents, chunkRows: .max, narrow: narrow)
            // 1: a day per chunk; 5,000: a few days, row groups straddling chunks.
            for chunkRows in [1, 5_000, 9_999] {
                #expect(try ChunkedWriteTests.bytes(contents, chunkRows: chunkRows, narrow: narrow) == whole,
                        "seed \(seed), \(chunkRows) rows a chunk, narrow \(narrow)")
            }
            let cache = try CacheFile(path: { () -> String in
                let path = Support.temporaryFolder() + "/read.ctc"
                try? whole.write(to: URL(fileURLWithPath: path))
                return path
            }())
            try cache.verifyAll()
            #expect(cache.rowCount == contents.rowCount)
        }
    }

    @Test("rows streamed as separate chunks give the same file as the contents written whole")
    func streamed() throws {
        let contents = RandomRollup.contents(rows: 20_000, days: 10, seed: 5)
        let whole = try ChunkedWriteTests.bytes(contents, chunkRows: .max)
        // Cut at day boundaries into uneven chunks (1, 2, 3, … days).
        var cuts: [Range<Int>] = []
        var start = 0
        var days = 1
        while start < contents.rowCount {
            let firstDay = contents.days[start]
            let end = contents.days[start...].firstIndex { $0 >= firstDay + Int32(days) } ?? contents.rowCount
            cuts.append(start..<end)
            start = end
            days += 1
        }
        #expect(cuts.count > 2)
        var pending = cuts[...]
        let rows = CacheRowChunks(rowCount: contents.rowCount, days: contents.days.first!...contents.days.last!) {
            guard let cut = pending.popFirst() else { return nil }
            return ChunkedWriteTests.slice(contents, cut)
        }
        var frame = contents
        frame.days = []
        frame.dimensionCodes = frame.dimensionCodes.map { _ in [] }
        frame.tagSetCodes = []
        frame.measures = frame.measures.map { _ in [] }
        let path = Support.temporaryFolder() + "/s.ctc"
        try CacheWriter(createdBy: "test").write(frame, rows: rows, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
    }

    @Test("an aggregate dropped part-way (it outgrew a quarter of the rows) is dropped as when written whole")
    func droppedAggregate() throws {
        // Usage type with many values: its aggregate holds more than a quarter of the rows, but
        // the first chunks alone would not tell (the share is of the whole table).
        let contents = RandomRollup.contents(rows: 24_000, days: 12, seed: 8, sizes: [.usageType: 4_000])
        let whole = try ChunkedWriteTests.bytes(contents, chunkRows: .max)
        #expect(try ChunkedWriteTests.bytes(contents, chunkRows: 2_000) == whole)
        let path = Support.temporaryFolder() + "/d.ctc"
        try whole.write(to: URL(fileURLWithPath: path))
        let cache = try CacheFile(path: path)
        #expect(!cache.aggregates.isEmpty)
        #expect(cache.aggregates.allSatisfy { !$0.keptDimensions.contains(.usageType) })
        for table in cache.aggregates { #expect(table.rowCount * AggregateBuilder.keepFraction <= cache.rowCount) }
    }

    @Test("a table without rows")
    func empty() throws {
        let whole = try ChunkedWriteTests.bytes(CacheContents(), chunkRows: 1)
        #expect(try ChunkedWriteTests.bytes(CacheContents(), chunkRows: .max) == whole)
        let path = Support.temporaryFolder() + "/e.ctc"
        try CacheWriter(createdBy: "test").write(CacheContents(), rows: CacheRowChunks(rowCount: 0, days: nil) { nil }, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == whole)
        #expect(try CacheFile(path: path).rowCount == 0)
    }
}
