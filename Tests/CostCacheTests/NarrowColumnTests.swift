import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache

/// Format 3's narrow columns: each code column at the narrowest width its dictionary needs (1, 2
/// or 4 bytes), the day column as offsets from the first day; read back as written, the same as
/// the same data written 4 bytes wide, and checked per row group like any other column.
@Suite("Narrow code columns")
struct NarrowColumnTests {
    /// Dictionary sizes on both sides of each width's limit, drawn per seed: a 1-byte, a 2-byte and
    /// a 4-byte dictionary among account, service and usage type, the rest on their defaults.
    static func sizes(seed: UInt64) -> [FixedDimension: Int] {
        var random = SeededGenerator(seed: seed)
        // Real values; with code 0 a dictionary holds one more.
        let oneByte = [255, Int.random(in: 2...254, using: &random)].randomElement(using: &random)!
        let twoBytes = [256, 65_535, Int.random(in: 257...65_534, using: &random)].randomElement(using: &random)!
        let fourBytes = [65_536, Int.random(in: 65_537...70_000, using: &random)].randomElement(using: &random)!
        let dimensions: [FixedDimension] = [.account, .service, .usageType].shuffled(using: &random)
        return [dimensions[0]: oneByte, dimensions[1]: twoBytes, dimensions[2]: fourBytes, .resource: 300]
    }

    /// The width a dictionary of `count` codes needs, worked out here from the limits of each type.
    static func expectedWidth(codes count: Int) -> Int {
        count - 1 <= Int(UInt8.max) ? 1 : count - 1 <= Int(UInt16.max) ? 2 : 4
    }

    static func write(_ contents: CacheContents, narrow: Bool = true, name: String = "n.ctc") throws -> (CacheFile, String) {
        let path = Support.temporaryFolder() + "/" + name
        try CacheWriter(createdBy: "test", narrowColumns: narrow).write(contents, to: path)
        return (try CacheFile(path: path), path)
    }

    /// Every row-aligned column of every table, value by value.
    static func columns(_ table: CacheFile) -> [[Int64]] {
        [table.days.map { Int64($0) }, table.tagSetCodes.map { Int64($0) }]
            + FixedDimension.allCases.map { dimension in table.codes(dimension).map { Int64($0) } }
            + Measure.allCases.map { Array(table.measure($0)) }
    }

    @Test("each code column takes the width its dictionary needs and reads back every code", arguments: 0..<6)
    func widths(seed: UInt64) throws {
        let contents = RandomRollup.contents(rows: 6_000, days: 300, seed: seed, sizes: NarrowColumnTests.sizes(seed: seed),
                                             tagValues: Int(seed % 2) * 300)
        let (cache, _) = try NarrowColumnTests.write(contents)
        try cache.verifyAll()
        let blocks = Dictionary(uniqueKeysWithValues: cache.footer.blocks.map { ($0.name, $0) })
        #expect(cache.footer.formatVersion == 3)
        for dimension in FixedDimension.allCases {
            let width = NarrowColumnTests.expectedWidth(codes: contents.dictionaries[dimension.columnIndex].count)
            let block = try #require(blocks["dim:\(dimension.rawValue)"])
            #expect(cache.codes(dimension).width == width && block.length == contents.rowCount * width, "\(dimension)")
            #expect(block.kind == [1: .uint8, 2: .uint16, 4: .uint32][width], "\(dimension)")
        }
        #expect(cache.tagSetCodes.width == NarrowColumnTests.expectedWidth(codes: contents.tagSetCount))
        // 300 days of offsets need two bytes.
        let span = Int(contents.days.last! - contents.days.first!) + 1
        #expect(blocks["day"]?.kind == .uint16 && span > 256 && cache.days.offsets.width == 2)

        // Every row as written, in the writer's order (clustered within each day).
        func rows(_ columns: [[Int64]]) -> [[Int64]] {
            (0..<columns[0].count).map { row in columns.map { $0[row] } }.sorted { $0.lexicographicallyPrecedes($1) }
        }
        let given = [contents.days.map { Int64($0) }, contents.tagSetCodes.map { Int64($0) }]
            + contents.dimensionCodes.map { $0.map { Int64($0) } } + contents.measures
        #expect(rows(NarrowColumnTests.columns(cache)) == rows(given))
    }

    @Test("the same data written 4 bytes wide holds the same values in every table, in more bytes")
    func sameAsWide() throws {
        let contents = RandomRollup.contents(rows: 30_000, days: 6, seed: 5)
        let (narrow, narrowPath) = try NarrowColumnTests.write(contents)
        let (wide, widePath) = try NarrowColumnTests.write(contents, narrow: false, name: "w.ctc")
        #expect(wide.codes(.account).width == 4 && wide.days.offsets.width == 4 && narrow.codes(.account).width == 1)
        #expect(narrow.aggregates.count == wide.aggregates.count && !narrow.aggregates.isEmpty)
        for (a, b) in zip([narrow] + narrow.aggregates, [wide] + wide.aggregates) {
            try a.verifyAll()
            try b.verifyAll()
            #expect(a.rowCount == b.rowCount && a.clusterDimensions == b.clusterDimensions)
            #expect(NarrowColumnTests.columns(a) == NarrowColumnTests.columns(b))
        }
        let sizes = try [narrowPath, widePath].map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int }
        // 16 code and day columns of 4 bytes a row become 1 byte each here (every dictionary is small).
        #expect(sizes[0] < sizes[1] - 40 * contents.rowCount)
    }

    @Test("a damaged byte of a narrow column is refused at first use, naming the block and rows", arguments: [1, 2])
    func damagedNarrowColumn(width: Int) throws {
        let dimension: FixedDimension = width == 1 ? .region : .resource
        let contents = RandomRollup.contents(rows: 20_000, days: 12, seed: 11, sizes: [.resource: 1_000])
        let (reference, path) = try NarrowColumnTests.write(contents)
        #expect(reference.codes(dimension).width == width)
        let block = try #require(reference.footer.blocks.first { $0.name == "dim:\(dimension.rawValue)" })
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[block.offset + (3 * CacheFormat.rowGroupRows + 17) * width] ^= 0x01
        try data.write(to: URL(fileURLWithPath: path))
        let cache = try CacheFile(path: path)
        try cache.verify([0..<(3 * CacheFormat.rowGroupRows)], columns: CacheColumn.all)
        let start = 3 * CacheFormat.rowGroupRows
        #expect(throws: CacheError.corrupt(path: path, reason: "checksum mismatch in block dim:\(dimension.rawValue), rows \(start)..<\(start + CacheFormat.rowGroupRows)")) {
            try cache.verify([0..<cache.rowCount], columns: [.dimension(dimension)])
        }
    }

    @Test("a code outside its dictionary in a narrow column is refused, naming the column and rows", arguments: [1, 2])
    func codeOutsideDictionary(width: Int) throws {
        // Resource keeps no aggregate, so only the raw rows hold the bad code.
        let size = width == 1 ? 20 : 300
        var contents = RandomRollup.contents(rows: 20_000, days: 12, seed: 3, sizes: [.resource: size])
        let bad = UInt32(width == 1 ? 200 : 60_000)
        contents.dimensionCodes[FixedDimension.resource.columnIndex][12_345] = bad
        let (cache, path) = try NarrowColumnTests.write(contents)
        #expect(cache.codes(.resource).width == width)
        let row = try #require(cache.codes(.resource).firstIndex(of: bad))
        let group = row / CacheFormat.rowGroupRows * CacheFormat.rowGroupRows
        let end = min(cache.rowCount, group + CacheFormat.rowGroupRows)
        #expect(throws: CacheError.corrupt(path: path, reason: "column dim:resource holds code \(bad) outside its dictionary of \(size + 1), rows \(group)..<\(end)")) {
            try cache.verify([row..<(row + 1)], columns: [.dimension(.resource)])
        }
        // The groups around it are intact.
        if group > 0 { try cache.verify([0..<group], columns: [.dimension(.resource)]) }
    }
}
