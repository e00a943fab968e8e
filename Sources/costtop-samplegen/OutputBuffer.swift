/// A large byte buffer that rows are formatted into, handed to a `ByteSink` in big chunks.
///
/// The writers produce hundreds of thousands of rows a second, so field appends are unchecked
/// pointer writes; `beginRow()` guarantees room for one whole row first (rows are far smaller
/// than `rowReserve`).
final class OutputBuffer {
    private static let capacity = 1 << 20
    private static let rowReserve = 64 * 1024

    private let sink: ByteSink
    private let storage: UnsafeMutablePointer<UInt8>
    private let arena: UnsafePointer<UInt8>
    // Held only to keep `arena` alive.
    private let textOwner: FrozenText
    private var count = 0
    /// Bytes handed to the sink so far plus those still buffered.
    private(set) var totalBytes: Int64 = 0

    /// A buffer writing to `sink`, copying catalog text from `text`.
    init(sink: ByteSink, text: FrozenText) {
        self.sink = sink
        textOwner = text
        arena = text.base
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: OutputBuffer.capacity)
    }

    deinit { storage.deallocate() }

    /// Makes room for one row, flushing to the sink when the buffer is nearly full.
    @inline(__always)
    func beginRow() throws {
        if count > OutputBuffer.capacity - OutputBuffer.rowReserve { try flush() }
    }

    /// Hands everything buffered to the sink.
    func flush() throws {
        if count > 0 {
            try sink.write(UnsafeRawBufferPointer(start: storage, count: count))
            count = 0
        }
    }

    /// Flushes and closes the sink.
    func close() throws {
        try flush()
        try sink.close()
    }

    /// One byte.
    @inline(__always)
    func byte(_ value: UInt8) {
        storage[count] = value
        count += 1
        totalBytes += 1
    }

    /// A field separator.
    @inline(__always)
    func comma() { byte(UInt8(ascii: ",")) }

    /// The end of a row.
    @inline(__always)
    func newline() { byte(10) }

    /// Catalog text, already CSV-encoded.
    @inline(__always)
    func text(_ ref: TextRef) {
        let length = Int(ref.count)
        (storage + count).update(from: arena + Int(ref.start), count: length)
        count += length
        totalBytes += Int64(length)
    }

    /// Bytes that need no escaping (precomputed timestamps, constants).
    @inline(__always)
    func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
        (storage + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
        totalBytes += Int64(bytes.count)
    }

    /// A fixed-point amount in plain decimal.
    @inline(__always)
    func amount(_ value: Amount) {
        let length = Amount.format(value.raw, into: storage + count)
        count += length
        totalBytes += Int64(length)
    }

    /// A field with an amount, or an empty field when `present` is false.
    @inline(__always)
    func optionalAmount(_ value: Amount, _ present: Bool) {
        if present { amount(value) }
    }

    /// Raw writes for generated identifiers: `length` bytes produced by `body` at the cursor.
    @inline(__always)
    func generate(_ length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        body(storage + count)
        count += length
        totalBytes += Int64(length)
    }
}
