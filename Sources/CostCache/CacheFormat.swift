import CostModel

/// Constants and footer types of the cache file format, specified byte by byte in docs/cache-format.md.
///
/// These numbers must stay stable: a change to the layout bumps `version`.
public enum CacheFormat {
    /// 8 bytes at the start and at the very end of every cache file.
    public static let magic: [UInt8] = Array("COSTTOPC".utf8)
    /// The format version this build writes. Version 3 stores each code column (and the day
    /// column, as offsets from the table's first day) at the narrowest width it needs; version 2
    /// (clustered rows, day index, checksums per row group, pre-aggregated tables) is still read.
    /// Version 1 is refused with a clear error asking for `costtop ingest --fresh`.
    public static let version: UInt32 = 3
    /// The format versions this build reads.
    public static let readableVersions: ClosedRange<UInt32> = 2...3
    /// Rows per row group: the unit of lazy verification (one XXH64 per column per group).
    public static let rowGroupRows = 4096
    /// Within a day, raw rows are sorted by these dimensions' codes (so an account, or an account's
    /// service, or its usage type, is one run of rows per day).
    public static let clusterDimensions: [FixedDimension] = [.account, .service, .usageType]
    /// The checksum field of a row-aligned block: it is checked per row group (`groupsums`), on first use.
    public static let perRowGroupChecksum = "rowgroups"
    /// Header: magic (8) + version (4) + flags (4).
    public static let headerSize = 16
    /// Trailer: footer offset (8) + footer length (8) + footer XXH64 (8) + version (4) + zero (4) + magic (8).
    public static let trailerSize = 40
    /// Blocks start at multiples of this, so mapped columns are aligned for their element type.
    public static let alignment = 8
}

/// The kind of data in a block.
public enum BlockKind: String, Codable, Sendable {
    /// Little-endian `Int32` values.
    case int32
    /// `UInt8` values (format 3's narrow code and day-offset columns).
    case uint8
    /// Little-endian `UInt16` values (format 3's narrow code and day-offset columns).
    case uint16
    /// Little-endian `UInt32` values.
    case uint32
    /// Little-endian `Int64` values.
    case int64
    /// A string table: `UInt32` count, `UInt32` zero, `UInt32` offsets[count + 1], then UTF-8 bytes.
    case strings
}

extension BlockKind {
    /// Bytes per element (nil for a string table).
    public var width: Int? {
        switch self {
        case .uint8: return 1
        case .uint16: return 2
        case .int32, .uint32: return 4
        case .int64: return 8
        case .strings: return nil
        }
    }
}

/// Where a block lies in the file and how to check it.
public struct BlockEntry: Codable, Sendable, Equatable {
    /// The block's name, e.g. `day`, `dim:service`, `dict:service`, `measure:billed`.
    public var name: String
    public var kind: BlockKind
    /// Byte offset from the start of the file (a multiple of 8).
    public var offset: Int
    /// Length in bytes.
    public var length: Int
    /// Number of elements (values, or strings for a string table).
    public var count: Int
    /// XXH64 of the block's bytes, as 16 lowercase hex digits (a string, so JSON keeps all 64 bits).
    public var checksum: String
}

/// A raw export file folded into the cache, with the fingerprint a re-ingest compares.
public struct SourceRecord: Codable, Sendable, Equatable {
    /// Absolute path of the file.
    public var path: String
    /// Size in bytes when read.
    public var size: Int64
    /// Modification time in nanoseconds since the epoch when read.
    public var mtimeNanos: Int64
    /// Detected format, e.g. `aws-cur`, `aws-cur2`, `focus`.
    public var format: String
    /// Line items read from the file (rejected rows excluded).
    public var lineItems: Int64
    /// Line items rejected with `--keep-going`.
    public var rejected: Int64

    public init(path: String, size: Int64, mtimeNanos: Int64, format: String, lineItems: Int64, rejected: Int64) {
        self.path = path
        self.size = size
        self.mtimeNanos = mtimeNanos
        self.format = format
        self.lineItems = lineItems
        self.rejected = rejected
    }
}

/// The ingest choices that shape the rows; a re-ingest with other choices must re-read every source.
public struct IngestSettings: Codable, Sendable, Equatable {
    /// Whether resource ids were kept as a dimension.
    public var keepResources: Bool
    /// The tag keys kept, or nil for all keys.
    public var tagKeys: [String]?

    public init(keepResources: Bool, tagKeys: [String]?) {
        self.keepResources = keepResources
        self.tagKeys = tagKeys
    }
}

/// The JSON footer: the column directory, row count, sources and settings.
public struct CacheFooter: Codable, Sendable {
    public var formatVersion: UInt32
    public var createdBy: String
    public var rowCount: Int
    public var tagKeyCount: Int
    public var tagSetCount: Int
    public var blocks: [BlockEntry]
    public var sources: [SourceRecord]
    public var settings: IngestSettings
    /// Rows per row group of every row table (`CacheFormat.rowGroupRows` when written).
    public var rowGroupRows: Int
    /// The raw rows' first day (days since 1970-01-01); `daystarts` counts from it.
    public var firstDay: Int32
    /// The pre-aggregated tables, smallest first.
    public var aggregates: [AggregateEntry]
}

/// A pre-aggregated table: the raw rows summed by day and a few dimensions (docs/cache-format.md).
public struct AggregateEntry: Codable, Sendable, Equatable {
    /// Prefix of its blocks' names, e.g. `agg0:` (then `agg0:day`, `agg0:dim:account`, ...).
    public var prefix: String
    /// The dimensions it keeps, by name; its rows are sorted within a day by these codes, in this order.
    public var dimensions: [String]
    /// Number of rows.
    public var rowCount: Int
    /// Its first day.
    public var firstDay: Int32

    public init(prefix: String, dimensions: [String], rowCount: Int, firstDay: Int32) {
        self.prefix = prefix
        self.dimensions = dimensions
        self.rowCount = rowCount
        self.firstDay = firstDay
    }
}

/// The checksum text stored in block entries: XXH64 as 16 lowercase hex digits.
func checksumText(_ bytes: UnsafeRawBufferPointer) -> String {
    checksumText(XXH64.hash(bytes))
}

/// A checksum as the footer spells it: 16 lowercase hex digits.
func checksumText(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
