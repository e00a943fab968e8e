/// Data pages: levels, then values. V1 pages compress levels and values together and prefix each
/// level section with its length; v2 pages store the levels uncompressed with their lengths in the
/// header and may leave the values uncompressed too (`is_compressed`).
extension ColumnChunkReader {
    /// Reads a v1 data page; returns its level entries.
    mutating func readDataPageV1(_ header: PageHeader, _ body: UnsafeRawBufferPointer, codec: CompressionCodec, entriesLeft: Int) throws -> Int {
        let count = try pageEntries(header, entriesLeft: entriesLeft)
        try Self.decompressed(body, size: Int(header.uncompressedPageSize), codec: codec, scratch: scratch) { bytes in
            var cursor = PageCursor(bytes)
            if descriptor.maxRepetitionLevel > 0 {
                try requireRLE(header.repetitionLevelEncoding, "repetition")
                let length = try cursor.length32("repetition levels")
                try Self.decodeLevels(cursor.take(length, "repetition levels"), count: count, max: descriptor.maxRepetitionLevel, into: &repetitionLevels, what: "repetition level")
            }
            let present: Int
            if descriptor.maxDefinitionLevel > 0 {
                try requireRLE(header.definitionLevelEncoding, "definition")
                let length = try cursor.length32("definition levels")
                present = try Self.decodeLevels(cursor.take(length, "definition levels"), count: count, max: descriptor.maxDefinitionLevel, into: &definitionLevels, what: "definition level")
            } else {
                present = count
            }
            try ValueDecoder.decode(cursor.rest(), encoding: header.encoding, count: present, dictionary: dictionary, into: &values)
        }
        return count
    }

    /// Reads a v2 data page; returns its level entries.
    mutating func readDataPageV2(_ header: PageHeader, _ body: UnsafeRawBufferPointer, codec: CompressionCodec, entriesLeft: Int) throws -> Int {
        let count = try pageEntries(header, entriesLeft: entriesLeft)
        let repLength = Int(header.repetitionLevelsByteLength)
        let defLength = Int(header.definitionLevelsByteLength)
        guard repLength >= 0, defLength >= 0, repLength + defLength <= body.count,
              repLength + defLength <= Int(header.uncompressedPageSize) else {
            throw DecodeFailure.data("v2 page levels (\(repLength) + \(defLength) bytes) do not fit its \(body.count) bytes")
        }
        guard header.numNulls >= 0, Int(header.numNulls) <= count else {
            throw DecodeFailure.data("v2 page declares \(header.numNulls) nulls among \(count) values")
        }
        var cursor = PageCursor(body)
        let repBytes = try cursor.take(repLength, "repetition levels")
        let defBytes = try cursor.take(defLength, "definition levels")
        if descriptor.maxRepetitionLevel > 0 {
            try Self.decodeLevels(repBytes, count: count, max: descriptor.maxRepetitionLevel, into: &repetitionLevels, what: "repetition level")
        }
        let present = descriptor.maxDefinitionLevel > 0
            ? try Self.decodeLevels(defBytes, count: count, max: descriptor.maxDefinitionLevel, into: &definitionLevels, what: "definition level")
            : count
        let valueBytes = cursor.rest()
        let valueSize = Int(header.uncompressedPageSize) - repLength - defLength
        let pageCodec = header.isCompressed ? codec : .uncompressed
        try Self.decompressed(valueBytes, size: valueSize, codec: pageCodec, scratch: scratch) { bytes in
            try ValueDecoder.decode(bytes, encoding: header.encoding, count: present, dictionary: dictionary, into: &values)
        }
        return count
    }

    /// The page's level entries, checked against what the chunk still expects.
    private func pageEntries(_ header: PageHeader, entriesLeft: Int) throws -> Int {
        guard header.hasPageHeader, header.numValues >= 0 else {
            throw DecodeFailure.data("data page of column \(descriptor.dottedPath) declares \(header.numValues) values")
        }
        guard Int(header.numValues) <= entriesLeft else {
            throw DecodeFailure.data("data pages of column \(descriptor.dottedPath) hold more values than its chunk declares")
        }
        return Int(header.numValues)
    }

    private func requireRLE(_ encoding: Int32, _ what: String) throws {
        guard encoding == Encoding.rle.rawValue else {
            throw DecodeFailure.unsupported("unsupported \(what) level encoding \((try? Encoding.from(encoding))?.description ?? String(encoding))")
        }
    }

    /// Decodes `count` levels and returns how many equal `max` (for definition levels, the values present).
    @discardableResult
    private static func decodeLevels(_ bytes: UnsafeRawBufferPointer, count: Int, max: Int, into levels: inout [UInt8], what: String) throws -> Int {
        let start = levels.count
        var decoder = try HybridDecoder(bytes, width: bitWidth(of: max))
        try decoder.decode(count: count, maxValue: UInt32(max), into: &levels, what: what)
        var present = 0
        let top = UInt8(max)
        levels.withUnsafeBufferPointer { buffer in
            for index in start..<buffer.count where buffer[index] == top { present += 1 }
        }
        return present
    }
}
