import ByteStreams
import Foundation

/// A file being read: its header, adapter and (for plain files) its mapping, which every chunk of
/// the file reads in place.
final class OpenedFile: @unchecked Sendable {
    let path: String
    let format: ExportFormat
    let names: [String]
    let adapter: any ExportAdapter
    /// The read-only mapping of a plain file; nil for gzip files, which stream.
    let mapping: MappedFile?
    /// The reader that read the header, now at the first record: the file's first chunk goes on with it.
    private var headerReader: CSVReader?

    /// Opens `path` (`size` bytes when the ingest looked), reads its header and detects its format.
    /// - Throws: `IngestError` naming the file (and the header's line and column when that is the problem).
    init(path: String, size: Int64, options: IngestOptions) throws {
        self.path = path
        let compressed = path.hasSuffix(".gz")
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
        names = (0..<reader.fieldCount).map { reader.string($0) }
        do {
            let header = try HeaderIndex(names)
            format = try ExportFormat.detect(header)
            adapter = try format.makeAdapter(header)
        } catch {
            if let column = error.column {
                throw IngestError.row(path: path, line: reader.line, column: column, columnName: nil,
                                      value: error.value, reason: error.reason)
            }
            throw IngestError.input(path: path, reason: error.reason)
        }
        headerReader = reader
    }

    /// The reader for chunk 0 (taken once).
    func takeHeaderReader() -> CSVReader? {
        defer { headerReader = nil }
        return headerReader
    }
}

/// Opens each file when a worker first needs it and closes it (unmapping it) once its last chunk
/// has been read, so only the files in work are open at a time.
final class OpenedFiles: @unchecked Sendable {
    private enum Entry {
        case open(OpenedFile, chunksLeft: Int)
        case failed(Error)
    }

    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private let inputs: [ChunkedRead.Input]
    private let chunkCounts: [Int]
    private let options: IngestOptions

    init(inputs: [ChunkedRead.Input], chunkCounts: [Int], options: IngestOptions) {
        self.inputs = inputs
        self.chunkCounts = chunkCounts
        self.options = options
    }

    /// File `index`, opened if no worker has opened it yet.
    /// - Throws: the error opening it gave (to every chunk of the file).
    func file(_ index: Int) throws -> OpenedFile {
        lock.lock()
        defer { lock.unlock() }
        switch entries[index] {
        case .open(let file, _):
            return file
        case .failed(let error):
            throw error
        case nil:
            do {
                let file = try OpenedFile(path: inputs[index].path, size: inputs[index].size, options: options)
                entries[index] = .open(file, chunksLeft: chunkCounts[index])
                return file
            } catch {
                entries[index] = .failed(error)
                throw error
            }
        }
    }

    /// Records that one chunk of file `index` is done; the last one closes the file.
    func chunkDone(_ index: Int) {
        let closing: OpenedFile? = lock.withLock {
            guard case .open(let file, let left) = entries[index] else { return nil }
            if left > 1 {
                entries[index] = .open(file, chunksLeft: left - 1)
                return nil
            }
            entries[index] = nil
            return file
        }
        // The last reference (and the unmapping, which takes a while for a large file) goes here,
        // outside the lock.
        _ = closing
    }
}
