import Foundation
@testable import Parquet
import Testing

/// Dictionary-encoded strings stay indexed (a pool plus one index per value) instead of being copied
/// per value; these files make pyarrow fall back from the dictionary to PLAIN pages in the middle of
/// a column chunk, so one chunk holds both, and check every value against the data written.
@Suite("dictionary-encoded strings, kept indexed")
struct DictionaryIndexTests {
    /// Writes the file with pyarrow: a small dictionary page limit forces the fallback. Returns the
    /// expected text of every row (nil for null) of column `s`, and the chunk encodings pyarrow wrote.
    static func write(_ path: String, version: String) throws -> (rows: [String?], encodings: [String]) {
        let script = """
        import json, sys, pyarrow as pa, pyarrow.parquet as pq
        rows = []
        for i in range(6000):
            # Repeated values first (dictionary pages), then distinct ones that overflow the dictionary.
            if i % 7 == 3: rows.append(None)
            elif i < 2500: rows.append("svc-" + str(i % 13))
            else: rows.append("id-" + str(i) + "-" + "x" * (i % 17))
        table = pa.table({"s": pa.array(rows, pa.string())})
        pq.write_table(table, sys.argv[1], dictionary_pagesize_limit=2048, data_page_size=1024,
                       data_page_version=sys.argv[2], compression="snappy", row_group_size=4000)
        meta = pq.ParquetFile(sys.argv[1]).metadata
        encodings = sorted({e for g in range(meta.num_row_groups) for e in meta.row_group(g).column(0).encodings})
        print(json.dumps({"rows": rows, "encodings": encodings}))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path, version]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError(message: "pyarrow could not write \(path) (scripts/setup.sh installs it)") }
        struct Written: Decodable { let rows: [String?]; let encodings: [String] }
        let written = try JSONDecoder().decode(Written.self, from: data)
        return (written.rows, written.encodings)
    }

    @Test("a chunk of dictionary pages then PLAIN pages decodes to the values written", arguments: ["1.0", "2.0"])
    func fallback(version: String) throws {
        let path = try TestPaths.temporaryDirectory() + "/fallback.parquet"
        let (expected, encodings) = try Self.write(path, version: version)
        #expect(encodings.contains("PLAIN") && encodings.contains("RLE_DICTIONARY"), "pyarrow wrote \(encodings)")
        let fixture = try ParquetFixture(path: path)
        let file = try fixture.open()
        var decoded: [String?] = []
        var sawIndexed = false
        var sawPool = false
        let scratch = ParquetScratch()
        for group in file.rowGroups.indices {
            let column = try #require(try file.readRowGroup(group, columns: [0], scratch: scratch).column(0))
            if column.values.isIndexed {
                sawIndexed = true
                // A pool smaller than the values: repeated strings are stored once.
                if column.values.poolCount < column.values.count { sawPool = true }
                #expect(column.values.indices.count == column.values.count)
            }
            for row in 0..<column.rowCount {
                decoded.append(try column.valueIndex(row: row).map { try column.string($0) })
            }
        }
        #expect(sawIndexed && sawPool)
        #expect(decoded.count == expected.count)
        var wrong: [String] = []
        for (row, (got, written)) in zip(decoded, expected).enumerated() where got != written {
            wrong.append("\(row): \(got ?? "null") ≠ \(written ?? "null")")
        }
        #expect(wrong.isEmpty, "first wrong rows: \(wrong.prefix(3))")
    }

    @Test("the per-chunk byte limit still holds for an indexed column")
    func byteLimit() throws {
        let path = try TestPaths.temporaryDirectory() + "/fallback.parquet"
        _ = try Self.write(path, version: "1.0")
        let fixture = try ParquetFixture(path: path)
        let file = try fixture.open()
        // A limit below what the first row group needs: refused with an error, not cut short.
        let tight = try ParquetFixture(path: path).open(limits: ParquetLimits(maxColumnChunkBytes: 4096))
        #expect(throws: ParquetError.self) { try tight.readRowGroup(0, columns: [0]) }
        #expect(try file.readRowGroup(0, columns: [0]).rowCount == 4000)
    }

    /// A hand-built BYTE_ARRAY column: a dictionary of `strings`, then one RLE_DICTIONARY page.
    static func stringDictionary(_ strings: [String], indices: [UInt8]) -> HandBuiltParquet {
        var file = HandBuiltParquet.dictionary([], indices: indices)
        file.physicalType = 6
        file.pages[0].numValues = Int32(strings.count)
        file.pages[0].body = strings.flatMap { littleEndian(Int32($0.utf8.count)) + Array($0.utf8) }
        return file
    }

    @Test("hand-built string dictionaries: indices resolve to their strings; one past the end is refused")
    func handBuilt() throws {
        let good = ParquetFixture(bytes: Self.stringDictionary(["a", "bb", "", "dddd"], indices: [3, 0, 2, 1, 3, 3]).bytes())
        let column = try #require(try good.open().readRowGroup(0, columns: [0]).column(0))
        #expect(column.values.isIndexed && column.values.poolCount == 4)
        #expect(try (0..<6).map { try column.string($0) } == ["dddd", "a", "", "bb", "dddd", "dddd"])
        let bad = ParquetFixture(bytes: Self.stringDictionary(["a", "bb", "ccc"], indices: [0, 1, 3]).bytes())
        #expect(throws: ParquetError.self) { try bad.open().readRowGroup(0, columns: [0]) }
        do {
            _ = try bad.open().readRowGroup(0, columns: [0])
        } catch let error as ParquetError {
            #expect(error.description.contains("dictionary index 3 is out of range (the dictionary holds 3 values)"))
        }
    }
}
