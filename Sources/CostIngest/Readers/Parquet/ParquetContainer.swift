import ByteStreams
import Parquet

/// Parquet exports (AWS Data Exports' CUR 2.0 and FOCUS, other clouds' and warehouses' extracts),
/// read with costtop's own decoder (docs/parquet.md). A file is cut into units at row-group
/// boundaries, so row groups spread over the threads; each unit decodes one row group at a time and
/// only the columns the format adapter reads.
public struct ParquetContainer: InputContainer {
    public let fileNames = ".parquet"

    public init() {}

    public func reads(path: String) -> Bool { path.lowercased().hasSuffix(".parquet") }

    public func isSplittable(path: String) -> Bool { true }

    /// A row group of an export is a few megabytes compressed (about 25 bytes per line item where
    /// CSV takes 500), so a unit of the CSV size would hold a whole file and leave a thread idle.
    /// Cut at 1 MB, a unit's guessed start snaps to the next row group and each row group is a unit
    /// (guesses within one group give empty units).
    public func unitBytes(path: String, standard: Int) -> Int { min(standard, 1 << 20) }

    public func open(path: String, size: Int64, options: IngestOptions) throws -> any OpenedInput {
        try OpenedParquet(path: path)
    }
}

/// An opened Parquet file: its mapping, footer and the flat columns adapters see.
final class OpenedParquet: OpenedInput, @unchecked Sendable {
    let columnNames: [String]
    let headerLine: Int? = nil
    let path: String
    /// Keeps the bytes `file` reads alive.
    private let mapping: MappedFile
    let file: ParquetFile
    let columns: [ParquetColumnMap.Column]
    /// Row groups in file order, each with the offset where its first page starts: the positions
    /// units are cut at.
    let groups: [(index: Int, start: Int64)]

    /// - Throws: `ParquetError` naming the file (bad magic, footer out of bounds, metadata that does
    ///   not decode, ...), `ByteStreamError` when it cannot be mapped.
    init(path: String) throws {
        self.path = path
        mapping = try MappedFile(path: path)
        file = try ParquetFile(bytes: UnsafeRawBufferPointer(start: mapping.base, count: mapping.count), path: path)
        let map = ParquetColumnMap(file.schema)
        columnNames = map.names
        columns = map.columns
        groups = file.rowGroups.enumerated().map { ($0.offset, $0.element.byteRange.lowerBound) }
            .sorted { ($0.start, $0.index) < ($1.start, $1.index) }
    }

    /// The start of the first row group at or after `guess` (the file's end when there is none).
    func boundary(after guess: Int64) -> Int64 {
        groups.first { $0.start >= guess }?.start ?? fileSize
    }

    var fileSize: Int64 { Int64(mapping.count) }

    /// Lets the kernel drop the mapped pages of row group `index` once it is decoded: it is read
    /// once, and the pages a reader touched would otherwise count in the process's RSS until the
    /// file is closed (as the CSV reader does behind its parse position). Another thread's row
    /// group is untouched: ranges are rounded inward to whole pages, and a page dropped by mistake
    /// would only be read again from the page cache.
    func releasePages(ofGroup index: Int) {
        // The range comes from the footer, unchecked for columns not read: kept inside the file.
        let range = file.rowGroups[index].byteRange
        let lower = Int(max(0, min(range.lowerBound, fileSize)))
        let upper = Int(max(Int64(lower), min(range.upperBound, fileSize)))
        mapping.release(from: lower, to: upper)
    }

    func records(from offset: Int64, first: Bool, settings: RecordSettings) throws -> any RecordSource {
        ParquetRecordSource(input: self, from: first ? 0 : offset, columns: settings.columns)
    }
}
