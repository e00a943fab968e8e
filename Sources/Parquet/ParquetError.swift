/// Why a Parquet file could not be read: always names the file and what is wrong with it.
///
/// Every malformed input ends here rather than in a trap, so callers can report the file and keep the
/// previous cache.
public struct ParquetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, in categories a caller may want to tell apart.
    public enum Kind: Sendable, Equatable {
        /// The file is not Parquet at all (magic bytes, footer length) or is cut short.
        case notParquet
        /// The footer's Thrift metadata does not decode or contradicts itself.
        case badMetadata
        /// A page, its levels or its values are damaged or inconsistent with the metadata.
        case badData
        /// A valid Parquet feature this reader does not implement (a codec, an encoding, encryption).
        case unsupported
        /// A value cannot be converted as asked (wrong type, overflow).
        case conversion
        /// A declared size exceeds the reader's limits (see `ParquetLimits`).
        case limitExceeded
        /// The caller asked for a row group or column the file does not have.
        case invalidRequest
    }

    /// The category of the failure.
    public let kind: Kind
    /// The file's path as given to `ParquetFile`.
    public let path: String
    /// What is wrong, in words.
    public let message: String

    /// Creates an error for `path`.
    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    /// "`path`: message", the form printed to users.
    public var description: String { "\(path): \(message)" }
}

/// A failure found below the file level, before the path is known; `ParquetFile` adds the path.
struct DecodeFailure: Error {
    let kind: ParquetError.Kind
    let message: String

    init(_ kind: ParquetError.Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func data(_ message: String) -> DecodeFailure { DecodeFailure(.badData, message) }
    static func metadata(_ message: String) -> DecodeFailure { DecodeFailure(.badMetadata, message) }
    static func unsupported(_ message: String) -> DecodeFailure { DecodeFailure(.unsupported, message) }
}
