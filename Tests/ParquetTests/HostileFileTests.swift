import Foundation
import Parquet
import Testing

/// Damaged and hostile files: each is a `ParquetError` naming the file, never a crash or a hang.
@Suite("hostile Parquet files")
struct HostileFileTests {
    private func failure(_ bytes: [UInt8], readAll: Bool = true) -> ParquetError? {
        let fixture = ParquetFixture(bytes: bytes, path: "hostile.parquet")
        let error = #expect(throws: ParquetError.self) { _ = readAll ? try fixture.readAll() : [] }
        #expect(error?.path == "hostile.parquet")
        return error
    }

    @Test("the hand-built files read back (so the damage below is what fails)")
    func handBuiltFilesAreValid() throws {
        let plain = try ParquetFixture(bytes: HandBuiltParquet.plain([7, -1, 1 << 30]).bytes()).readAll()
        #expect(plain.first?.columns.first?.values.int32s == [7, -1, 1 << 30])
        let dictionary = try ParquetFixture(bytes: HandBuiltParquet.dictionary([10, 20, 30], indices: [2, 0, 1, 1]).bytes()).readAll()
        #expect(dictionary.first?.columns.first?.values.int32s == [30, 10, 20, 20])
    }

    @Test("a file cut short anywhere is refused")
    func truncated() throws {
        let bytes = try fileBytes("alltypes_plain.snappy.parquet")
        for length in [0, 1, 3, 4, 7, 8, 11, 12, 100, bytes.count / 2, bytes.count - 9, bytes.count - 8, bytes.count - 5, bytes.count - 1] {
            let error = failure(Array(bytes[0..<length]))
            #expect(error?.kind == .notParquet, "cut at \(length): \(String(describing: error))")
        }
    }

    @Test("bad magic at either end")
    func badMagic() throws {
        var bytes = try fileBytes("alltypes_plain.parquet")
        bytes[0] = UInt8(ascii: "X")
        #expect(failure(bytes)?.description.contains("does not start with PAR1") == true)
        bytes = try fileBytes("alltypes_plain.parquet")
        bytes[bytes.count - 1] = UInt8(ascii: "X")
        #expect(failure(bytes)?.description.contains("does not end with PAR1") == true)
    }

    @Test("a file holding only the magic")
    func onlyMagic() {
        #expect(failure(Array("PAR1".utf8))?.description.contains("only the magic") == true)
        #expect(failure(Array("PAR1PAR1".utf8))?.description.contains("only the magic") == true)
    }

    @Test("footer length zero, beyond the file, or the whole file")
    func footerLength() throws {
        let original = try fileBytes("alltypes_plain.parquet")
        for (length, words) in [(UInt32(0), "footer length is zero"), (UInt32.max, "beyond the file"), (UInt32(original.count - 8), "beyond the file")] {
            var bytes = original
            withUnsafeBytes(of: length.littleEndian) { bytes.replaceSubrange(bytes.count - 8..<bytes.count - 4, with: $0) }
            let error = failure(bytes)
            #expect(error?.description.contains(words) == true, "\(length): \(String(describing: error))")
        }
    }

    @Test("scrambled footer bytes never crash: an error or a file that still reads")
    func scrambledFooter() throws {
        let original = try fileBytes("alltypes_plain.parquet")
        let footerLength = Int(original[original.count - 8]) | Int(original[original.count - 7]) << 8
        let footerStart = original.count - 8 - footerLength
        var generator = SplitMix(seed: 42)
        var refused = 0
        for _ in 0..<2000 {
            var bytes = original
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let position = footerStart + Int(generator.next() % UInt64(footerLength))
                bytes[position] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            }
            let fixture = ParquetFixture(bytes: bytes, path: "scrambled.parquet")
            do { _ = try fixture.readAll() } catch let error as ParquetError {
                #expect(error.path == "scrambled.parquet")
                refused += 1
            }
        }
        #expect(refused > 1000)
        // A footer of pure noise does not decode.
        var noise = Array("PAR1".utf8) + (0..<200).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        noise += littleEndian(200) + Array("PAR1".utf8)
        #expect(failure(noise)?.kind == .badMetadata)
    }

    @Test("a page larger than its column chunk")
    func pageOverrunsChunk() {
        var file = HandBuiltParquet.plain([1, 2, 3])
        file.chunkSizeAdjustment = -4
        #expect(failure(file.bytes())?.description.contains("overruns its column chunk") == true)
        file = HandBuiltParquet.plain([1, 2, 3])
        file.pages[0].compressedSizeOverride = 1 << 30
        #expect(failure(file.bytes())?.description.contains("overruns its column chunk") == true)
    }

    @Test("a column chunk outside the file's data")
    func chunkOutsideFile() {
        var file = HandBuiltParquet.plain([1, 2, 3])
        file.chunkSizeAdjustment = 1 << 40
        #expect(failure(file.bytes())?.description.contains("outside the data of the file") == true)
    }

    @Test("a dictionary index out of range")
    func dictionaryIndex() {
        let file = HandBuiltParquet.dictionary([10, 20, 30], indices: [0, 1, 3])
        #expect(failure(file.bytes())?.description.contains("dictionary index 3 is out of range (the dictionary holds 3 values)") == true)
    }

    @Test("value counts that do not add up")
    func valueCounts() {
        var file = HandBuiltParquet.plain([1, 2, 3])
        file.chunkValues = 4
        #expect(failure(file.bytes())?.description.contains("holds 3 of its 4 values") == true)
        file = HandBuiltParquet.plain([1, 2, 3])
        file.rowCount = 2
        file.chunkValues = 3
        #expect(failure(file.bytes())?.description.contains("holds 3 values, its row group 2 rows") == true)
        file = HandBuiltParquet.plain([1, 2, 3])
        file.pages[0].numValues = 5
        file.chunkValues = 5
        file.rowCount = 5
        #expect(failure(file.bytes())?.description.contains("needs 20 bytes, the page has 12 left") == true)
    }

    @Test("a declared page size above the limit is refused before allocating")
    func hugePage() {
        var file = HandBuiltParquet.plain([1, 2, 3])
        file.pages[0].uncompressedSizeOverride = Int32.max
        #expect(failure(file.bytes())?.kind == .limitExceeded)
    }

    @Test("a value count above the limit is refused before allocating")
    func hugeCount() {
        var file = HandBuiltParquet.plain([1, 2, 3])
        file.chunkValues = Int64(Int32.max) * 4
        #expect(failure(file.bytes())?.kind == .limitExceeded)
    }

    private func fileBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.samples + "/data/" + name)))
    }
}

/// A small deterministic generator, so a failing scramble can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Limits that a tiny input could otherwise blow past by repetition.
@Suite("decoded size limits")
struct DecodedSizeLimitTests {
    @Test("byte arrays repeated through a dictionary stop at the per-chunk byte limit")
    func dictionaryAmplification() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/alltypes_dictionary.parquet")
        let file = try fixture.open(limits: ParquetLimits(maxColumnChunkBytes: 3))
        let column = try #require(file.schema.column(named: "string_col")?.index)
        let error = #expect(throws: ParquetError.self) { try file.readRowGroup(0, columns: [column]) }
        #expect(error?.kind == .limitExceeded)
        #expect(try fixture.open().readRowGroup(0, columns: [column]).columns.first?.values.count == 2)
    }

    @Test("too many entries in a chunk are refused before decoding")
    func entries() throws {
        let fixture = try ParquetFixture(path: TestPaths.samples + "/data/alltypes_plain.parquet")
        let error = #expect(throws: ParquetError.self) { try fixture.readAll(limits: ParquetLimits(maxEntriesPerColumnChunk: 4)) }
        #expect(error?.kind == .limitExceeded)
    }
}
