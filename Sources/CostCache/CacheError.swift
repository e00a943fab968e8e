/// Why a cache file could not be read or written. Every case names the file.
public enum CacheError: Error, CustomStringConvertible, Equatable {
    /// No cache exists at the path.
    case missing(path: String)
    /// The file is not a costtop cache, or is damaged (bad magic, checksum, truncated, ...).
    case corrupt(path: String, reason: String)
    /// The cache was written by a format version this build cannot read.
    case unsupportedVersion(path: String, found: UInt32, supported: ClosedRange<UInt32>)
    /// A system call failed.
    case io(path: String, reason: String)
    /// The cache holds no line items (written with `ingest --allow-empty`): nothing to explore.
    case empty(path: String)
    /// Another ingest holds the cache's lock (and the caller asked not to wait).
    case locked(path: String, holder: Int32?)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no cache here; run `costtop ingest PATH...` first"
        case .corrupt(let path, let reason):
            return "\(path): not a valid costtop cache (\(reason)); rebuild it with `costtop ingest --fresh PATH...`"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path): cache format version \(found) is not supported by this costtop "
                + "(reads \(supported.lowerBound)...\(supported.upperBound)); rebuild it with `costtop ingest --fresh PATH...`"
        case .io(let path, let reason):
            return "\(path): \(reason)"
        case .empty(let path):
            return "\(path): the cache holds no line items; run `costtop ingest PATH...` with exports first"
        case .locked(let path, let holder):
            return "\(path): locked by \(holder.map { "pid \($0)" } ?? "another process") (an ingest is writing it); "
                + "try again when it is done, or leave out --no-wait to wait for it"
        }
    }
}
