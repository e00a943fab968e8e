/// How a leaf column's values are stored (Parquet's `Type`).
public enum PhysicalType: Int32, Sendable, CustomStringConvertible {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7

    /// The name used by the Parquet specification.
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

/// Whether a schema field is required, optional or repeated.
public enum Repetition: Int32, Sendable {
    case required = 0
    case optional = 1
    case repeated = 2
}

/// Parquet's `ConvertedType`, the annotation older writers use instead of `LogicalType`.
public enum ConvertedType: Int32, Sendable {
    case utf8 = 0, map, mapKeyValue, list, enumeration, decimal, date, timeMillis, timeMicros
    case timestampMillis, timestampMicros, uint8, uint16, uint32, uint64, int8, int16, int32, int64
    case json, bson, interval
}

/// The encodings a page's values or levels may use.
enum Encoding: Int32, CustomStringConvertible {
    case plain = 0
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9

    var description: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        }
    }

    /// Decodes a Thrift enum value, refusing ones this reader does not know.
    static func from(_ raw: Int32) throws -> Encoding {
        guard let encoding = Encoding(rawValue: raw) else { throw DecodeFailure.unsupported("unsupported encoding \(raw)") }
        return encoding
    }
}

/// The compression codecs of Parquet's `CompressionCodec`.
public enum CompressionCodec: Int32, Sendable, CustomStringConvertible {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    case lz4 = 5
    case zstd = 6
    case lz4Raw = 7

    /// The name used by the Parquet specification.
    public var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }
}
