import ByteStreams

/// Newline-delimited JSON (`.jsonl`, `.ndjson`, `.json`, and gzip of each), as BigQuery exports a
/// table: one object per line. Files named `…manifest.json` are left to the manifest readers. Plain files are mapped and cut into chunks at line breaks like CSV;
/// gzip files stream whole through a decompressor on its own thread.
public struct JSONLContainer: InputContainer {
    public let fileNames = ".jsonl, .ndjson, .json (and .gz)"

    public init() {}

    private static let suffixes = [".jsonl", ".ndjson", ".json"]

    /// Manifests (AWS `…-Manifest.json`, Azure's `manifest.json`) describe exports; they are not one.
    public func reads(path: String) -> Bool {
        var lower = path.lowercased()
        if lower.hasSuffix("manifest.json") { return false }
        if lower.hasSuffix(".gz") { lower.removeLast(3) }
        return Self.suffixes.contains { lower.hasSuffix($0) }
    }

    public func isSplittable(path: String) -> Bool { !path.lowercased().hasSuffix(".gz") }

    public func open(path: String, size: Int64, options: IngestOptions) throws -> any OpenedInput {
        try OpenedJSONL(path: path, size: size, options: options)
    }
}

/// An opened JSON Lines file: its columns (from its first lines) and, for plain files, its mapping.
final class OpenedJSONL: OpenedInput, @unchecked Sendable {
    let columnNames: [String]
    let headerLine: Int? = nil
    let path: String
    let maxLineBytes: Int
    private let maxDecompressedBytes: Int64
    private let mapping: MappedFile?

    /// Opens `path` and reads its first lines for the columns.
    /// - Throws: `IngestError` for an empty file or a first line that is not a JSON object (naming
    ///   the line), `ByteStreamError` when it cannot be read.
    init(path: String, size: Int64, options: IngestOptions) throws {
        self.path = path
        // JSON lines hold what a CSV record holds, and a CSV record's limit bounds them too.
        maxLineBytes = options.limits.maxRecordBytes
        maxDecompressedBytes = options.maxDecompressedBytes
        let compressed = path.lowercased().hasSuffix(".gz")
        mapping = !compressed && size > 0 ? try MappedFile(path: path) : nil
        let lines = try Self.lines(mapping: mapping, path: path, from: 0, maxLineBytes: maxLineBytes,
                                   maxDecompressedBytes: maxDecompressedBytes)
        var schema = JSONLSchema()
        var lineNumber = 0
        var sampled = 0
        var objects = 0
        while objects < JSONLSchema.sampleLines && sampled < JSONLSchema.sampleBytes {
            let line: UnsafeRawBufferPointer?
            do {
                line = try lines.next()
            } catch JSONLines.Failure.tooLong(let limit) {
                throw IngestError.row(path: path, line: lineNumber + 1, column: nil, columnName: nil, value: "",
                                      reason: "line longer than \(limit) bytes")
            }
            guard var line else { break }
            lineNumber += 1
            sampled += line.count
            if lineNumber == 1 { line = Self.skipBOM(line) }
            var scanner = JSONScanner(line)
            scanner.skipSpace()
            if scanner.index == line.count { continue }
            do throws(JSONSyntaxError) {
                let root = try scanner.value()
                scanner.skipSpace()
                guard scanner.index == line.count else { throw scanner.fail("text after the JSON value") }
                guard root.kind == .object else { throw JSONSyntaxError(reason: "a line must hold a JSON object", offset: 0) }
                try schema.add(line: line, root: root)
            } catch {
                throw IngestError.row(path: path, line: lineNumber, column: nil, columnName: nil, value: "",
                                      reason: "invalid JSON at byte \(error.offset + 1): \(error.reason)")
            }
            objects += 1
        }
        guard objects > 0 else { throw IngestError.input(path: path, reason: "empty file: no JSON object on any line") }
        columnNames = schema.names
    }

    static func lines(mapping: MappedFile?, path: String, from offset: Int, maxLineBytes: Int,
                      maxDecompressedBytes: Int64) throws -> JSONLines {
        if let mapping { return JSONLines(mapping: mapping, from: offset, maxLineBytes: maxLineBytes) }
        let source = try openByteSource(path: path, maxDecompressedBytes: maxDecompressedBytes)
        let compressed = path.lowercased().hasSuffix(".gz")
        return JSONLines(source: compressed ? PrefetchingByteSource(source) : source, maxLineBytes: maxLineBytes)
    }

    @inline(__always)
    static func skipBOM(_ line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF else { return line }
        return UnsafeRawBufferPointer(rebasing: line[3...])
    }

    /// The offset just after the first line break at or after `guess`.
    func boundary(after guess: Int64) -> Int64 {
        guard let mapping else { return guess }
        return WorkPlan.boundary(in: mapping, after: guess)
    }

    func records(from offset: Int64, first: Bool, settings: RecordSettings) throws -> any RecordSource {
        let lines = try Self.lines(mapping: mapping, path: path, from: first ? 0 : Int(offset), maxLineBytes: maxLineBytes,
                                   maxDecompressedBytes: maxDecompressedBytes)
        return JSONLRecordSource(input: self, lines: lines, first: first, columns: settings.columns)
    }
}
