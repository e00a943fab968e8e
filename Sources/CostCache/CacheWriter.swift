import CostModel
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Writes a cache file atomically: a temporary file in the same folder, fsync, rename over the
/// target, fsync of the folder. A reader never sees a half-written file, and a failure or a kill at
/// any point leaves the previous cache as it was.
public struct CacheWriter {
    private let fileSystem: any FileSystem
    private let createdBy: String
    private let narrowColumns: Bool

    /// - Parameters:
    ///   - fileSystem: the system-call funnel (tests pass one that fails on purpose).
    ///   - createdBy: the writer's name and version, recorded in the footer.
    ///   - narrowColumns: write each code and day column at the narrowest width it needs (the
    ///     default); false writes them all 4 bytes wide, the same data a reader must answer alike
    ///     (the tests compare the two).
    public init(fileSystem: any FileSystem = PosixFileSystem(), createdBy: String, narrowColumns: Bool = true) {
        self.fileSystem = fileSystem
        self.createdBy = createdBy
        self.narrowColumns = narrowColumns
    }

    /// The name of a writer's temporary file before its pid: `<cache>.tmp.`.
    static func temporaryPrefix(of path: String) -> String { path + ".tmp." }

    /// Writes `contents` to `path`, replacing any cache there only once the new one is complete.
    /// - Throws: `CacheError.io` naming the file when a system call fails; the old cache is untouched.
    public func write(_ contents: CacheContents, to path: String) throws {
        let directory = parentDirectory(of: path)
        try fileSystem.makeDirectories(directory)
        let temporary = CacheWriter.temporaryPrefix(of: path) + "\(getpid())"
        fileSystem.removeIfPresent(temporary)
        let descriptor = try fileSystem.createExclusive(temporary)
        var closed = false
        do {
            var sink = BlockSink(fileSystem: fileSystem, descriptor: descriptor, path: temporary)
            try writeBody(contents, into: &sink)
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

    private func writeBody(_ contents: CacheContents, into sink: inout BlockSink) throws {
        var header = CacheFormat.magic
        header += littleEndianBytes(CacheFormat.version)
        header += littleEndianBytes(UInt32(0))
        try sink.raw(header)

        // Raw rows clustered within each day, then the pre-aggregated tables built from them.
        let raw = RowClustering.rawImage(contents)
        let aggregates = AggregateBuilder.build(raw, dictionaries: contents.dictionaries)
        var blocks: [BlockEntry] = []
        let limits = narrowColumns
            ? RowTableImage.CodeLimits(dictionarySizes: contents.dictionaries.map(\.count), tagSetCount: contents.tagSetCount)
            : RowTableImage.CodeLimits.wide
        try writeTable(raw, limits: limits, into: &sink, blocks: &blocks)
        for (index, dimension) in FixedDimension.allCases.enumerated() {
            blocks.append(try sink.strings(name: "dict:\(dimension.rawValue)", contents.dictionaries[index]))
            if !contents.labels[index].isEmpty {
                blocks.append(try sink.strings(name: "labels:\(dimension.rawValue)", contents.labels[index]))
            }
        }
        blocks.append(try sink.strings(name: "tagkeys", contents.tagKeys))
        blocks.append(try sink.block(name: "tagsets", kind: .uint32, values: contents.tagSets))
        for (index, values) in contents.tagValues.enumerated() {
            blocks.append(try sink.strings(name: "tagdict:\(index)", values))
        }
        for aggregate in aggregates { try writeTable(aggregate, limits: limits, into: &sink, blocks: &blocks) }

        let footer = CacheFooter(
            formatVersion: CacheFormat.version, createdBy: createdBy, rowCount: contents.rowCount,
            tagKeyCount: contents.tagKeys.count, tagSetCount: contents.tagSetCount,
            blocks: blocks, sources: contents.sources, settings: contents.settings,
            rowGroupRows: CacheFormat.rowGroupRows, firstDay: raw.firstDay,
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
    /// Writes one row table: its row-aligned columns (checked per row group, on first use), its
    /// day index and the checksums of its row groups.
    private func writeTable(_ table: RowTableImage, limits: RowTableImage.CodeLimits, into sink: inout BlockSink,
                            blocks: inout [BlockEntry]) throws {
        var groupSums: [Int64] = []
        try table.forEachColumn(codeLimits: limits) { name, kind, bytes in
            let width = kind.width ?? 1
            groupSums += RowTableImage.groupChecksums(bytes, width: width, rows: table.rowCount,
                                                      groupRows: CacheFormat.rowGroupRows)
            blocks.append(try sink.block(name: name, kind: kind, bytes: bytes, count: table.rowCount,
                                         checksum: CacheFormat.perRowGroupChecksum))
        }
        blocks.append(try sink.block(name: table.prefix + "daystarts", kind: .int64, values: table.dayStarts()))
        blocks.append(try sink.block(name: table.prefix + "groupsums", kind: .int64, values: groupSums))
    }
}

/// Buffers writes and lays out aligned, checksummed blocks.
private struct BlockSink {
    let fileSystem: any FileSystem
    let descriptor: Int32
    let path: String
    private(set) var offset = 0
    private var buffer: [UInt8] = []

    init(fileSystem: any FileSystem, descriptor: Int32, path: String) {
        self.fileSystem = fileSystem
        self.descriptor = descriptor
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    mutating func raw(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { (pointer) throws in try append(pointer) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > 1 << 20 { try flush() }
        if bytes.count >= 1 << 20 {
            try fileSystem.writeAll(descriptor, bytes, path: path)
        } else {
            buffer.append(contentsOf: bytes)
        }
        offset += bytes.count
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { (pointer) throws in
            try fileSystem.writeAll(descriptor, pointer, path: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func pad() throws {
        let remainder = offset % CacheFormat.alignment
        if remainder != 0 { try raw(Array(repeating: 0, count: CacheFormat.alignment - remainder)) }
    }

    /// Writes fixed-width values (this format is little-endian, as is every machine costtop runs on).
    mutating func block<T: FixedWidthInteger>(name: String, kind: BlockKind, values: [T]) throws -> BlockEntry {
        try values.withUnsafeBytes { (pointer) throws -> BlockEntry in
            try block(name: name, kind: kind, bytes: pointer, count: values.count, checksum: checksumText(pointer))
        }
    }

    /// Writes `count` values' bytes as a block with the given checksum field.
    mutating func block(name: String, kind: BlockKind, bytes: UnsafeRawBufferPointer, count: Int,
                        checksum: String) throws -> BlockEntry {
        try pad()
        let start = offset
        try append(bytes)
        return BlockEntry(name: name, kind: kind, offset: start, length: offset - start, count: count, checksum: checksum)
    }

    mutating func strings(name: String, _ values: [String]) throws -> BlockEntry {
        var table: [UInt8] = []
        var offsets: [UInt32] = [0]
        var bytes: [UInt8] = []
        for value in values {
            bytes.append(contentsOf: value.utf8)
            offsets.append(UInt32(bytes.count))
        }
        table += littleEndianBytes(UInt32(values.count))
        table += littleEndianBytes(UInt32(0))
        for value in offsets { table += littleEndianBytes(value) }
        table += bytes
        try pad()
        let start = offset
        try raw(table)
        let checksum = table.withUnsafeBytes { checksumText($0) }
        return BlockEntry(name: name, kind: .strings, offset: start, length: table.count,
                          count: values.count, checksum: checksum)
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
