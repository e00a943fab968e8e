/// A kind of input file (CSV, Parquet, JSON Lines): which files it reads, how it opens one, and how
/// a file is cut into units that threads read on their own.
///
/// Adding a container is its folder under `Readers/` and one line in `InputContainers.standard`.
public protocol InputContainer: Sendable {
    /// The file names it reads, for messages (`.csv, .csv.gz`).
    var fileNames: String { get }
    /// Whether this container reads the file at `path` (judged by its name).
    func reads(path: String) -> Bool
    /// Whether a file of this kind may be cut into several units (a gzip stream cannot be).
    func isSplittable(path: String) -> Bool
    /// The size units of a splittable file aim at, given the ingest's standard (`chunkBytes`).
    func unitBytes(path: String, standard: Int) -> Int
    /// Opens a file: reads its header or schema and prepares what every unit reads from.
    /// - Parameter size: the file's size in bytes, as the ingest found it.
    /// - Throws: `IngestError` (or the container's own error) naming the file.
    func open(path: String, size: Int64, options: IngestOptions) throws -> any OpenedInput
}

extension InputContainer {
    /// Text files are cut at the ingest's standard size.
    public func unitBytes(path: String, standard: Int) -> Int { standard }
}

/// One opened file of a container, shared by the threads reading its units.
public protocol OpenedInput: AnyObject, Sendable {
    /// The file's column names (dotted paths for nested columns), in order.
    var columnNames: [String] { get }
    /// The line of the header row, for errors in it; nil where the schema is not a line of text.
    var headerLine: Int? { get }
    /// The offset where a unit whose start was guessed at `guess` really begins: the next record
    /// boundary the container can find there without reading what comes before.
    func boundary(after guess: Int64) -> Int64
    /// A source of the records from `offset` on (`first`: the unit that starts the file).
    func records(from offset: Int64, first: Bool, settings: RecordSettings) throws -> any RecordSource
}

/// The containers an ingest knows.
public enum InputContainers {
    /// Every container costtop reads, in the order they are asked.
    public static let standard: [any InputContainer] = [
        CSVContainer(),
        ParquetContainer(),
        JSONLContainer(),
    ]

    /// The container that reads `path`, if any.
    static func container(for path: String, among containers: [any InputContainer]) -> (any InputContainer)? {
        containers.first { $0.reads(path: path) }
    }
}

/// What the format adapter reading a file needs from its record sources.
public struct RecordSettings: Sendable {
    /// The columns the adapter reads, in order: a columnar container decodes only these.
    public var columns: [Int]
    /// Whether a text field holding `NULL` or `null` is a missing value.
    public var nullTokensAreMissing: Bool

    public init(columns: [Int], nullTokensAreMissing: Bool) {
        self.columns = columns
        self.nullTokensAreMissing = nullTokensAreMissing
    }
}
