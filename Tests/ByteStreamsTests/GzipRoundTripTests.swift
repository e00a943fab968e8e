import ByteStreams
import Testing

@Suite("gzip round trips")
struct GzipRoundTripTests {
    @Test("GzipWriter output reads back unchanged", arguments: [0, 1, 1 << 20])
    func roundTrip(size: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("data.gz")
        let original = sampleBytes(count: size, seed: UInt64(size) + 7)
        try writeGzip([original], to: path)
        let source = try GzipByteSource(path: path, maxDecompressedBytes: 1 << 30)
        let decoded = try readAll(source)
        #expect(decoded.count == original.count)
        #expect(decoded == original)
        #expect(source.bytesConsumed == Int64(try fileBytes(path).count))
        // The end is sticky: further reads keep returning 0.
        let spare = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { spare.deallocate() }
        #expect(try source.read(into: spare) == 0)
    }

    @Test("multi-member file reads back as the concatenation")
    func multiMember() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("multi.gz")
        let parts = [sampleBytes(count: 300_000, seed: 1), [], Array("middle,member\n".utf8), sampleBytes(count: 5000, seed: 2)]
        try writeGzip(parts, to: path)
        let decoded = try gunzip(path)
        #expect(decoded == parts.flatMap { $0 })
        // Each finishMember() must have started a new member: zlib writes the same 10-byte
        // header (no name, no mtime, Unix) at the start of every member.
        let header: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]
        let bytes = try fileBytes(path)
        let members = (0...(bytes.count - header.count)).filter { bytes[$0] == 0x1f && bytes[$0..<($0 + header.count)].elementsEqual(header) }
        #expect(members.first == 0)
        #expect(members.count == parts.count)
    }

    @Test("separately written gzip files concatenated with cat read back in order")
    func concatenatedFiles() throws {
        let directory = try TemporaryDirectory()
        let first = sampleBytes(count: 70_000, seed: 3)
        let second = sampleBytes(count: 123, seed: 4)
        try writeGzip([first], to: directory.path("a.gz"))
        try writeGzip([second], to: directory.path("b.gz"))
        let joined = try fileBytes(directory.path("a.gz")) + fileBytes(directory.path("b.gz"))
        try writeFile(directory.path("ab.gz"), joined)
        #expect(try gunzip(directory.path("ab.gz")) == first + second)
    }

    @Test("files made by the system gzip command read back")
    func systemGzipFiles() throws {
        let directory = try TemporaryDirectory()
        let first = sampleBytes(count: 900_000, seed: 5)
        let second = Array("identity/LineItemId,lineItem/UnblendedCost\nabc,\"1,5\"\n".utf8)
        try writeFile(directory.path("first.csv"), first)
        try writeFile(directory.path("second.csv"), second)
        try systemGzip(input: directory.path("first.csv"), output: directory.path("first.csv.gz"), extraArguments: ["-9"])
        try systemGzip(input: directory.path("second.csv"), output: directory.path("second.csv.gz"))
        #expect(try gunzip(directory.path("first.csv.gz")) == first)
        // gzip stores the original name in the header (FNAME), which the reader must skip.
        let both = try fileBytes(directory.path("first.csv.gz")) + fileBytes(directory.path("second.csv.gz"))
        try writeFile(directory.path("both.csv.gz"), both)
        #expect(try gunzip(directory.path("both.csv.gz")) == first + second)
        // openByteSource picks the gzip reader from the extension.
        #expect(try readAll(openByteSource(path: directory.path("both.csv.gz"))) == first + second)
    }

    @Test("tiny caller buffers give the same bytes", arguments: [1, 7, 4096])
    func tinyBuffers(chunk: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tiny.gz")
        let parts = [sampleBytes(count: 40_000, seed: 9), sampleBytes(count: 333, seed: 10)]
        try writeGzip(parts, to: path)
        #expect(try gunzip(path, chunk: chunk) == parts[0] + parts[1])
    }

    @Test("a limit equal to the decompressed size is allowed")
    func limitExactlyMet() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("exact.gz")
        let original = sampleBytes(count: 10_000, seed: 11)
        try writeGzip([original], to: path)
        #expect(try gunzip(path, limit: 10_000) == original)
    }

    @Test("String writes are UTF-8 and a writer closed without writes makes a valid empty file")
    func stringAndEmptyWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("text.gz")
        let writer = try GzipWriter(path: path, level: 9)
        try writer.write("Zürich,")
        try writer.write("€5\n")
        try writer.close()
        #expect(try gunzip(path) == Array("Zürich,€5\n".utf8))
        #expect(throws: ByteStreamError.self) { try writer.write("late") }

        let emptyPath = directory.path("nothing.gz")
        try GzipWriter(path: emptyPath).close()
        #expect(try fileBytes(emptyPath).count == 20)
        #expect(try gunzip(emptyPath).isEmpty)
    }
}
