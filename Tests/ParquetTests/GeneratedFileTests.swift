import Foundation
@testable import Parquet
import Testing

/// Files written in the test setup by pyarrow and DuckDB (scripts/parquet_generate.py), compared value
/// for value with the data handed to the writers.
@Suite("files written by pyarrow and DuckDB")
struct GeneratedFileTests {
    /// Generated once per test run; a missing pyarrow or DuckDB fails here (scripts/setup.sh installs them).
    static let generated: Result<String, Error> = Result {
        let directory = try TestPaths.temporaryDirectory()
        try runFixtureScript(["generate", directory])
        return directory
    }

    static func files() throws -> [String] {
        let directory = try generated.get()
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".parquet") }.sorted()
    }

    @Test("every generated file decodes to the values written")
    func valuesMatch() throws {
        let directory = try Self.generated.get()
        let files = try Self.files()
        #expect(files.count >= 39)
        for name in files {
            do {
                let fixture = try ParquetFixture(path: directory + "/" + name)
                let problems = try differences(fixture, ExpectedValues.load(fixture.path + ".json"))
                #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    @Test("the generated files cover every codec and encoding the decoder claims")
    func coverage() throws {
        let directory = try Self.generated.get()
        var codecs = Set<CompressionCodec>()
        var encodings = Set<Int32>()
        var physical = Set<PhysicalType>()
        var nested = 0
        for name in try Self.files() {
            let fixture = try ParquetFixture(path: directory + "/" + name)  // keeps the bytes alive while `file` is used
            let file = try fixture.open()
            for group in file.rowGroups {
                for chunk in group.columns {
                    codecs.insert(CompressionCodec(rawValue: chunk.codec)!)
                    encodings.formUnion(chunk.encodings)
                }
            }
            physical.formUnion(file.schema.columns.map(\.physicalType))
            nested += file.schema.columns.filter { $0.maxRepetitionLevel > 1 }.count
        }
        #expect(codecs == [.uncompressed, .snappy, .gzip, .zstd, .lz4Raw])
        #expect(encodings.isSuperset(of: [0, 2, 3, 5, 6, 7, 8, 9].compactMap { Encoding(rawValue: $0)?.rawValue }))
        #expect(physical == [.boolean, .int32, .int64, .int96, .float, .double, .byteArray, .fixedLenByteArray])
        #expect(nested > 0)
    }

    @Test("a MAP<string,string> column's keys and values walk together per row")
    func mapWalk() throws {
        let directory = try Self.generated.get()
        let fixture = try ParquetFixture(path: directory + "/duckdb-snappy-v1.parquet")
        let file = try fixture.open()
        let keyIndex = try #require(file.schema.column(named: "resource_tags.key_value.key")?.index)
        let valueIndex = try #require(file.schema.column(named: "resource_tags.key_value.value")?.index)
        let group = try file.readRowGroup(0, columns: [keyIndex, valueIndex])
        let keys = try #require(group.column(keyIndex))
        let values = try #require(group.column(valueIndex))
        #expect(keys.descriptor.maxRepetitionLevel == 1)
        for row in 0..<12 {
            var tags: [String: String?] = [:]
            for entry in keys.entries(ofRow: row) {
                guard let key = keys.valueIndex(entry: entry) else { continue }
                tags.updateValue(try values.valueIndex(entry: entry).map { try values.string($0) }, forKey: try keys.string(key))
            }
            // DUCK_QUERY: NULL when i % 6 == 0, empty when 1, else team and env (env NULL when i % 4 == 0).
            switch row % 6 {
            case 0, 1: #expect(tags.isEmpty)
            default:
                #expect(tags["user:team"] == .some("team-\(row % 4)"))
                #expect(tags["user:env"] == .some(row % 4 == 0 ? nil : "prod"))
            }
            #expect(keys.entries(ofRow: row) == values.entries(ofRow: row))
        }
    }
}
