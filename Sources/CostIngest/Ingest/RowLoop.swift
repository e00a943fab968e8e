import ByteStreams
import CostModel

/// The per-row loop of one work unit (a file or a chunk of one): read, normalize, fold in, or reject.
struct RowLoop {
    let path: String
    let names: [String]
    let adapter: any ExportAdapter
    let keepGoing: Bool
    /// Where progress goes, and the file's index for it.
    let progress: ProgressTracker?
    let fileIndex: Int

    /// A rejected row, with its line counted from where its reader began.
    struct Reject {
        var line: Int
        var column: String
        var reason: String
        var raw: String
    }

    struct Result {
        var lineItems: Int64 = 0
        var rejects: [Reject] = []
        /// The error that stopped the loop (an invalid row without --keep-going, or an unreadable file).
        var error: Error?
        /// With `stopAt`: the offset of the first record not read (the end of the input when it ran out first).
        var stoppedAt: Int64?
    }

    /// Reads records until the end, an error, or the first record starting at or after `stopAt`
    /// (which is left unread).
    func run(_ reader: any RecordSource, builder: RollupBuilder, stopAt: Int64?) -> Result {
        reader.stopOffset = stopAt
        // The reader and adapter types are opened here, once per unit, so the loop below calls
        // both directly: per row, an existential call into a generic adapter costs a dynamic
        // dispatch and a type check (about 3% of CSV ingest, measured with callgrind).
        var result = readRows(reader, adapter: adapter, builder: builder)
        if stopAt != nil && result.error == nil { result.stoppedAt = reader.nextRecordOffset }
        reader.stopOffset = nil
        return result
    }

    // Each (container, adapter) pair the ingest reads at speed gets a specialization here.
    @_specialize(where Record == CSVReader, Adapter == CURAdapter)
    @_specialize(where Record == CSVReader, Adapter == FOCUSAdapter)
    @_specialize(where Record == ParquetRecordSource, Adapter == CURAdapter)
    @_specialize(where Record == ParquetRecordSource, Adapter == FOCUSAdapter)
    @_specialize(where Record == CSVReader, Adapter == AzureAdapter)
    @_specialize(where Record == CSVReader, Adapter == GCPAdapter)
    @_specialize(where Record == JSONLRecordSource, Adapter == GCPAdapter)
    @_specialize(where Record == ParquetRecordSource, Adapter == GCPAdapter)
    @_specialize(where Record == ParquetRecordSource, Adapter == AzureAdapter)
    private func readRows<Record: RecordSource, Adapter: ExportAdapter>(_ reader: Record, adapter: Adapter,
                                                                         builder: RollupBuilder) -> Result {
        var result = Result()
        let width = names.count
        // The row memo (`RowMemo`): only for adapters that name their dimension columns, and
        // only where the source has identities (columnar files).
        let memoColumns = adapter.rowMemoColumns
        builder.memo.invalidate()
        let memoStorage = UnsafeMutableBufferPointer<Int>.allocate(capacity: memoColumns?.count ?? 0)
        defer { memoStorage.deallocate() }
        if let memoColumns { _ = memoStorage.initialize(from: memoColumns) }
        let memoKey = UnsafeBufferPointer(memoStorage)
        var sinceReport = 0
        var bytesReported = reader.inputBytesConsumed
        var lineItemsReported: Int64 = 0
        defer {
            progress?.advance(file: fileIndex, bytes: reader.inputBytesConsumed - bytesReported,
                              lineItems: result.lineItems - lineItemsReported)
        }
        do {
            while try reader.next() {
                do throws(RowProblem) {
                    guard reader.fieldCount == width else {
                        throw RowProblem(column: nil, value: "", reason: "has \(reader.fieldCount) fields, the header has \(width)")
                    }
                    if memoColumns != nil, builder.memo.beginRow(epoch: reader.signatureEpoch),
                       let signature = reader.rowSignature(memoKey) {
                        builder.lookUpMemo(signature)
                    }
                    try adapter.read(reader, into: builder)
                    try builder.commit()
                    result.lineItems += 1
                } catch {
                    builder.reset()
                    guard keepGoing else {
                        result.error = IngestError.row(path: path, line: reader.line, column: error.column,
                                                       columnName: error.column.map { names[$0] },
                                                       value: error.value, reason: error.reason)
                        return result
                    }
                    let column = error.column.map { "\($0 + 1) (\(names[$0]))" } ?? ""
                    let reason = error.value.isEmpty ? error.reason : "\(error.reason): \"\(error.value)\""
                    result.rejects.append(Reject(line: reader.line, column: column, reason: reason, raw: reader.rawRecord))
                }
                sinceReport += 1
                if sinceReport == 65_536, let progress {
                    sinceReport = 0
                    let bytes = reader.inputBytesConsumed
                    progress.advance(file: fileIndex, bytes: bytes - bytesReported,
                                     lineItems: result.lineItems - lineItemsReported)
                    bytesReported = bytes
                    lineItemsReported = result.lineItems
                }
            }
        } catch {
            result.error = error
        }
        return result
    }
}
