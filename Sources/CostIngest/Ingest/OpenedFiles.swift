import Foundation

/// A file being read: its container's opened input, its format and the adapter that reads it.
final class OpenedFile: @unchecked Sendable {
    let path: String
    let format: ExportFormat
    /// For an Azure EA or MCA export, its kind of cost and what told it.
    let azureKind: AzureCostKind?
    let names: [String]
    let adapter: any ExportAdapter
    /// The container's view of the file, which every unit reads from.
    let input: any OpenedInput
    private let settings: RecordSettings

    /// Opens `path` (`size` bytes when the ingest looked) with the container that reads it, and
    /// detects its format from its columns.
    /// - Throws: `IngestError` naming the file (and the header's line and column when that is the problem).
    init(path: String, size: Int64, options: IngestOptions) throws {
        self.path = path
        guard let container = InputContainers.container(for: path, among: options.containers) else {
            throw IngestError.input(path: path, reason: "no reader for this kind of file")
        }
        input = try container.open(path: path, size: size, options: options)
        names = input.columnNames
        do {
            let header = try HeaderIndex(names)
            (format, azureKind) = try ExportFormat.detectWithKind(header, path: path)
            adapter = try format.makeAdapter(header)
            settings = RecordSettings(columns: header.usedColumns, nullTokensAreMissing: adapter.nullTokensAreMissing)
        } catch {
            if let column = error.column, let line = input.headerLine {
                throw IngestError.row(path: path, line: line, column: column, columnName: nil,
                                      value: error.value, reason: error.reason)
            }
            throw IngestError.input(path: path, reason: error.reason)
        }
    }

    /// A source of the records from `offset` on (`first`: the unit that starts the file).
    func records(from offset: Int64, first: Bool) throws -> any RecordSource {
        try input.records(from: offset, first: first, settings: settings)
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
