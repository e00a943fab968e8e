import ByteStreams

// The gzip reader: any bytes as a `.gz` file must read to the end or to a `ByteStreamError`, never
// a crash, a hang or more than the decompressed-size limit. Reading it in random small pieces,
// in large reads, and through the prefetching thread (how the ingest reads gzip) must give the same
// bytes and the same error; after the end or an error, further reads repeat it. (A read that
// fails drops what it inflated before the failure, so after an error the outcomes need only agree
// as far as the shorter one goes: the failing member's bytes are untrustworthy anyway.)

/// Small enough that a decompression bomb in a 64 KiB input reaches it.
private let limit: Int64 = 1 << 20

/// What reading a source gave: every byte, then the error it stopped with, if any.
private struct Outcome: Equatable {
    var bytes: [UInt8] = []
    var error: String?
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzip(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = fuzzInput(data, size)
    let file = MemoryFile(input)
    let seed = fuzzHash(input)
    let large = read(open(file), pieces: 1 << 16, seed: seed)
    fuzzCheck(large.bytes.count <= Int(limit), "read \(large.bytes.count) bytes, past the limit of \(limit)")
    let small = read(open(file), pieces: 700, seed: seed)
    fuzzCheck(agree(small, large), "reads of 1...700 bytes: \(summary(small)); reads of 64 KiB: \(summary(large))")
    // Prefetching hands out the bytes produced before a failure, then the failure itself.
    let prefetched = read(PrefetchingByteSource(open(file), chunkSize: 4_096, depth: 2), pieces: 1 << 16, seed: seed)
    fuzzCheck(agree(prefetched, large), "through the prefetching thread: \(summary(prefetched)); direct: \(summary(large))")
    return 0
}

private func open(_ file: MemoryFile) -> ByteSource {
    do {
        return try GzipByteSource(path: file.path, maxDecompressedBytes: limit)
    } catch {
        fuzzFailure("cannot open \(file.path): \(error)")
    }
}

/// Reads `source` to its end in reads of 1...`pieces` bytes, then checks the end or error sticks.
private func read(_ source: ByteSource, pieces: Int, seed: UInt64) -> Outcome {
    var random = SplitMix(seed: seed)
    var outcome = Outcome()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pieces, alignment: 1)
    defer { buffer.deallocate() }
    do {
        while true {
            let want = Int(random.next() % UInt64(pieces)) + 1
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]))
            fuzzCheck(count >= 0 && count <= want, "read \(count) bytes into \(want)")
            if count == 0 { break }
            outcome.bytes += buffer[0..<count]
            fuzzCheck(outcome.bytes.count <= Int(limit), "read \(outcome.bytes.count) bytes, past the limit")
        }
        let again = try source.read(into: buffer)
        fuzzCheck(again == 0, "read \(again) bytes after the end")
    } catch {
        outcome.error = "\(error)"
        do {
            _ = try source.read(into: buffer)
            fuzzFailure("a read after \(error) succeeded")
        } catch let repeated {
            fuzzCheck("\(repeated)" == "\(error)", "after \(error), a read threw \(repeated)")
        }
    }
    return outcome
}

/// The same bytes and no error, or the same error after bytes one of which begins the other.
private func agree(_ one: Outcome, _ other: Outcome) -> Bool {
    guard one.error == other.error else { return false }
    if one.error == nil { return one.bytes == other.bytes }
    let shorter = min(one.bytes.count, other.bytes.count)
    return one.bytes[..<shorter] == other.bytes[..<shorter]
}

private func summary(_ outcome: Outcome) -> String {
    "\(outcome.bytes.count) bytes, " + (outcome.error ?? "no error")
}
