/// Decoded non-null values of one column, in columnar arrays; only the array of the column's
/// physical type is used.
///
/// Byte arrays are one byte buffer with `count + 1` offsets; fixed-length byte arrays and INT96 are
/// one byte buffer of `count * width` bytes. Nulls are not stored here: the definition levels say
/// where they are.
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
    /// For BYTE_ARRAY, value `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    public internal(set) var offsets: [Int] = [0]

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
        if physicalType == .byteArray { return offsets[index]..<offsets[index + 1] }
        return index * width..<(index + 1) * width
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
            let start = array.count
            array.append(contentsOf: repeatElement(zero, count: n))
            array.withUnsafeMutableBytes { target in
                let size = MemoryLayout<T>.stride
                target.baseAddress!.advanced(by: start * size).copyMemory(from: source.baseAddress!, byteCount: n * size)
            }
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
