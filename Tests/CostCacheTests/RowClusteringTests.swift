import CostModel
import CosttopTestSupport
import Testing
@testable import CostCache

/// Rows within a day ordered by account, service and usage type: the packed-integer sort gives
/// the order the column-by-column comparison does, ties (rows of equal codes) kept in their order.
@Suite("Row clustering")
struct RowClusteringTests {
    @Test("packed keys sort as the columns compare, on any dictionary widths and chunks", arguments: [UInt64(1), 2, 3])
    func packedEqualsCompared(seed: UInt64) {
        // Narrow and wide dictionaries (up to 17 bits a code), many ties (few values) or few.
        let sizes: [FixedDimension: Int] = seed == 1 ? [:] : seed == 2
            ? [.account: 70_000, .service: 3, .usageType: 100_000] : [.account: 2, .service: 2, .usageType: 2]
        let contents = RandomRollup.contents(rows: 12_000, days: 9, seed: seed, sizes: sizes)
        for rows in [0..<contents.rowCount, 1_000..<7_000] {
            // Whole days only.
            let start = contents.days.firstIndex { $0 == contents.days[rows.lowerBound] }!
            let end = contents.days.lastIndex { $0 == contents.days[rows.upperBound - 1] }! + 1
            let packed = RowClustering.rawImage(contents, rows: start..<end)
            let compared = RowClustering.rawImage(contents, rows: start..<end, packing: false)
            #expect(packed.order != nil)
            #expect(packed.order == compared.order, "seed \(seed), rows \(start)..<\(end)")
        }
    }

    @Test("codes too wide to pack with the row fall back to comparing")
    func tooWide() {
        var contents = RandomRollup.contents(rows: 2_000, days: 2, seed: 4)
        // Three 30-bit codes do not fit 64 bits with the row.
        for dimension in CacheFormat.clusterDimensions {
            contents.dimensionCodes[dimension.columnIndex][7] = 1 << 30
        }
        let keys = CacheFormat.clusterDimensions.map { contents.dimensionCodes[$0.columnIndex] }
        #expect(RowClustering.Packing(keys: keys, rows: 0..<2_000, longestDay: 1_000) == nil)
        #expect(RowClustering.rawImage(contents, rows: 0..<2_000).order
                == RowClustering.rawImage(contents, rows: 0..<2_000, packing: false).order)
    }
}

/// The aggregates' sums per day and key: the hash table used for large key spaces gives the rows
/// the dense table does.
@Suite("Aggregate key slots")
struct AggregateKeySlotTests {
    @Test("hashed and dense slots give the same aggregate", arguments: [UInt64(1), 2])
    func hashedEqualsDense(seed: UInt64) throws {
        let contents = RandomRollup.contents(rows: 30_000, days: 6, seed: seed, sizes: seed == 2 ? [.account: 900] : [:])
        let raw = RowClustering.rawImage(contents, rows: 0..<contents.rowCount)
        let counts = contents.dictionaries.map { max(1, $0.count) }
        for kept in [[FixedDimension.account, .service, .currency], [.region, .chargeCategory], [.account]] {
            let dense = try #require(AggregateBuilder.aggregate(raw, keeping: kept, counts: counts))
            let hashed = try #require(AggregateBuilder.aggregate(raw, keeping: kept, counts: counts, denseLimit: 0))
            #expect(dense.rowCount > 0 && dense.rowCount < raw.rowCount)
            #expect(hashed.days == dense.days && hashed.dimensions == dense.dimensions && hashed.measures == dense.measures)
        }
    }
}
