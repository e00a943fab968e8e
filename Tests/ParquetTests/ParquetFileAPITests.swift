import Foundation
import Parquet
import Testing

/// The file-level API: schema, metadata, row groups and column selection.
@Suite("ParquetFile API")
struct ParquetFileAPITests {
    @Test("schema, levels, metadata and row groups of a nested file")
    func nestedSchema() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/nested_maps.snappy.parquet")
        let file = try fixture.open()
        #expect(file.createdBy?.isEmpty == false)
        #expect(Int64(file.rowCount) == file.rowGroups.map(\.numRows).reduce(0, +))
        let key = try #require(file.schema.columns.first { $0.dottedPath.hasSuffix(".key") })
        #expect(key.maxRepetitionLevel >= 1)
        #expect(key.maxDefinitionLevel >= key.maxRepetitionLevel)
        #expect(file.schema.root.children.contains { $0.logicalType == .map || $0.convertedType == .map })
        for group in file.rowGroups { #expect(group.byteRange.lowerBound >= 4 && !group.byteRange.isEmpty) }
    }

    @Test("only the requested columns are decoded, in the order asked")
    func columnSelection() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/alltypes_plain.parquet")
        let file = try fixture.open()
        let group = try file.readRowGroup(0, columns: [9, 0])
        #expect(group.columns.map(\.descriptor.index) == [9, 0])
        #expect(group.column(0)?.values.int32s == [4, 5, 6, 7, 2, 3, 0, 1])
        #expect(group.column(1) == nil)
        #expect(try group.column(9)?.string(0) == "0")
    }

    @Test("asking for a row group or column that does not exist is an error, not a trap")
    func badRequests() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/alltypes_plain.parquet")
        let file = try fixture.open()
        #expect(throws: ParquetError.self) { try file.readRowGroup(1, columns: [0]) }
        #expect(throws: ParquetError.self) { try file.readRowGroup(-1, columns: [0]) }
        let error = #expect(throws: ParquetError.self) { try file.readRowGroup(0, columns: [99]) }
        #expect(error?.kind == .invalidRequest)
    }

    @Test("row groups read concurrently give the same values as read one by one")
    func concurrentReads() async throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/alltypes_tiny_pages_plain.parquet")
        let file = try fixture.open()
        let serial = try (0..<4).map { _ in try file.readRowGroup(0, columns: [0, 9]).columns.map(\.values.count) }
        let parallel = try await withThrowingTaskGroup(of: [Int].self) { tasks in
            for _ in 0..<4 { tasks.addTask { try file.readRowGroup(0, columns: [0, 9]).columns.map(\.values.count) } }
            return try await tasks.reduce(into: []) { $0.append($1) }
        }
        #expect(parallel == serial)
    }
}
