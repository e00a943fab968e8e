import Foundation
@testable import Parquet
import Testing

/// Apache's parquet-testing files (../shared/samples/parquet-testing): many writers, every encoding.
@Suite("Apache parquet-testing files")
struct ApacheTestFilesTests {
    /// Files using features this reader refuses on purpose (docs/parquet.md), with the words of the error.
    static let unsupported: [String: String] = [
        "hadoop_lz4_compressed.parquet": "unsupported codec LZ4",
        "hadoop_lz4_compressed_larger.parquet": "unsupported codec LZ4",
        "non_hadoop_lz4_compressed.parquet": "unsupported codec LZ4",
        "large_string_map.brotli.parquet": "unsupported codec BROTLI",
    ]
    /// Files in data/ that are damaged on purpose, with the words of the error.
    static let damaged: [String: String] = [
        "datapage_v1-corrupt-checksum.parquet": "CRC-32",
        "rle-dict-uncompressed-corrupt-checksum.parquet": "CRC-32",
        "nation.dict-malformed.parquet": "overruns its column chunk",
    ]

    static var dataFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: TestPaths.samples + "/data")) ?? [])
            .filter { $0.hasSuffix(".parquet") }.sorted()
    }

    @Test("every supported file decodes to the values pyarrow reads")
    func matchesPyarrow() throws {
        let files = Self.dataFiles.filter { Self.unsupported[$0] == nil && Self.damaged[$0] == nil }
        #expect(files.count >= 55)
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try runFixtureScript(["expect", directory] + files.map { TestPaths.samples + "/data/" + $0 })
        for name in files {
            let expected = try ExpectedValues.load(directory + "/" + name + ".json")
            let fixture = try ParquetFixture(path: TestPaths.samples + "/data/" + name)
            if let error = expected.error {
                // pyarrow refuses it; we must still read it (checked against its .md in other tests).
                #expect(throws: Never.self, "\(name) (pyarrow: \(error))") { _ = try fixture.readAll() }
                continue
            }
            // Row 5 of int96_from_spark is year 290000 in Spark's reckoning but its bytes give a
            // day number whose microseconds do not fit 64 bits: pyarrow wraps it, we refuse it.
            let overflowing: Set<String> = name == "int96_from_spark.parquet" ? ["a 5"] : []
            let problems = try differences(fixture, expected, overflowing: overflowing)
            #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        }
    }

    @Test("int96_from_spark: Spark's timestamps as UTC microseconds, an unrepresentable one refused")
    func int96() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/int96_from_spark.parquet")
        let column = try #require(fixture.readAll().first?.columns.first)
        // 2024-01-01T12:34:56.123456 in the writer's zone (UTC+8), 2024-01-01T01:00:00Z, 9999-12-31T01:00:00-02:00
        #expect(try column.timestampMicros(column.valueIndex(row: 0)!) == 1_704_141_296_123_456)
        #expect(try column.timestampMicros(column.valueIndex(row: 1)!) == 1_704_070_800_000_000)
        #expect(try column.timestampMicros(column.valueIndex(row: 2)!) == 253_402_225_200_000_000)
        #expect(try column.dayNumber(column.valueIndex(row: 2)!) == 2_932_896)
        #expect(column.valueIndex(row: 4) == nil)
        let error = #expect(throws: ParquetError.self) { try column.timestampMicros(column.valueIndex(row: 5)!) }
        #expect(error?.kind == .conversion)
        #expect(error?.description.contains("int96_from_spark.parquet") == true)
    }

    @Test("files with unsupported features are refused as unsupported", arguments: Array(unsupported.keys.sorted()))
    func unsupportedFeatures(name: String) throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/" + name)
        let error = #expect(throws: ParquetError.self) { _ = try fixture.readAll() }
        #expect(error?.kind == .unsupported)
        #expect(error?.description.contains(Self.unsupported[name]!) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix(fixture.path) == true)
    }

    @Test("damaged files in data/ are refused with a clear error", arguments: Array(damaged.keys.sorted()))
    func damagedData(name: String) throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/" + name)
        let error = #expect(throws: ParquetError.self) { _ = try fixture.readAll() }
        #expect(error?.kind == .badData)
        #expect(error?.description.contains(Self.damaged[name]!) == true, "\(String(describing: error))")
    }
}
