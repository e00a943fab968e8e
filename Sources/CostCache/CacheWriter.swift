import CostModel
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes a cache file atomically: a temporary file in the same folder, fsync, rename over the
/// target, fsync of the folder. A reader never sees a half-written file, and a failure or a kill at
/// any point leaves the previous cache as it was.
///
/// The raw rows are written a chunk of whole days at a time (`CacheRowChunks`): the writer holds
/// one chunk's clustering order and narrowed columns, and the aggregates, never a copy of the
/// whole table, so a caller that produces its rows by days (the scale benchmark's generator) can
/// write a table larger than memory.
public struct CacheWriter {
    private let fileSystem: any FileSystem
    private let createdBy: String
    private let narrowColumns: Bool
    private let chunkRows: Int

    /// - Parameters:
    ///   - fileSystem: the system-call funnel (tests pass one that fails on purpose).
    ///   - createdBy: the writer's name and version, recorded in the footer.
    ///   - narrowColumns: write each code and day column at the narrowest width it needs (the
    ///     default); false writes them all 4 bytes wide, the same data a reader must answer alike
    ///     (the tests compare the two).
    ///   - chunkRows: about how many rows `write(_:to:)` hands on at a time (whole days; a day
    ///     with more rows is one chunk). The file is the same for any value (the tests check).
    public init(fileSystem: any FileSystem = PosixFileSystem(), createdBy: String, narrowColumns: Bool = true,
                chunkRows: Int = 1 << 21) {
        self.fileSystem = fileSystem
        self.createdBy = createdBy
        self.narrowColumns = narrowColumns
        self.chunkRows = max(1, chunkRows)
    }

    /// The name of a writer's temporary file before its pid: `<cache>.tmp.`.
    static func temporaryPrefix(of path: String) -> String { path + ".tmp." }

    /// Writes `contents` to `path`, replacing any cache there only once the new one is complete.
    /// - Throws: `CacheError.io` naming the file when a system call fails; the old cache is untouched.
    public func write(_ contents: CacheContents, to path: String) throws {
        var days = RowClustering.dayRuns(contents.days)[...]
        let span = contents.days.first.map { $0...contents.days.last! }
        try write(frame: contents, rowCount: contents.rowCount, days: span, to: path) {
            guard let first = days.first else { return nil }
            var end = first.upperBound
            days = days.dropFirst()
            while let next = days.first, next.upperBound - first.lowerBound <= chunkRows {
                end = next.upperBound
                days = days.dropFirst()
            }
            return (contents, first.lowerBound..<end)
        }
    }

    /// Writes the rows `rows` delivers, with the dictionaries, tags, sources and settings of
    /// `frame` (whose own row columns are not read), to `path`, atomically as `write(_:to:)`.
    public func write(_ frame: CacheContents, rows: CacheRowChunks, to path: String) throws {
        try write(frame: frame, rowCount: rows.rowCount, days: rows.days, to: path) {
            try rows.next().map { ($0, 0..<$0.rowCount) }
        }
    }

    private func write(frame: CacheContents, rowCount: Int, days: ClosedRange<Int32>?, to path: String,
                       nextChunk: () throws -> (CacheContents, Range<Int>)?) throws {
        let directory = parentDirectory(of: path)
        try fileSystem.makeDirectories(directory)
        let temporary = CacheWriter.temporaryPrefix(of: path) + "\(getpid())"
        fileSystem.removeIfPresent(temporary)
        let descriptor = try fileSystem.createExclusive(temporary)
        var closed = false
        do {
            try writeBody(frame, rowCount: rowCount, days: days, descriptor: descriptor, path: temporary,
                          nextChunk: nextChunk)
            try fileSystem.sync(descriptor, path: temporary)
            fileSystem.close(descriptor)
            closed = true
            try fileSystem.rename(temporary, path)
        } catch {
            if !closed { fileSystem.close(descriptor) }
            fileSystem.removeIfPresent(temporary)
            throw error
        }
        try fileSystem.syncDirectory(directory)
    }

    private func writeBody(_ frame: CacheContents, rowCount: Int, days: ClosedRange<Int32>?, descriptor: Int32,
                           path: String, nextChunk: () throws -> (CacheContents, Range<Int>)?) throws {
        var header = CacheFormat.magic
        header += littleEndianBytes(CacheFormat.version)
        header += littleEndianBytes(UInt32(0))
        try header.withUnsafeBytes { try fileSystem.writeAll(descriptor, $0, at: 0, path: path) }

        // Raw rows clustered within each day, written chunk by chunk at their place; the
        // pre-aggregated tables summed from each chunk as it passes.
        let limits = narrowColumns
            ? RowTableImage.CodeLimits(dictionarySizes: frame.dictionaries.map(\.count), tagSetCount: frame.tagSetCount)
            : RowTableImage.CodeLimits.wide
        var raw = RawTableStream(rowCount: rowCount, days: days, codeLimits: limits, start: header.count)
        var aggregateSet = AggregateSet(dictionaries: frame.dictionaries, rawRowCount: rowCount)
        var sink = BlockSink(fileSystem: fileSystem, descriptor: descriptor, path: path, offset: raw.end)
        while let (contents, rows) = try nextChunk() {
            let chunk = RowClustering.rawImage(contents, rows: rows)
            try raw.write(chunk, to: sink)
            aggregateSet.add(chunk)
        }
        let aggregates = aggregateSet.finished()
        var blocks = raw.blocks
        let (dayStarts, groupSums) = raw.finished()
        blocks.append(try sink.block(name: "daystarts", kind: .int64, values: dayStarts))
        blocks.append(try sink.block(name: "groupsums", kind: .int64, values: groupSums))
        for (index, dimension) in FixedDimension.allCases.enumerated() {
            blocks.append(try sink.strings(name: "dict:\(dimension.rawValue)", frame.dictionaries[index]))
            if !frame.labels[index].isEmpty {
                blocks.append(try sink.strings(name: "labels:\(dimension.rawValue)", frame.labels[index]))
            }
        }
        blocks.append(try sink.strings(name: "tagkeys", frame.tagKeys))
        blocks.append(try sink.block(name: "tagsets", kind: .uint32, values: frame.tagSets))
        for (index, values) in frame.tagValues.enumerated() {
            blocks.append(try sink.strings(name: "tagdict:\(index)", values))
        }
        for aggregate in aggregates { try writeTable(aggregate, limits: limits, into: &sink, blocks: &blocks) }

        let footer = CacheFooter(
            formatVersion: CacheFormat.version, createdBy: createdBy, rowCount: rowCount,
            tagKeyCount: frame.tagKeys.count, tagSetCount: frame.tagSetCount,
            blocks: blocks, sources: frame.sources, settings: frame.settings,
            rowGroupRows: CacheFormat.rowGroupRows, firstDay: days?.lowerBound ?? 0,
            aggregates: aggregates.map {
                AggregateEntry(prefix: $0.prefix, dimensions: $0.clusterDimensions.map(\.rawValue),
                               rowCount: $0.rowCount, firstDay: $0.firstDay)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let footerBytes: [UInt8]
        do {
            footerBytes = Array(try encoder.encode(footer))
        } catch {
            throw CacheError.io(path: sink.path, reason: "cannot encode footer: \(error)")
        }
        try sink.pad()
        let footerOffset = sink.offset
        try sink.raw(footerBytes)
        var trailer = littleEndianBytes(UInt64(footerOffset))
        trailer += littleEndianBytes(UInt64(footerBytes.count))
        trailer += littleEndianBytes(footerBytes.withUnsafeBytes { XXH64.hash($0) })
        trailer += littleEndianBytes(CacheFormat.version)
        trailer += littleEndianBytes(UInt32(0))
        trailer += CacheFormat.magic
        try sink.raw(trailer)
        try sink.flush()
    }
}

extension CacheWriter {
    /// Writes one row table held whole in memory (an aggregate): its row-aligned columns (checked
    /// per row group, on first use), its day index and the checksums of its row groups.
    private func writeTable(_ table: RowTableImage, limits: RowTableImage.CodeLimits, into sink: inout BlockSink,
                            blocks: inout [BlockEntry]) throws {
        var groupSums: [Int64] = []
        let specs = table.columnSpecs(codeLimits: limits)
        try table.forEachColumn(specs, dayBase: table.firstDay) { index, bytes in
            let kind = specs[index].kind
            groupSums += RowTableImage.groupChecksums(bytes, width: kind.width!, rows: table.rowCount,
                                                      groupRows: CacheFormat.rowGroupRows)
            blocks.append(try sink.block(name: table.prefix + specs[index].name, kind: kind, bytes: bytes,
                                         count: table.rowCount, checksum: CacheFormat.perRowGroupChecksum))
        }
        blocks.append(try sink.block(name: table.prefix + "daystarts", kind: .int64, values: table.dayStarts()))
        blocks.append(try sink.block(name: table.prefix + "groupsums", kind: .int64, values: groupSums))
    }
}

/// A cache's raw rows handed to `CacheWriter` a chunk of whole days at a time, so that a table
/// larger than memory can be written: `next` returns each chunk (rows, dimension codes, tag sets
/// and measures; the dictionaries are the frame's) in day order, a day never split between two,
/// then nil. The row count and the span of days are given up front: they fix the columns' widths
/// and places in the file.
public struct CacheRowChunks {
    /// The rows all chunks hold together.
    public var rowCount: Int
    /// The first and last day among them (nil for none).
    public var days: ClosedRange<Int32>?
    /// The next chunk, or nil after the last.
    public var next: () throws -> CacheContents?

    public init(rowCount: Int, days: ClosedRange<Int32>?, next: @escaping () throws -> CacheContents?) {
        self.rowCount = rowCount
        self.days = days
        self.next = next
    }
}

func littleEndianBytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
}
