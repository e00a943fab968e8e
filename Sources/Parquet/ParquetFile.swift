/// A Parquet file in memory: its footer decoded and validated, its row groups readable one at a time.
///
/// The file's bytes are borrowed, not copied: the caller keeps them mapped (and unchanged) for as long
/// as the `ParquetFile` is used. Reading is read-only, so one `ParquetFile` may be shared by threads
/// that each read a different row group.
public struct ParquetFile: @unchecked Sendable {
    /// The path given, used in every error.
    public let path: String
    /// The schema: tree and leaf columns.
    public let schema: ParquetSchema
    /// The row groups, with their rows and column chunk locations.
    public let rowGroups: [RowGroupMetaData]
    /// The writer's key-value metadata (e.g. the Arrow schema), in file order.
    public let keyValueMetadata: [(key: String, value: String?)]
    /// The writer's identification, e.g. `parquet-cpp-arrow version 17.0.0`.
    public let createdBy: String?
    /// Rows in the file: the sum of the row groups'.
    public let rowCount: Int
    /// The limits every read is checked against.
    public let limits: ParquetLimits

    private let bytes: UnsafeRawBufferPointer
    /// Bytes between the leading magic and the footer, where column chunks must lie.
    private let dataRegion: Range<Int>

    private static let magic: [UInt8] = Array("PAR1".utf8)
    private static let encryptedMagic: [UInt8] = Array("PARE".utf8)

    /// Validates the magic at both ends and the footer length, then decodes the footer and schema.
    ///
    /// - Parameters:
    ///   - bytes: the whole file, e.g. mapped; it must stay valid while the result is used.
    ///   - path: the file's name for error messages.
    ///   - limits: bounds on sizes read from the file.
    /// - Throws: `ParquetError` when the file is not Parquet, is damaged or uses an unsupported feature.
    public init(bytes: UnsafeRawBufferPointer, path: String, limits: ParquetLimits = ParquetLimits()) throws {
        self.path = path
        self.bytes = bytes
        self.limits = limits
        let count = bytes.count
        func fail(_ kind: ParquetError.Kind, _ message: String) -> ParquetError { ParquetError(kind, path: path, message) }
        guard count >= 4, bytes.prefix(4).elementsEqual(Self.magic) else {
            throw fail(.notParquet, count < 4 ? "file of \(count) bytes is too short to be Parquet" : "bad magic: the file does not start with PAR1")
        }
        guard count >= 12 else { throw fail(.notParquet, "file of \(count) bytes holds only the magic, no footer") }
        let tail = bytes.suffix(4)
        if tail.elementsEqual(Self.encryptedMagic) { throw fail(.unsupported, "encrypted Parquet (PARE footer) is not supported") }
        guard tail.elementsEqual(Self.magic) else { throw fail(.notParquet, "bad magic: the file does not end with PAR1 (truncated?)") }
        let footerLength = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt32.self)))
        guard footerLength > 0 else { throw fail(.notParquet, "footer length is zero") }
        guard footerLength <= count - 12 else {
            throw fail(.notParquet, "footer length \(footerLength) is beyond the file of \(count) bytes")
        }
        guard footerLength <= limits.maxFooterBytes else { throw fail(.limitExceeded, "footer of \(footerLength) bytes is above the limit") }
        let footerStart = count - 8 - footerLength
        dataRegion = 4..<footerStart
        do {
            let meta = try FileMetaData.decode(UnsafeRawBufferPointer(rebasing: bytes[footerStart..<count - 8]), maxDepth: limits.maxNestingDepth)
            guard !meta.isEncrypted else { throw DecodeFailure.unsupported("encrypted Parquet is not supported") }
            let schema = try ParquetSchema(elements: meta.schema, maxDepth: limits.maxNestingDepth)
            var total: Int64 = 0
            for (index, group) in meta.rowGroups.enumerated() {
                guard group.numRows >= 0 else { throw DecodeFailure.metadata("row group \(index) has \(group.numRows) rows") }
                guard group.numRows <= Int64(limits.maxEntriesPerColumnChunk) else {
                    throw DecodeFailure(.limitExceeded, "row group \(index) has \(group.numRows) rows, above the limit of \(limits.maxEntriesPerColumnChunk)")
                }
                guard group.columns.count == schema.columns.count else {
                    throw DecodeFailure.metadata("row group \(index) has \(group.columns.count) column chunks for \(schema.columns.count) columns")
                }
                total += group.numRows
            }
            self.schema = schema
            self.rowGroups = meta.rowGroups
            self.keyValueMetadata = meta.keyValueMetadata
            self.createdBy = meta.createdBy
            // Some writers leave the footer's total at 0 (repeated_no_annotation.parquet); the row groups count.
            self.rowCount = Int(total)
        } catch let failure as DecodeFailure {
            let prefix = failure.kind == .badMetadata ? "metadata does not decode: " : ""
            throw fail(failure.kind, prefix + failure.message)
        }
    }

    /// Decodes the leaf columns `columns` (indices into `schema.columns`) of row group `index`.
    ///
    /// Only the requested chunks are touched, and only one row group's columns are held in memory.
    /// `scratch` holds buffers to reuse from one call to the next (one per reading thread); without
    /// one, the call makes its own.
    /// - Throws: `ParquetError` naming the row group and column when a page is damaged or unsupported.
    public func readRowGroup(_ index: Int, columns: [Int], scratch: ParquetScratch? = nil) throws -> ParquetRowGroup {
        let scratch = scratch ?? ParquetScratch()
        guard rowGroups.indices.contains(index) else {
            throw ParquetError(.invalidRequest, path: path, "row group \(index) does not exist (the file has \(rowGroups.count))")
        }
        let group = rowGroups[index]
        var decoded: [ParquetColumn] = []
        decoded.reserveCapacity(columns.count)
        for column in columns {
            guard schema.columns.indices.contains(column) else {
                throw ParquetError(.invalidRequest, path: path, "column \(column) does not exist (the file has \(schema.columns.count))")
            }
            let descriptor = schema.columns[column]
            var reader = ColumnChunkReader(descriptor: descriptor, chunk: group.columns[column], file: bytes,
                                           dataRegion: dataRegion, rowCount: Int(group.numRows), limits: limits, scratch: scratch)
            do {
                var column = try reader.read()
                column.path = path
                decoded.append(column)
            } catch let failure as DecodeFailure {
                throw ParquetError(failure.kind, path: path, "row group \(index), column \(descriptor.dottedPath): \(failure.message)")
            }
        }
        return ParquetRowGroup(rowCount: Int(group.numRows), columns: decoded)
    }
}
