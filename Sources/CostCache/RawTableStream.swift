import CostModel

/// The raw rows' columns written a chunk of whole days at a time. Their blocks are laid out before
/// the first row arrives (the row count, the span of days and the dictionaries fix every column's
/// width and so its length), and each chunk's part of each column is written at its place; the
/// row groups' checksums and the day index are built as the chunks pass. The writer so never holds
/// more than a chunk of the raw rows, in memory or as narrowed columns.
struct RawTableStream {
    let specs: [RowTableImage.ColumnSpec]
    /// Each column's block offset in the file.
    let offsets: [Int]
    /// The offset just past the last column.
    let end: Int
    let rowCount: Int
    private let firstDay: Int32
    private let lastDay: Int32
    private var rowsWritten = 0
    private var lastDayWritten: Int32?
    private var hashers: [GroupHasher]
    private var dayStarts: DayStarts

    /// - Parameters:
    ///   - rowCount: the rows the chunks will hold in all.
    ///   - days: the first and last day among them (nil for no rows).
    ///   - start: the file offset after which the first column starts (aligned).
    init(rowCount: Int, days: ClosedRange<Int32>?, codeLimits: RowTableImage.CodeLimits, start: Int) {
        self.rowCount = rowCount
        firstDay = days?.lowerBound ?? 0
        lastDay = days?.upperBound ?? 0
        specs = RowTableImage.columnSpecs(keeping: FixedDimension.allCases.map { _ in true }, tagSets: true,
                                          daySpan: Int(lastDay) - Int(firstDay) + 1, codeLimits: codeLimits)
        var offset = start
        var offsets: [Int] = []
        for spec in specs {
            offset += BlockSink.padding(after: offset)
            offsets.append(offset)
            offset += rowCount * spec.kind.width!
        }
        self.offsets = offsets
        end = offset
        hashers = specs.map { GroupHasher(width: $0.kind.width!) }
        dayStarts = DayStarts(firstDay: firstDay, lastDay: lastDay)
    }

    /// Writes `chunk` (whole days, after every day written before, its rows ordered by
    /// `RowClustering.rawImage`) into each column.
    mutating func write(_ chunk: RowTableImage, to sink: BlockSink) throws {
        guard chunk.rowCount > 0 else { return }
        precondition(chunk.firstDay >= firstDay && chunk.lastDay <= lastDay
                     && chunk.firstDay > (lastDayWritten ?? .min) && rowsWritten + chunk.rowCount <= rowCount,
                     "cache rows must come in chunks of whole days, in order, within the announced days and count")
        let rowsBefore = rowsWritten
        try chunk.forEachColumn(specs, dayBase: firstDay) { index, bytes in
            hashers[index].add(bytes)
            try sink.fileSystem.writeAll(sink.descriptor, bytes, at: offsets[index] + rowsBefore * specs[index].kind.width!,
                                         path: sink.path)
        }
        dayStarts.add(chunk.days[chunk.rows])
        rowsWritten += chunk.rowCount
        lastDayWritten = chunk.lastDay
    }

    /// The columns' block entries, checked per row group.
    var blocks: [BlockEntry] {
        zip(specs, offsets).map { spec, offset in
            BlockEntry(name: spec.name, kind: spec.kind, offset: offset, length: rowCount * spec.kind.width!,
                       count: rowCount, checksum: CacheFormat.perRowGroupChecksum)
        }
    }

    /// The day index and every column's row-group checksums (column after column), once every
    /// row has been written.
    func finished() -> (dayStarts: [Int64], groupSums: [Int64]) {
        precondition(rowsWritten == rowCount, "the chunks held \(rowsWritten) rows, not the \(rowCount) announced")
        return (dayStarts.finished(), hashers.flatMap { $0.finished() })
    }
}

/// XXH64 of each row group of one column whose bytes arrive in pieces of any length.
struct GroupHasher {
    private let groupBytes: Int
    private let width: Int
    private var pending: [UInt8] = []
    private var sums: [Int64] = []

    init(width: Int) {
        self.width = width
        groupBytes = CacheFormat.rowGroupRows * width
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        if !pending.isEmpty {
            let taken = min(groupBytes - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(taken))
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            guard pending.count == groupBytes else { return }
            sums.append(pending.withUnsafeBytes { Int64(bitPattern: XXH64.hash($0)) })
            pending.removeAll(keepingCapacity: true)
        }
        let whole = rest.count / groupBytes * groupBytes
        if whole > 0 {
            sums += RowTableImage.groupChecksums(UnsafeRawBufferPointer(rebasing: rest[..<whole]), width: width,
                                                 rows: whole / width, groupRows: CacheFormat.rowGroupRows)
        }
        pending.append(contentsOf: rest[whole...])
    }

    /// The checksums, the last (partial) group's included.
    func finished() -> [Int64] {
        pending.isEmpty ? sums : sums + [pending.withUnsafeBytes { Int64(bitPattern: XXH64.hash($0)) }]
    }
}
