/// Decoded non-null values of one column, in columnar arrays; only the array of the column's
/// physical type is used.
///
/// Byte arrays are one byte buffer with `count + 1` offsets; fixed-length byte arrays and INT96 are
/// one byte buffer of `count * width` bytes. Nulls are not stored here: the definition levels say
/// where they are.
///
/// A dictionary-encoded BYTE_ARRAY column is kept *indexed*: `bytes` and `offsets` hold a pool (the
/// dictionary, then any values of plainly encoded pages) and `indices` says which pool entry each
/// value is. The strings are then not copied once per value, and a reader can work once per pool
/// entry (`poolCount`, `poolRange`) instead of once per row. `byteRange` hides the difference.
public struct ValueStore: Sendable {
    /// The physical type of the values.
    public let physicalType: PhysicalType
    /// Bytes per value for FIXED_LEN_BYTE_ARRAY (12 for INT96), else 0.
    public let width: Int
    /// Number of values stored.
    public internal(set) var count = 0
    /// BOOLEAN values.
    public internal(set) var booleans: [Bool] = []
    /// INT32 values.
    public internal(set) var int32s: [Int32] = []
    /// INT64 values.
    public internal(set) var int64s: [Int64] = []
    /// FLOAT values.
    public internal(set) var floats: [Float] = []
    /// DOUBLE values.
    public internal(set) var doubles: [Double] = []
    /// The bytes of BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96 values, back to back.
    public internal(set) var bytes: [UInt8] = []
    /// For BYTE_ARRAY, pool entry `i` is `bytes[offsets[i]..<offsets[i + 1]]` (entry `i` is value
    /// `i` unless the store is indexed).
    public internal(set) var offsets: [Int] = [0]
    /// Whether values are `indices` into the pool of byte arrays (dictionary-encoded BYTE_ARRAY).
    public internal(set) var isIndexed = false
    /// For an indexed store, the pool entry of each value.
    public internal(set) var indices: [UInt32] = []
    /// Where the chunk's dictionary starts in the pool of an indexed store.
    var dictionaryBase = 0
    /// Values the chunk is expected to hold (bounded by the reader): an indexed store reserves its
    /// indices for them, rather than growing them by doubling and copying.
    var expectedCount = 0

    /// Most bytes `bytes` may hold: a dictionary or delta encoding can repeat a long value many
    /// times from a few bytes, so byte-array growth is bounded separately (`ParquetLimits`).
    let byteLimit: Int

    init(physicalType: PhysicalType, width: Int, byteLimit: Int = .max) {
        self.physicalType = physicalType
        self.width = width
        self.byteLimit = byteLimit
    }

    @inline(__always)
    private func checkRoom(_ more: Int) throws {
        if more > byteLimit - bytes.count {
            throw DecodeFailure(.limitExceeded, "column values exceed the limit of \(byteLimit) bytes per column chunk")
        }
    }

    /// The byte range of value `index` in `bytes` (byte-array, fixed-length and INT96 columns).
    @inline(__always)
    public func byteRange(_ index: Int) -> Range<Int> {
        if physicalType == .byteArray {
            let entry = isIndexed ? Int(indices[index]) : index
            return offsets[entry]..<offsets[entry + 1]
        }
        return index * width..<(index + 1) * width
    }

    /// Entries in the pool of byte arrays: `count` unless the store is indexed.
    public var poolCount: Int { physicalType == .byteArray ? offsets.count - 1 : count }

    /// The byte range of pool entry `entry` (BYTE_ARRAY columns).
    @inline(__always)
    public func poolRange(_ entry: Int) -> Range<Int> { offsets[entry]..<offsets[entry + 1] }

    // MARK: - Indexed byte arrays

    /// Makes a BYTE_ARRAY store indexed with `dictionary` in its pool: shared without a copy when
    /// nothing was decoded yet (the usual case: the dictionary page comes first), else appended
    /// after the values already there, which become pool entries of their own.
    mutating func becomeIndexed(dictionary: ValueStore) throws {
        precondition(physicalType == .byteArray && !isIndexed)
        if count == 0 {
            bytes = dictionary.bytes
            offsets = dictionary.offsets
            dictionaryBase = 0
        } else {
            indices = (0..<count).map { UInt32($0) }
            dictionaryBase = count
            try appendPool(dictionary)
        }
        indices.reserveCapacity(expectedCount)
        isIndexed = true
    }

    /// Appends the values of a BYTE_ARRAY store to the pool (not to the values).
    private mutating func appendPool(_ other: ValueStore) throws {
        try checkRoom(other.bytes.count)
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.append(contentsOf: other.offsets.dropFirst().lazy.map { $0 + base })
    }

    /// Appends the plainly decoded values of `other` to an indexed store: each becomes a pool entry.
    mutating func appendIndexed(_ other: ValueStore) throws {
        precondition(isIndexed && other.physicalType == .byteArray && !other.isIndexed)
        let first = poolCount
        guard first + other.count <= Int(UInt32.max) else { throw DecodeFailure(.limitExceeded, "too many byte-array values in a column chunk") }
        try appendPool(other)
        indices.append(contentsOf: (first..<first + other.count).lazy.map { UInt32($0) })
        count += other.count
    }

    /// Reserves room for `more` values (already bounded by the caller's limits).
    mutating func reserve(_ more: Int) {
        switch physicalType {
        case .boolean: booleans.reserveCapacity(count + more)
        case .int32: int32s.reserveCapacity(count + more)
        case .int64: int64s.reserveCapacity(count + more)
        case .float: floats.reserveCapacity(count + more)
        case .double: doubles.reserveCapacity(count + more)
        case .byteArray: offsets.reserveCapacity(count + more + 1)
        case .int96, .fixedLenByteArray: bytes.reserveCapacity(bytes.count + more * width)
        }
    }

    /// Checks that `more` bytes fit the limit and reserves them.
    mutating func reserveBytes(_ more: Int) throws {
        try checkRoom(more)
        bytes.reserveCapacity(bytes.count + more)
    }

    /// Appends one byte-array value.
    @inline(__always)
    mutating func appendBytes(_ source: UnsafeRawBufferPointer) throws {
        try checkRoom(source.count)
        bytes.append(contentsOf: source)
        if physicalType == .byteArray { offsets.append(bytes.count) }
        count += 1
    }

    /// Appends value `index` of `other` (same type), as a dictionary lookup does.
    @inline(__always)
    mutating func append(from other: ValueStore, at index: Int) throws {
        switch physicalType {
        case .boolean: booleans.append(other.booleans[index])
        case .int32: int32s.append(other.int32s[index])
        case .int64: int64s.append(other.int64s[index])
        case .float: floats.append(other.floats[index])
        case .double: doubles.append(other.doubles[index])
        case .byteArray, .int96, .fixedLenByteArray:
            let range = other.byteRange(index)
            try checkRoom(range.count)
            bytes.append(contentsOf: other.bytes[range])
            if physicalType == .byteArray { offsets.append(bytes.count) }
        }
        count += 1
    }

    /// Appends `n` little-endian fixed-width numbers copied straight from page bytes (which hold at
    /// least that many; page bytes are not aligned, so this is a byte copy).
    mutating func appendRaw(_ source: UnsafeRawBufferPointer, count n: Int) throws {
        func copy<T>(_ array: inout [T], _ zero: T) {
            // Copied into a new array and appended in one copy (no zero fill element by element).
            let values = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source.baseAddress!, byteCount: n * MemoryLayout<T>.stride)
                initialized = n
            }
            array.append(contentsOf: values)
        }
        guard n > 0 else { return }
        switch physicalType {
        case .int32: copy(&int32s, 0)
        case .int64: copy(&int64s, 0)
        case .float: copy(&floats, 0)
        case .double: copy(&doubles, 0)
        case .int96, .fixedLenByteArray:
            try checkRoom(n * width)
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[0..<n * width]))
        case .boolean, .byteArray: preconditionFailure("appendRaw on \(physicalType)")
        }
        count += n
    }
}
