import CostModel

/// Everything a cache file holds, in memory, ready to be written by `CacheWriter`.
///
/// Rows must already be sorted by day. Dictionary code 0 of every dimension and tag key means
/// "missing" and its string is empty; real values start at code 1.
public struct CacheContents: Sendable {
    /// Day of each row; non-decreasing.
    public var days: [Int32] = []
    /// Per fixed dimension, the dictionary code of each row (indexed like `FixedDimension.allCases`).
    public var dimensionCodes: [[UInt32]] = Array(repeating: [], count: FixedDimension.allCases.count)
    /// Per fixed dimension, its dictionary (index = code).
    public var dictionaries: [[String]] = Array(repeating: [""], count: FixedDimension.allCases.count)
    /// Per fixed dimension, display names parallel to the dictionary (e.g. account names), or empty.
    public var labels: [[String]] = Array(repeating: [], count: FixedDimension.allCases.count)
    /// The tag set of each row: an index into `tagSets`; 0 is the empty tag set.
    public var tagSetCodes: [UInt32] = []
    /// Tag keys, in column order.
    public var tagKeys: [String] = []
    /// Per tag key, its value dictionary (index = code, 0 = untagged).
    public var tagValues: [[String]] = []
    /// Tag sets, flattened: tag set `s` holds value codes `tagSets[s * tagKeys.count ..< (s + 1) * tagKeys.count]`.
    public var tagSets: [UInt32] = []
    /// Number of tag sets (at least 1: the empty set).
    public var tagSetCount = 1
    /// Per measure (indexed like `Measure.allCases`), one value per row.
    public var measures: [[Int64]] = Array(repeating: [], count: Measure.allCases.count)
    /// The sources folded in.
    public var sources: [SourceRecord] = []
    /// The ingest settings used.
    public var settings = IngestSettings(keepResources: false, tagKeys: nil)
    public init() {}

    /// Number of rows.
    public var rowCount: Int { days.count }

}
