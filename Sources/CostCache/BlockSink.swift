/// Buffers the cache writer's writes and lays out aligned, checksummed blocks. Every write is
/// positional (`pwrite`), so the raw table's columns can be filled in at offsets laid out before
/// their rows arrive (`RawTableStream`) while the blocks after them are appended here.
struct BlockSink {
    let fileSystem: any FileSystem
    let descriptor: Int32
    let path: String
    /// The file offset of the next byte appended.
    private(set) var offset: Int
    private var buffer: [UInt8] = []
    private static let bufferSize = 1 << 20

    init(fileSystem: any FileSystem, descriptor: Int32, path: String, offset: Int = 0) {
        self.fileSystem = fileSystem
        self.descriptor = descriptor
        self.path = path
        self.offset = offset
        buffer.reserveCapacity(BlockSink.bufferSize)
    }

    mutating func raw(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { (pointer) throws in try append(pointer) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > BlockSink.bufferSize { try flush() }
        if bytes.count >= BlockSink.bufferSize {
            try fileSystem.writeAll(descriptor, bytes, at: offset, path: path)
        } else {
            buffer.append(contentsOf: bytes)
        }
        offset += bytes.count
    }

    /// Writes what is buffered (it ends at `offset`).
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let start = offset - buffer.count
        try buffer.withUnsafeBytes { (pointer) throws in
            try fileSystem.writeAll(descriptor, pointer, at: start, path: path)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Zero bytes up to the next multiple of `CacheFormat.alignment`.
    mutating func pad() throws {
        let padding = BlockSink.padding(after: offset)
        if padding != 0 { try raw(Array(repeating: 0, count: padding)) }
    }

    /// The zero bytes that follow `offset` before the next aligned block.
    static func padding(after offset: Int) -> Int {
        let remainder = offset % CacheFormat.alignment
        return remainder == 0 ? 0 : CacheFormat.alignment - remainder
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
