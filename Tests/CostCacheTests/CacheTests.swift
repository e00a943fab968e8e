import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache

/// A file system that fails the Nth write, to prove a failed ingest leaves the old cache intact.
struct FailingFileSystem: FileSystem {
    let real = PosixFileSystem()
    let failOnWrite: Int
    let counter = Counter()

    final class Counter: @unchecked Sendable {
        var writes = 0
    }

    func createExclusive(_ path: String) throws -> Int32 { try real.createExclusive(path) }
    func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String) throws {
        counter.writes += 1
        if counter.writes == failOnWrite { throw CacheError.io(path: path, reason: "injected: no space left on device") }
        try real.writeAll(descriptor, bytes, at: offset, path: path)
    }
    func sync(_ descriptor: Int32, path: String) throws { try real.sync(descriptor, path: path) }
    func close(_ descriptor: Int32) { real.close(descriptor) }
    func rename(_ from: String, _ to: String) throws { try real.rename(from, to) }
    func syncDirectory(_ path: String) throws { try real.syncDirectory(path) }
    func removeIfPresent(_ path: String) { real.removeIfPresent(path) }
    func mapReadOnly(_ path: String) throws -> (UnsafeRawPointer?, Int) { try real.mapReadOnly(path) }
    func unmap(_ base: UnsafeRawPointer?, _ length: Int) { real.unmap(base, length) }
    func makeDirectories(_ path: String) throws { try real.makeDirectories(path) }
    func lockExclusive(_ path: String, wait: Bool) throws -> Int32? { try real.lockExclusive(path, wait: wait) }
    func overwrite(_ descriptor: Int32, with text: String, path: String) throws { try real.overwrite(descriptor, with: text, path: path) }
    func readSmallFile(_ path: String) -> String? { real.readSmallFile(path) }
    func directoryEntries(_ path: String) -> [String] { real.directoryEntries(path) }
    func processExists(_ pid: Int32) -> Bool { real.processExists(pid) }
}

/// Small contents with two rows, a dictionary per dimension, tags and labels.
func sampleContents(rows: Int = 2, billedBase: Int64 = 1_250_000_000) -> CacheContents {
    var contents = CacheContents()
    for row in 0..<rows {
        contents.days.append(Int32(19_000 + row))
        for index in 0..<FixedDimension.allCases.count { contents.dimensionCodes[index].append(UInt32(row % 2 + 1)) }
        contents.tagSetCodes.append(UInt32(row % 2))
        for index in 0..<Measure.allCases.count { contents.measures[index].append(billedBase + Int64(row)) }
    }
    for index in 0..<FixedDimension.allCases.count { contents.dictionaries[index] = ["", "alpha", "beta"] }
    contents.labels[FixedDimension.account.columnIndex] = ["", "Alpha account", ""]
    contents.tagKeys = ["team"]
    contents.tagValues = [["", "web"]]
    contents.tagSets = [0, 1]
    contents.tagSetCount = 2
    contents.sources = [SourceRecord(path: "/x.csv", size: 10, mtimeNanos: 5, format: "focus", lineItems: 2, rejected: 0)]
    return contents
}

@Suite("Cache file")
struct CacheTests {
    @Test("round trip keeps every column, dictionary, label, tag and source")
    func roundTrip() throws {
        let path = Support.temporaryFolder() + "/nested/dir/c.ctc"
        try CacheWriter(createdBy: "test").write(sampleContents(), to: path)
        let cache = try CacheFile(path: path)
        #expect(cache.rowCount == 2)
        #expect(Array(cache.days) == [19_000, 19_001])
        #expect(Array(cache.codes(.service)) == [1, 2])
        #expect(cache.dictionary(.service).all == ["", "alpha", "beta"])
        #expect(cache.labels(.account)?[1] == "Alpha account")
        #expect(cache.labels(.service) == nil)
        #expect(cache.tagKeys == ["team"])
        #expect(cache.tagValues(0)[1] == "web")
        #expect(Array(cache.measure(.billed)) == [1_250_000_000, 1_250_000_001])
        #expect(cache.footer.sources.first?.path == "/x.csv")
        #expect(try cache.rows(in: DayRange(from: Day(index: 19_001), to: Day(index: 19_005))) == 1..<2)
    }

    @Test("every damaged byte region is a clear error, at open or at first use of its rows, never a crash")
    func corruption() throws {
        let path = Support.temporaryFolder() + "/c.ctc"
        try CacheWriter(createdBy: "test").write(sampleContents(rows: 50), to: path)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let damagedPath = path + ".bad"
        let blocks = try CacheFile(path: path).footer.blocks
        let footerStart = blocks.map { $0.offset + $0.length }.max()!
        // Flip one byte at many positions: header, blocks, footer, trailer. The zero padding that
        // aligns a block to 8 bytes is read by nobody and checked by nothing: skip it.
        for position in stride(from: 0, to: original.count, by: max(1, original.count / 97))
        where position < CacheFormat.headerSize || position >= footerStart
            || blocks.contains(where: { position >= $0.offset && position < $0.offset + $0.length }) {
            var damaged = original
            damaged[position] ^= 0x5A
            try damaged.write(to: URL(fileURLWithPath: damagedPath))
            // Row-aligned columns are checked when first read (here: all of them).
            #expect(throws: CacheError.self, "byte \(position)") { try CacheFile(path: damagedPath).verifyAll() }
        }
        for length in [0, 10, 40, original.count / 2, original.count - 1] {
            try original.prefix(length).write(to: URL(fileURLWithPath: damagedPath))
            #expect(throws: CacheError.self, "truncated to \(length)") { try CacheFile(path: damagedPath) }
        }
        #expect(throws: CacheError.missing(path: path + ".none")) { try CacheFile(path: path + ".none") }
    }

    @Test("a newer format version is refused with the versions named")
    func version() throws {
        let path = Support.temporaryFolder() + "/c.ctc"
        try CacheWriter(createdBy: "test").write(sampleContents(), to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data[8] = 9
        try data.write(to: URL(fileURLWithPath: path))
        #expect(throws: CacheError.unsupportedVersion(path: path, found: 9, supported: CacheFormat.readableVersions)) { try CacheFile(path: path) }
    }

    @Test("a write failing at any point leaves the previous cache intact and no temporary file")
    func atomicWrite() throws {
        let folder = Support.temporaryFolder()
        let path = folder + "/c.ctc"
        try CacheWriter(createdBy: "test").write(sampleContents(billedBase: 7), to: path)
        // The rows go in chunks (each column's part written in place), then the other blocks: count
        // the writes of a whole run, then fail at the first ones, some in between and the last.
        let counting = FailingFileSystem(failOnWrite: .max)
        try CacheWriter(fileSystem: counting, createdBy: "test", chunkRows: 50_000)
            .write(sampleContents(rows: 200_000, billedBase: 99), to: folder + "/counted.ctc")
        try FileManager.default.removeItem(atPath: folder + "/counted.ctc")
        let writes = counting.counter.writes
        #expect(writes > 40)
        for failure in Set([1, 2, 3, 4, writes / 3, writes / 2, writes - 1, writes]) {
            let writer = CacheWriter(fileSystem: FailingFileSystem(failOnWrite: failure), createdBy: "test", chunkRows: 50_000)
            #expect(throws: CacheError.self) { try writer.write(sampleContents(rows: 200_000, billedBase: 99), to: path) }
            let cache = try CacheFile(path: path)
            #expect(Array(cache.measure(.billed)) == [7, 8])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["c.ctc"])
        }
    }
}

@Suite("Column order")
struct ColumnOrderTests {
    @Test("column indexes are the positions in allCases, which the file format depends on")
    func indexes() {
        for (index, dimension) in FixedDimension.allCases.enumerated() { #expect(dimension.columnIndex == index) }
        for (index, measure) in Measure.allCases.enumerated() { #expect(measure.columnIndex == index) }
    }
}

@Suite("XXH64")
struct XXH64Tests {
    @Test("matches the reference implementation's values (python-xxhash)", arguments: [
        ([UInt8](), "ef46db3751d8e999"), (Array("a".utf8), "d24ec4f1a98c6e5b"), (Array("abc".utf8), "44bc2cf5ad770999"),
        (Array("Nobody inspects the spammish repetition".utf8), "fbcea83c8a378bf1"),
        ((0..<768).map { UInt8($0 % 256) }, "8e03c838c596036f"),
    ])
    func vectors(bytes: [UInt8], expected: String) {
        #expect(bytes.withUnsafeBytes { String(XXH64.hash($0), radix: 16) } == expected)
    }
}
