import ByteStreams
import Testing

@Suite("damaged gzip files are rejected")
struct GzipCorruptionTests {
    /// A valid two-member file of known content, and the directory that holds it.
    private func validFile(_ directory: TemporaryDirectory) throws -> (path: String, bytes: [UInt8]) {
        let path = directory.path("valid.gz")
        try writeGzip([sampleBytes(count: 200_000, seed: 21), sampleBytes(count: 50_000, seed: 22)], to: path)
        return (path, try fileBytes(path))
    }

    /// Reads `bytes` as a gzip file and returns the error it must raise.
    private func failure(of bytes: [UInt8], in directory: TemporaryDirectory, limit: Int64 = 1 << 40) throws -> ByteStreamError? {
        let path = directory.path("damaged.gz")
        try writeFile(path, bytes)
        let error = #expect(throws: ByteStreamError.self) { _ = try gunzip(path, limit: limit) }
        if let error {
            #expect(error.path == path)
            #expect(error.offset != nil)
        }
        return error
    }

    @Test("a flipped byte in the CRC-32 trailer is reported as a check failure")
    func flippedCRC() throws {
        let directory = try TemporaryDirectory()
        var bytes = try validFile(directory).bytes
        bytes[bytes.count - 8] ^= 0x01  // first byte of the last member's CRC-32
        let error = try failure(of: bytes, in: directory)
        let reason = error?.reason ?? ""
        #expect(reason.contains("CRC") || reason.contains("check"))
    }

    @Test("a wrong length (ISIZE) trailer is reported")
    func wrongLength() throws {
        let directory = try TemporaryDirectory()
        var bytes = try validFile(directory).bytes
        bytes[bytes.count - 4] ^= 0x10
        let error = try failure(of: bytes, in: directory)
        #expect(error?.reason.contains("length") == true)
    }

    @Test("a truncated file is an error, wherever it is cut", arguments: [1, 4, 9, 30_000])
    func truncated(cut: Int) throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let error = try failure(of: Array(bytes.dropLast(cut)), in: directory)
        #expect(error?.reason.contains("truncated") == true)
    }

    @Test("a file cut inside the header is an error")
    func truncatedHeader() throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let error = try failure(of: Array(bytes.prefix(5)), in: directory)
        #expect(error?.reason.contains("truncated") == true)
    }

    @Test("trailing garbage after the last member is an error")
    func trailingGarbage() throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let error = try failure(of: bytes + Array("hello\n".utf8), in: directory)
        #expect(error?.reason == "trailing garbage after gzip member")
        #expect(error?.offset == Int64(bytes.count))
    }

    @Test("trailing zero padding is an error too", arguments: [1, 512])
    func trailingZeros(count: Int) throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let error = try failure(of: bytes + [UInt8](repeating: 0, count: count), in: directory)
        #expect(error?.reason == "trailing garbage after gzip member")
    }

    @Test("a trailing 1f byte that is not followed by 8b is garbage")
    func trailingHalfMagic() throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let error = try failure(of: bytes + [0x1f, 0x00, 0x00], in: directory)
        #expect(error?.reason == "trailing garbage after gzip member")
    }

    @Test("corrupt compressed data is an error")
    func corruptData() throws {
        let directory = try TemporaryDirectory()
        var bytes = try validFile(directory).bytes
        for index in stride(from: 1000, to: 1200, by: 3) { bytes[index] ^= 0x5a }
        let error = try failure(of: bytes, in: directory)
        #expect(error != nil)
    }

    @Test("exceeding the decompressed size limit is an error")
    func limitExceeded() throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let error = try failure(of: bytes, in: directory, limit: 100_000)
        #expect(error?.reason == "decompressed size exceeds the limit of 100000 bytes")
    }

    @Test("an empty file is an error")
    func emptyFile() throws {
        let directory = try TemporaryDirectory()
        let error = try failure(of: [], in: directory)
        #expect(error?.reason == "empty gzip file")
    }

    @Test("a file that is not gzip is rejected at its first byte")
    func notGzip() throws {
        let directory = try TemporaryDirectory()
        let plain = try failure(of: Array("identity/LineItemId\n".utf8), in: directory)
        #expect(plain?.reason.contains("not a gzip file") == true)
        #expect(plain?.offset == 0)
        let zlibOnly = try failure(of: [0x1f, 0x9d, 0x90, 0x00], in: directory)
        #expect(zlibOnly?.reason.contains("not a gzip file") == true)
    }

    @Test("after an error every later read fails again")
    func errorsAreSticky() throws {
        let directory = try TemporaryDirectory()
        let bytes = try validFile(directory).bytes
        let path = directory.path("sticky.gz")
        try writeFile(path, bytes + [0, 0])
        let source = try GzipByteSource(path: path, maxDecompressedBytes: 1 << 40)
        #expect(throws: ByteStreamError.self) { _ = try readAll(source) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 1)
        defer { buffer.deallocate() }
        #expect(throws: ByteStreamError.self) { _ = try source.read(into: buffer) }
    }
}
