import ByteStreams
import CSVScan
@testable import CostIngest
import Glibc

// The CSV record parser, differentially: every record parser (`.simd` with AVX2 where the CPU has
// it, `.sse2`, and the general Swift parser) reads the input whole, in small random pieces, one byte
// at a time (short inputs) and mapped in place; all must yield the same records, fields and lines,
// and all must stop with an error or none. The two C parsers are also run directly on an exact-size
// heap copy, so AddressSanitizer sees any read past the end of a record.

/// Limits small enough that the fuzzer reaches them, large enough for the sample exports' records.
private let limits = CSVLimits(maxRecordBytes: 8_192, maxFields: 300)

/// What a reader yields: each record as its line, field count and length-prefixed fields, flat
/// (cheap to build and compare, unlike a String per field), then whether it stopped on an error.
private struct Outcome: Equatable, CustomStringConvertible {
    var records: [Int] = []
    var recordCount = 0
    var error: String?

    var description: String { "\(recordCount) records \(records), " + (error ?? "no error") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzInput(data, size)
    let seed = fuzzHash(bytes)
    let reference = read(bytes, parser: .general, schedule: .whole, seed: seed)
    // A record that arrives in pieces is parsed again from its start after each one, so one-byte
    // reads cost the square of the record length: only short inputs get them.
    var schedules: [Schedule] = [.whole, .pieces(64), .mapped]
    if bytes.count <= 512 { schedules.append(.pieces(1)) }
    for schedule in schedules {
        for parser in [CSVReader.RecordParser.general, .simd, .sse2] where !(parser == .general && schedule == .whole) {
            let outcome = read(bytes, parser: parser, schedule: schedule, seed: seed)
            fuzzCheck(outcome.records == reference.records && (outcome.error == nil) == (reference.error == nil),
                      "\(parser) \(schedule) disagrees with the general parser reading whole:\n"
                      + "\(outcome)\nvs\n\(reference)\ninput \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
    compareRecordParsers(bytes)
    return 0
}

private enum Schedule: Equatable, CustomStringConvertible {
    case whole
    /// Reads of 1...n bytes.
    case pieces(Int)
    /// Mapped in place (how plain files are read).
    case mapped

    var description: String {
        switch self {
        case .whole: return "whole"
        case .pieces(let largest): return "pieces of 1...\(largest)"
        case .mapped: return "mapped"
        }
    }
}

private func read(_ bytes: UnsafeRawBufferPointer, parser: CSVReader.RecordParser, schedule: Schedule,
                  seed: UInt64) -> Outcome {
    switch schedule {
    case .whole:
        return drain(CSVReader(source: ScheduledByteSource(bytes, largest: Int.max, seed: seed), path: "f.csv",
                               limits: limits), parser)
    case .pieces(let largest):
        return drain(CSVReader(source: ScheduledByteSource(bytes, largest: largest, seed: seed), path: "f.csv",
                               limits: limits), parser)
    case .mapped:
        // Empty files are never mapped (the ingest skips them), so they read as no records.
        guard !bytes.isEmpty else { return Outcome() }
        let file = MemoryFile(bytes)
        guard let mapping = try? MappedFile(path: file.path) else { fuzzFailure("cannot map \(file.path)") }
        return drain(CSVReader(mapping: mapping, from: 0, to: mapping.count, limits: limits), parser)
    }
}

private func drain(_ reader: CSVReader, _ parser: CSVReader.RecordParser) -> Outcome {
    reader.recordParser = parser
    var outcome = Outcome()
    do {
        while try reader.next() {
            outcome.recordCount += 1
            outcome.records += [reader.line, reader.fieldCount]
            for index in 0..<reader.fieldCount {
                let field = reader.field(index)
                outcome.records.append(field.count)
                for byte in field { outcome.records.append(Int(byte)) }
            }
        }
    } catch {
        outcome.error = "\(error)"
    }
    return outcome
}

/// Runs the AVX2 (when present) and SSE2 record parsers record by record over an exact-size copy.
private func compareRecordParsers(_ bytes: UnsafeRawBufferPointer) {
    let maxFields = 64
    let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    defer { copy.deallocate() }
    if !bytes.isEmpty { copy.initialize(from: bytes.bindMemory(to: UInt8.self).baseAddress!, count: bytes.count) }
    var results: [[Int]] = [[], []]
    for (which, parse) in [costtop_parse_record, costtop_parse_record_sse2].enumerated() {
        var offset = 0
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: maxFields)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: maxFields)
        let escaped = UnsafeMutablePointer<UInt32>.allocate(capacity: maxFields)
        defer { starts.deallocate(); ends.deallocate(); escaped.deallocate() }
        while offset < bytes.count {
            var escapedCount = 0
            var recordEnd = 0
            let found = parse(copy + offset, bytes.count - offset, offset, starts, ends, maxFields, escaped,
                              &escapedCount, &recordEnd)
            results[which].append(found)
            guard found > 0 else {
                // Skip to the next line feed, as if the general parser had taken the record.
                guard let next = (offset..<bytes.count).first(where: { bytes[$0] == 0x0A }) else { break }
                offset = next + 1
                continue
            }
            fuzzCheck(recordEnd > 0 && recordEnd <= bytes.count - offset, "record end \(recordEnd) out of range")
            for index in 0..<found {
                fuzzCheck(starts[index] >= offset && starts[index] <= ends[index] && ends[index] <= offset + recordEnd,
                          "field \(index) at \(starts[index])..<\(ends[index]) outside its record")
                results[which] += [starts[index], ends[index]]
            }
            results[which] += (0..<escapedCount).map { Int(escaped[$0]) } + [recordEnd]
            offset += recordEnd
        }
    }
    fuzzCheck(results[0] == results[1], "the AVX2 and SSE2 record parsers disagree: \(results[0]) vs \(results[1])")
}
