import ByteStreams

/// CSV exports, plain (`.csv`, mapped and cut into chunks at line breaks) or gzip (`.csv.gz`,
/// streamed whole through a decompressor on its own thread).
public struct CSVContainer: InputContainer {
    public let fileNames = ".csv, .csv.gz"

    public init() {}

    public func reads(path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".csv.gz")
    }

    /// A gzip stream cannot be entered in the middle.
    public func isSplittable(path: String) -> Bool { !path.lowercased().hasSuffix(".gz") }

    public func open(path: String, size: Int64, options: IngestOptions) throws -> any OpenedInput {
        try OpenedCSV(path: path, size: size, options: options)
    }
}

/// An opened CSV file: its header, and (for plain files) its mapping, which every chunk reads in place.
final class OpenedCSV: OpenedInput, @unchecked Sendable {
    let columnNames: [String]
    let headerLine: Int?
    private let path: String
    private let limits: CSVLimits
    /// The read-only mapping of a plain file; nil for gzip files, which stream.
    private let mapping: MappedFile?
    /// The reader that read the header, now at the first record: the file's first chunk goes on with it.
    private var headerReader: CSVReader?

    /// Opens `path` (`size` bytes) and reads its header row.
    /// - Throws: `IngestError` for an empty file, `CSVError` for a malformed header.
    init(path: String, size: Int64, options: IngestOptions) throws {
        self.path = path
        limits = options.limits
        let compressed = path.lowercased().hasSuffix(".gz")
        // Plain files are parsed in place from a private mapping (no copy out of the page cache);
        // gzip files stream through a decompressor. An empty file cannot be mapped: it streams, and
        // reading its header fails with a clear error.
        mapping = !compressed && size > 0 ? try MappedFile(path: path) : nil
        let reader: CSVReader
        if let mapping {
            reader = CSVReader(mapping: mapping, from: 0, to: mapping.count, limits: options.limits)
        } else {
            let source = try openByteSource(path: path, maxDecompressedBytes: options.maxDecompressedBytes)
            // Inflating runs on a thread of its own, ahead of the parser.
            reader = CSVReader(source: compressed ? PrefetchingByteSource(source) : source, path: path,
                               limits: options.limits)
        }
        guard try reader.next() else { throw IngestError.input(path: path, reason: "empty file: no header row") }
        columnNames = (0..<reader.fieldCount).map { reader.string($0) }
        // Lines ended by a bare CR (old Mac files) read as one endless record: say so, rather than
        // report the columns the run-together lines make.
        if let column = columnNames.firstIndex(where: { $0.utf8.contains(0x0D) }) {
            throw IngestError.row(path: path, line: reader.line, column: column, columnName: nil, value: "",
                                  reason: "the header holds a carriage return: lines seem to end with a bare CR; "
                                      + "convert the file to LF or CRLF line endings")
        }
        headerLine = reader.line
        headerReader = reader
    }

    /// The offset just after the first line break at or after `guess`.
    func boundary(after guess: Int64) -> Int64 {
        guard let mapping else { return guess }
        return WorkPlan.boundary(in: mapping, after: guess)
    }

    func records(from offset: Int64, first: Bool, settings: RecordSettings) throws -> any RecordSource {
        let reader: CSVReader
        if first {
            guard let headerReader else {
                throw IngestError.input(path: path, reason: "internal error: the first chunk was read twice")
            }
            reader = headerReader
            self.headerReader = nil
        } else {
            // Only a mapped file is ever cut into chunks; a streamed one is a single unit.
            guard let mapping else {
                throw IngestError.input(path: path, reason: "internal error: a streamed file was cut")
            }
            reader = CSVReader(mapping: mapping, from: Int(offset), to: mapping.count, limits: limits)
        }
        reader.nullTokensAreMissing = settings.nullTokensAreMissing
        return reader
    }
}
