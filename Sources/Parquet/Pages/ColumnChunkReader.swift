import CZlib

/// Reads one column chunk page by page into levels and values, checking every size against the chunk
/// and the limits, and every count against the metadata.
struct ColumnChunkReader {
    let descriptor: ColumnDescriptor
    let chunk: ColumnChunkMetaData
    /// The whole file; pages must lie within `dataRegion`.
    let file: UnsafeRawBufferPointer
    /// Bytes between the leading magic and the footer.
    let dataRegion: Range<Int>
    let rowCount: Int
    let limits: ParquetLimits

    var definitionLevels: [UInt8] = []
    var repetitionLevels: [UInt8] = []
    var values: ValueStore
    var dictionary: ValueStore?
    /// Reused for every decompressed page; a reference so decoding closures can mutate `self`.
    let scratch: ParquetScratch

    init(descriptor: ColumnDescriptor, chunk: ColumnChunkMetaData, file: UnsafeRawBufferPointer,
         dataRegion: Range<Int>, rowCount: Int, limits: ParquetLimits, scratch: ParquetScratch) {
        self.scratch = scratch
        self.descriptor = descriptor
        self.chunk = chunk
        self.file = file
        self.dataRegion = dataRegion
        self.rowCount = rowCount
        self.limits = limits
        self.values = ValueStore(physicalType: descriptor.physicalType, width: descriptor.typeLength, byteLimit: limits.maxColumnChunkBytes)
    }

    /// Decodes the chunk.
    mutating func read() throws -> ParquetColumn {
        let (codec, range, total) = try validateChunk()
        // The declared count is only bounded by the limits; beyond a few million entries the arrays
        // grow as pages really deliver them.
        let reservation = min(total, 1 << 22)
        if descriptor.maxDefinitionLevel > 0 { definitionLevels.reserveCapacity(reservation) }
        if descriptor.maxRepetitionLevel > 0 { repetitionLevels.reserveCapacity(reservation) }
        // Values: at most one per entry. Byte arrays reserve only once they turn out to be indexed.
        values.expectedCount = reservation
        if descriptor.physicalType != .byteArray && descriptor.physicalType != .int96
            && descriptor.physicalType != .fixedLenByteArray {
            values.reserve(reservation)
        }
        var position = range.lowerBound
        var entries = 0
        var decompressedBytes = 0
        while entries < total {
            guard position < range.upperBound else {
                throw DecodeFailure.data("column chunk holds \(entries) of its \(total) values")
            }
            var reader = CompactReader(UnsafeRawBufferPointer(rebasing: file[position..<range.upperBound]), maxDepth: limits.maxNestingDepth)
            let header: PageHeader
            do { header = try PageHeader.decode(&reader) } catch let failure as DecodeFailure {
                throw DecodeFailure.data("page header at offset \(position) does not decode: \(failure.message)")
            }
            let bodyStart = position + reader.position
            guard Int(header.compressedPageSize) <= range.upperBound - bodyStart else {
                throw DecodeFailure.data("page at offset \(position) overruns its column chunk (\(header.compressedPageSize) bytes, \(range.upperBound - bodyStart) left)")
            }
            guard Int(header.uncompressedPageSize) <= limits.maxPageBytes else {
                throw DecodeFailure(.limitExceeded, "page at offset \(position) declares \(header.uncompressedPageSize) bytes, above the limit of \(limits.maxPageBytes)")
            }
            // Highly compressible pages could otherwise expand a small chunk without bound.
            decompressedBytes += Int(header.uncompressedPageSize)
            guard decompressedBytes <= limits.maxColumnChunkBytes else {
                throw DecodeFailure(.limitExceeded, "column chunk pages expand beyond the limit of \(limits.maxColumnChunkBytes) bytes")
            }
            let body = UnsafeRawBufferPointer(rebasing: file[bodyStart..<bodyStart + Int(header.compressedPageSize)])
            position = bodyStart + Int(header.compressedPageSize)
            if let crc = header.crc { try Self.checkCRC(crc, body, at: bodyStart) }
            switch PageHeader.Kind(rawValue: header.type) {
            case .dictionaryPage:
                try readDictionary(header, body, codec: codec, seenEntries: entries)
            case .dataPage:
                entries += try readDataPageV1(header, body, codec: codec, entriesLeft: total - entries)
            case .dataPageV2:
                entries += try readDataPageV2(header, body, codec: codec, entriesLeft: total - entries)
            case .indexPage, nil:
                continue  // not needed to read values
            }
        }
        return try ParquetColumn(descriptor: descriptor, values: values, definitionLevels: definitionLevels,
                                 repetitionLevels: repetitionLevels, entryCount: total, rowCount: rowCount)
    }

    // MARK: - Chunk

    /// Checks the chunk against the schema and the file before reading any page.
    private func validateChunk() throws -> (CompressionCodec, Range<Int>, Int) {
        guard chunk.hasMetaData else { throw DecodeFailure.metadata("column \(descriptor.dottedPath) has no column metadata") }
        guard !chunk.isEncrypted else { throw DecodeFailure.unsupported("column \(descriptor.dottedPath) is encrypted (unsupported)") }
        guard chunk.filePath == nil else { throw DecodeFailure.unsupported("column \(descriptor.dottedPath) lives in another file (unsupported)") }
        guard chunk.physicalType == descriptor.physicalType.rawValue else {
            throw DecodeFailure.metadata("column \(descriptor.dottedPath) is \(descriptor.physicalType) in the schema but \(chunk.physicalType) in its chunk")
        }
        guard let codec = CompressionCodec(rawValue: chunk.codec) else {
            throw DecodeFailure.unsupported("unsupported codec \(chunk.codec) in column \(descriptor.dottedPath)")
        }
        try Decompressor.checkSupported(codec)
        guard chunk.numValues >= 0 else { throw DecodeFailure.metadata("column \(descriptor.dottedPath) has \(chunk.numValues) values") }
        guard chunk.numValues <= Int64(limits.maxEntriesPerColumnChunk) else {
            throw DecodeFailure(.limitExceeded, "column \(descriptor.dottedPath) declares \(chunk.numValues) values, above the limit of \(limits.maxEntriesPerColumnChunk)")
        }
        // An empty chunk (a file of zero rows) is never read, and writers leave its offsets at 0.
        if chunk.numValues == 0 { return (codec, 0..<0, 0) }
        let start = chunk.chunkStart
        let (end, overflow) = start.addingReportingOverflow(chunk.totalCompressedSize)
        guard start >= Int64(dataRegion.lowerBound), chunk.totalCompressedSize >= 0, !overflow, end <= Int64(dataRegion.upperBound) else {
            throw DecodeFailure.metadata("column \(descriptor.dottedPath) claims bytes \(start)..<\(end), outside the data of the file (\(dataRegion.lowerBound)..<\(dataRegion.upperBound))")
        }
        return (codec, Int(start)..<Int(end), Int(chunk.numValues))
    }

    private static func checkCRC(_ expected: Int32, _ body: UnsafeRawBufferPointer, at offset: Int) throws {
        var crc: UInt = crc32(0, nil, 0)
        var rest = body
        while !rest.isEmpty {
            let piece = min(rest.count, Int(UInt32.max))
            crc = crc32(crc, rest.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(piece))
            rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
        }
        guard UInt32(truncatingIfNeeded: crc) == UInt32(bitPattern: expected) else {
            throw DecodeFailure.data("page at offset \(offset) fails its CRC-32 check")
        }
    }

    // MARK: - Pages

    /// The page's bytes after decompression (the file's own bytes when uncompressed).
    static func decompressed(_ body: UnsafeRawBufferPointer, size: Int, codec: CompressionCodec, scratch: ParquetScratch,
                             _ use: (UnsafeRawBufferPointer) throws -> Void) throws {
        if codec == .uncompressed {
            guard body.count == size else { throw DecodeFailure.data("uncompressed page of \(body.count) bytes declares \(size)") }
            try use(body)
            return
        }
        if scratch.bytes.count < size { scratch.bytes = [UInt8](repeating: 0, count: size) }
        try scratch.bytes.withUnsafeMutableBytes { buffer in
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<size])
            try Decompressor.decompress(codec, body, into: target, zstd: codec == .zstd ? scratch.zstd() : nil)
            try use(UnsafeRawBufferPointer(target))
        }
    }

    private mutating func readDictionary(_ header: PageHeader, _ body: UnsafeRawBufferPointer, codec: CompressionCodec, seenEntries: Int) throws {
        guard dictionary == nil, seenEntries == 0 else { throw DecodeFailure.data("dictionary page after data in column \(descriptor.dottedPath)") }
        guard header.hasPageHeader, header.numValues >= 0 else {
            throw DecodeFailure.data("dictionary page of column \(descriptor.dottedPath) declares \(header.numValues) values")
        }
        guard Int(header.numValues) <= limits.maxEntriesPerColumnChunk else {
            throw DecodeFailure(.limitExceeded, "dictionary of \(header.numValues) values is above the limit")
        }
        let encoding = try Encoding.from(header.encoding)
        guard encoding == .plain || encoding == .plainDictionary else {
            throw DecodeFailure.unsupported("dictionary page encoded \(encoding)")
        }
        var store = ValueStore(physicalType: descriptor.physicalType, width: descriptor.typeLength, byteLimit: limits.maxColumnChunkBytes)
        try Self.decompressed(body, size: Int(header.uncompressedPageSize), codec: codec, scratch: scratch) { bytes in
            try PlainDecoder.decode(bytes, count: Int(header.numValues), into: &store)
        }
        dictionary = store
    }
}
