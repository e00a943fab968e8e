import ByteStreams
import CSVScan

/// Limits that turn a hostile file into an error instead of an out-of-memory.
public struct CSVLimits: Sendable {
    /// Longest record accepted, in bytes.
    public var maxRecordBytes: Int
    /// Most fields accepted in one record.
    public var maxFields: Int

    public init(maxRecordBytes: Int = 4 << 20, maxFields: Int = 10_000) {
        self.maxRecordBytes = maxRecordBytes
        self.maxFields = maxFields
    }
}

/// A malformed CSV record, with the file, line and column where it was found.
public struct CSVError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var line: Int
    /// 1-based field number, when the problem is in a field.
    public var column: Int?
    public var reason: String

    public var description: String {
        if let column { return "\(path):\(line): column \(column): \(reason)" }
        return "\(path):\(line): \(reason)"
    }
}

/// A streaming RFC 4180 CSV reader over a `ByteSource`, without per-field allocation.
///
/// Fields are exposed as byte ranges inside the reader's own buffer and are valid until the next call
/// to `next()`. Quoted fields may hold commas, quotes (`""`) and line breaks; CRLF and LF both end a
/// record; a UTF-8 byte order mark is skipped; blank lines are skipped. A quote inside an unquoted
/// field is kept literally (`37°36'37.8"N`, as real files have); text after a closing quote and an
/// unterminated quoted field are errors naming line and column, since the record cannot be trusted.
public final class CSVReader: RecordSource {
    /// The file being read, for error messages.
    public let path: String
    private let source: ByteSource?
    /// The mapped file being read in place, when reading one.
    private let mapped: MappedFile?
    /// File offset up to which mapped pages have been released.
    private var releasedUpTo = 0
    private let limits: CSVLimits

    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    /// Stream offset of `buffer[0]`, so records can report where they start in the file.
    private var bufferOffset: Int64 = 0
    private var dataStart = 0
    private var dataEnd = 0
    private var sourceDone = false
    private var atFileStart = true

    /// Start and end offsets (in `buffer`) of each field of the current record. Raw memory, not
    /// arrays: these are written for every field of every record, and array appends cost a
    /// uniqueness check each.
    private let fieldStarts: UnsafeMutablePointer<Int>
    private let fieldEnds: UnsafeMutablePointer<Int>
    private var parsedFields = 0
    /// Which parser well-formed records go through (tests compare them).
    enum RecordParser {
        /// The C parser with the widest SIMD the CPU has.
        case simd
        /// The C parser with SSE2 only.
        case sse2
        /// The general Swift parser for every record.
        case general
    }

    /// The parser in use; always `.simd` outside tests.
    var recordParser = RecordParser.simd
    /// Whether a field holding exactly `NULL` or `null` is a missing value (FOCUS files write
    /// nulls that way); set by the format adapter's needs once the header is known.
    public var nullTokensAreMissing = false
    /// The last timestamp parsed and its day, so a run of equal timestamps is parsed once.
    let dayMemo = DayMemo()
    /// Indexes of fields holding `""` escapes, from the C record parser (the fast path).
    private let escapedIndexes: UnsafeMutablePointer<UInt32>
    /// Unescaped copies of fields that held `""`. The input is never written to: a mapped file is
    /// shared by two threads, and in-place unescaping by one would corrupt what the other reads.
    /// A field copied here is marked by a negative start, `-1 - offset in scratch`.
    private var scratch: UnsafeMutableRawPointer
    private var scratchCapacity = 4096
    private var scratchUsed = 0

    /// Stop before the first record that starts at or after this stream offset (`next()` returns
    /// false there without parsing it), so two threads can share one file.
    public var stopOffset: Int64?
    /// Stream offset where the next record starts.
    public var nextRecordOffset: Int64 { bufferOffset + Int64(dataStart) }
    private var recordStart = 0
    private var recordEnd = 0
    private var nextLine = 1

    /// Number of fields in the current record.
    public private(set) var fieldCount = 0
    /// The line on which the current record starts (1-based, counted from where this reader began).
    public private(set) var line = 0
    /// Byte offset in the stream where the current record starts.
    public var recordOffset: Int64 { bufferOffset + Int64(recordStart) }
    /// Physical lines read so far, blank lines and line breaks inside quoted fields included (the
    /// line numbers of a chunk read after this one start from here).
    public var linesConsumed: Int { nextLine - 1 }
    /// Bytes of the underlying file read so far (compressed bytes for gzip), for progress display.
    public var inputBytesConsumed: Int64 { source?.bytesConsumed ?? recordOffset }

    /// - Parameters:
    ///   - source: the bytes to read.
    ///   - path: the file name used in errors.
    ///   - limits: record size and field count limits.
    public init(source: ByteSource, path: String, limits: CSVLimits = CSVLimits()) {
        self.source = source
        mapped = nil
        self.path = path
        self.limits = limits
        capacity = 1 << 20
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        fieldStarts = .allocate(capacity: limits.maxFields + 1)
        fieldEnds = .allocate(capacity: limits.maxFields + 1)
        escapedIndexes = .allocate(capacity: limits.maxFields + 1)
        scratch = .allocate(byteCount: scratchCapacity, alignment: 8)
    }

    /// Reads `[start, end)` of a mapped file in place, with no copy. Pages behind the reader are
    /// released as it goes.
    public init(mapping: MappedFile, from start: Int, to end: Int, limits: CSVLimits = CSVLimits()) {
        source = nil
        mapped = mapping
        path = mapping.path
        self.limits = limits
        buffer = UnsafeMutableRawPointer(mutating: mapping.base + start)  // only ever read
        capacity = end - start
        dataEnd = end - start
        sourceDone = true
        bufferOffset = Int64(start)
        releasedUpTo = start
        // A byte-order mark can only open a file, never a chunk that starts mid-file.
        atFileStart = start == 0
        fieldStarts = .allocate(capacity: limits.maxFields + 1)
        fieldEnds = .allocate(capacity: limits.maxFields + 1)
        escapedIndexes = .allocate(capacity: limits.maxFields + 1)
        scratch = .allocate(byteCount: scratchCapacity, alignment: 8)
    }

    deinit {
        if mapped == nil { buffer.deallocate() }
        fieldStarts.deallocate()
        fieldEnds.deallocate()
        escapedIndexes.deallocate()
        scratch.deallocate()
    }

    /// The bytes of field `index` of the current record (unquoted and unescaped).
    @inline(__always)
    public func field(_ index: Int) -> UnsafeRawBufferPointer {
        let start = fieldStarts[index]
        if start >= 0 { return UnsafeRawBufferPointer(start: buffer + start, count: fieldEnds[index] - start) }
        return UnsafeRawBufferPointer(start: scratch + (-1 - start), count: fieldEnds[index] - (-1 - start))
    }

    /// Field `index` decoded as a String (for headers and error messages).
    public func string(_ index: Int) -> String {
        String(decoding: field(index), as: UTF8.self)
    }

    /// The current record's raw text as it appeared in the file (before unescaping), for rejects files.
    public var rawRecord: String {
        var end = recordEnd
        while end > recordStart, buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0A
                || buffer.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(start: buffer + recordStart, count: end - recordStart),
                      as: UTF8.self)
    }

    /// Advances to the next record.
    /// - Returns: false at the end of the input.
    /// - Throws: `CSVError` for malformed records or exceeded limits, `ByteStreamError` for I/O.
    public func next() throws -> Bool {
        while true {
            if atFileStart {
                try fill(minimum: 3)
                atFileStart = false
                if dataEnd - dataStart >= 3, buffer.load(fromByteOffset: dataStart, as: UInt8.self) == 0xEF,
                   buffer.load(fromByteOffset: dataStart + 1, as: UInt8.self) == 0xBB,
                   buffer.load(fromByteOffset: dataStart + 2, as: UInt8.self) == 0xBF {
                    dataStart += 3
                }
            }
            if let stopOffset, nextRecordOffset >= stopOffset { return false }
            if dataStart == dataEnd {
                if sourceDone { return false }
                try refill()
                continue
            }
            switch try parseRecord() {
            case .complete(let end, let lines, let blank):
                line = nextLine
                nextLine += lines
                recordStart = dataStart
                recordEnd = end
                dataStart = end
                if end - recordStart > limits.maxRecordBytes {
                    throw CSVError(path: path, line: line, column: nil,
                                   reason: "record longer than \(limits.maxRecordBytes) bytes (is this a CSV file?)")
                }
                if let mapped, Int(bufferOffset) + recordStart - releasedUpTo >= 16 << 20 {
                    let upTo = Int(bufferOffset) + recordStart
                    mapped.release(from: releasedUpTo, to: upTo)
                    releasedUpTo = upTo
                }
                if blank { continue }
                return true
            case .needMore:
                if sourceDone {
                    // Only an unterminated quoted field can still want more once the input has ended.
                    throw CSVError(path: path, line: nextLine, column: nil,
                                   reason: "unexpected end of file inside a quoted field")
                }
                try refill()
            }
        }
    }

    // MARK: - Parsing

    private enum Outcome {
        case complete(end: Int, lines: Int, blank: Bool)
        case needMore
    }

    /// Parses one record starting at `dataStart`. Returns `.needMore` when the buffered data ends
    /// inside the record (and more input may follow).
    private func parseRecord() throws -> Outcome {
        parsedFields = 0
        let bytes = buffer.assumingMemoryBound(to: UInt8.self)
        if recordParser != .general, let fast = parseCommonRecord(bytes) { return fast }
        var position = dataStart
        let end = dataEnd
        var lines = 0
        var escapedFields: [Int] = []
        while true {
            if parsedFields >= limits.maxFields {
                throw CSVError(path: path, line: nextLine, column: parsedFields + 1,
                               reason: "more than \(limits.maxFields) fields")
            }
            if position < end && bytes[position] == 0x22 {
                // Quoted field.
                let contentStart = position + 1
                var scan = contentStart
                var hasEscapes = false
                while true {
                    while scan < end && bytes[scan] != 0x22 {
                        if bytes[scan] == 0x0A { lines += 1 }
                        scan += 1
                    }
                    if scan >= end { return .needMore }
                    if scan + 1 >= end {
                        if !sourceDone { return .needMore }
                        break
                    }
                    if bytes[scan + 1] == 0x22 {
                        hasEscapes = true
                        scan += 2
                        continue
                    }
                    break
                }
                append(contentStart, scan)
                if hasEscapes { escapedFields.append(parsedFields - 1) }
                position = scan + 1
                if position >= end {
                    if !sourceDone { return .needMore }
                    return finish(end: position, lines: lines, escapedFields: escapedFields)
                }
                let after = bytes[position]
                if after == 0x2C {
                    position += 1
                    continue
                }
                if after == 0x0A {
                    return finish(end: position + 1, lines: lines + 1, escapedFields: escapedFields)
                }
                if after == 0x0D {
                    if position + 1 >= end {
                        if !sourceDone { return .needMore }
                        return finish(end: position + 1, lines: lines + 1, escapedFields: escapedFields)
                    }
                    if bytes[position + 1] == 0x0A {
                        return finish(end: position + 2, lines: lines + 1, escapedFields: escapedFields)
                    }
                }
                throw CSVError(path: path, line: nextLine + lines, column: parsedFields,
                               reason: "unexpected character after closing quote")
            }
            // Unquoted field: runs to the next comma or line break. Eight bytes at a time (SWAR): a
            // byte equal to ',' or '\n' becomes zero after the XOR, and the classic zero-byte test
            // flags the first one exactly; the tail shorter than a word goes byte by byte.
            let start = position
            while position + 8 <= end {
                let word = UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self)
                let commas = word ^ 0x2C2C_2C2C_2C2C_2C2C
                let breaks = word ^ 0x0A0A_0A0A_0A0A_0A0A
                let found = ((commas &- 0x0101_0101_0101_0101) & ~commas | (breaks &- 0x0101_0101_0101_0101) & ~breaks)
                    & 0x8080_8080_8080_8080
                if found != 0 {
                    position += found.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            if position + 8 > end {
                while position < end {
                    let byte = bytes[position]
                    if byte == 0x2C || byte == 0x0A { break }
                    position += 1
                }
            }
            if position >= end {
                if !sourceDone { return .needMore }
                var fieldEnd = position
                if fieldEnd > start && bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                append(start, fieldEnd)
                return finish(end: position, lines: lines + 1, escapedFields: escapedFields)
            }
            var fieldEnd = position
            if bytes[position] == 0x0A {
                if fieldEnd > start && bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                append(start, fieldEnd)
                return finish(end: position + 1, lines: lines + 1, escapedFields: escapedFields)
            }
            append(start, fieldEnd)
            position += 1
        }
    }

    /// The fast path: most records are well formed and end within the buffer, so one C pass
    /// (`Sources/CSVScan`, AVX2 or SSE2) finds every field, quoted or not. Returns nil when the record needs
    /// the general parser (a line break inside quotes, a malformed or unfinished record, too many fields).
    @inline(__always)
    private func parseCommonRecord(_ bytes: UnsafeMutablePointer<UInt8>) -> Outcome? {
        var recordLength = 0
        var escapedCount = 0
        let parse = recordParser == .sse2 ? costtop_parse_record_sse2 : costtop_parse_record
        let found = parse(bytes + dataStart, dataEnd - dataStart, dataStart, fieldStarts, fieldEnds,
                          limits.maxFields, escapedIndexes, &escapedCount, &recordLength)
        guard found > 0 else { return nil }
        parsedFields = found
        scratchUsed = 0
        for index in 0..<escapedCount { unescape(Int(escapedIndexes[index])) }
        return complete(end: dataStart + recordLength, lines: 1)
    }

    @inline(__always)
    private func append(_ start: Int, _ end: Int) {
        fieldStarts[parsedFields] = start
        fieldEnds[parsedFields] = end
        parsedFields += 1
    }

    private func finish(end: Int, lines: Int, escapedFields: [Int]) -> Outcome {
        scratchUsed = 0
        for index in escapedFields { unescape(index) }
        return complete(end: end, lines: lines)
    }

    @inline(__always)
    private func complete(end: Int, lines: Int) -> Outcome {
        fieldCount = parsedFields
        let blank = fieldCount == 1 && fieldStarts[0] == fieldEnds[0]
            && (fieldStarts[0] == dataStart)
        return .complete(end: end, lines: lines, blank: blank)
    }

    /// Copies field `index` into the scratch buffer with `""` collapsed to `"`.
    private func unescape(_ index: Int) {
        let start = fieldStarts[index]
        let end = fieldEnds[index]
        if scratchUsed + (end - start) > scratchCapacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: (scratchUsed + end - start) * 2, alignment: 8)
            grown.copyMemory(from: scratch, byteCount: scratchUsed)
            scratch.deallocate()
            scratch = grown
            scratchCapacity = (scratchUsed + end - start) * 2
        }
        let source = buffer.assumingMemoryBound(to: UInt8.self)
        let target = scratch.assumingMemoryBound(to: UInt8.self)
        let first = scratchUsed
        var read = start
        while read < end {
            let byte = source[read]
            target[scratchUsed] = byte
            scratchUsed += 1
            read += byte == 0x22 ? 2 : 1
        }
        fieldStarts[index] = -1 - first
        fieldEnds[index] = scratchUsed
    }

    // MARK: - Buffering

    private func fill(minimum: Int) throws {
        while dataEnd - dataStart < minimum && !sourceDone { try refill() }
    }

    /// Moves unconsumed bytes to the front, grows the buffer when a record is longer than it, and reads more.
    private func refill() throws {
        let pending = dataEnd - dataStart
        if pending > limits.maxRecordBytes {
            throw CSVError(path: path, line: nextLine, column: nil,
                           reason: "record longer than \(limits.maxRecordBytes) bytes (is this a CSV file?)")
        }
        if dataStart > 0 {
            if pending > 0 { buffer.copyMemory(from: buffer + dataStart, byteCount: pending) }
            bufferOffset += Int64(dataStart)
            recordStart -= dataStart
            recordEnd -= dataStart
            dataStart = 0
            dataEnd = pending
        }
        if dataEnd == capacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
            grown.copyMemory(from: buffer, byteCount: dataEnd)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        guard let source else { sourceDone = true; return }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + dataEnd, count: capacity - dataEnd))
        if count == 0 { sourceDone = true } else { dataEnd += count }
    }
}
