import Foundation
import Parquet
import Testing

/// parquet-testing's bad_data/: files that crashed other readers must be refused with a clear error.
@Suite("parquet-testing bad_data files")
struct BadDataTests {
    /// Each file with the words its error must contain.
    static let expected: [String: String] = [
        "PARQUET-1481.parquet": "physical type -7",
        "ARROW-RS-GH-6229-DICTHEADER.parquet": "declares -1 values",
        "ARROW-RS-GH-6229-LEVELS.parquet": "hold more values than its chunk declares",
        "ARROW-GH-41321.parquet": "runs past the end of the page",
        "ARROW-GH-41317.parquet": "holds 0 of its 3 values",
        "ARROW-GH-45185.parquet": "starts with repetition level 1",
        "ARROW-GH-47662.parquet": "needs 400 bytes",
    ]

    @Test("each damaged file is a ParquetError naming the file and the damage", arguments: Array(expected.keys.sorted()))
    func refused(name: String) throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/bad_data/" + name)
        let error = #expect(throws: ParquetError.self) { _ = try fixture.readAll() }
        #expect(error?.path == fixture.path)
        #expect(error?.description.contains(Self.expected[name]!) == true, "\(String(describing: error))")
    }

    /// ARROW-GH-43605 crashed Arrow (dictionary indices with bit width 0), but the file is valid: all
    /// indices are 0, which is what pyarrow reads today too.
    @Test("ARROW-GH-43605: zero-width dictionary indices decode to the first dictionary value")
    func zeroWidthIndices() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/bad_data/ARROW-GH-43605.parquet")
        let groups = try fixture.readAll()
        let column = try #require(groups.first?.columns.first)
        #expect(column.rowCount == 21_186)
        let present = (0..<column.rowCount).compactMap { column.valueIndex(row: $0) }
        #expect(!present.isEmpty)
        #expect(present.allSatisfy { column.values.int32s[$0] == 0 })
    }

    @Test("every bad_data file is covered by a test")
    func covered() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestPaths.samples + "/bad_data").filter { $0.hasSuffix(".parquet") }
        #expect(Set(files) == Set(Self.expected.keys).union(["ARROW-GH-43605.parquet"]))
    }
}
