import CostModel
import Foundation

/// A cache file mapped read-only, validated on open, with typed views of its columns.
///
/// Opening checks the magic and version at both ends, the footer checksum, every block's bounds and
/// checksum, that every dimension code is inside its dictionary and that days are sorted, so the engine
/// can index dense arrays by code without further checks. A damaged file is an error, never a crash.
public final class CacheFile: @unchecked Sendable {
    /// The file's path.
    public let path: String
    /// The decoded footer.
    public let footer: CacheFooter
    /// Number of rows.
    public let rowCount: Int
    /// Day of each row, non-decreasing.
    public let days: UnsafeBufferPointer<Int32>
    /// Tag set of each row.
    public let tagSetCodes: UnsafeBufferPointer<UInt32>
    /// Tag set matrix: `tagSets[set * tagKeys.count + key]` is a value code of that key.
    public let tagSets: UnsafeBufferPointer<UInt32>
    /// Tag keys in column order.
    public let tagKeys: [String]
    /// Number of tag sets.
    public let tagSetCount: Int

    private let base: UnsafeRawPointer?
    private let length: Int
    private let fileSystem: any FileSystem
    private let dimensionColumns: [UnsafeBufferPointer<UInt32>]
    private let dictionaries: [StringTable]
    private let labelTables: [StringTable?]
    private let tagValueTables: [StringTable]
    private let measureColumns: [UnsafeBufferPointer<Int64>]

    /// Maps and validates the cache at `path`.
    /// - Throws: `CacheError` naming the file and what is wrong with it.
    public init(path: String, fileSystem: any FileSystem = PosixFileSystem()) throws {
        self.path = path
        self.fileSystem = fileSystem
        let (base, length) = try fileSystem.mapReadOnly(path)
        self.base = base
        self.length = length
        do {
            let whole = UnsafeRawBufferPointer(start: base, count: length)
            let parsed = try CacheFile.parse(whole, path: path)
            footer = parsed.footer
            rowCount = parsed.footer.rowCount
            days = parsed.days
            tagSetCodes = parsed.tagSetCodes
            tagSets = parsed.tagSets
            tagKeys = parsed.tagKeys
            tagSetCount = parsed.footer.tagSetCount
            dimensionColumns = parsed.dimensionColumns
            dictionaries = parsed.dictionaries
            labelTables = parsed.labels
            tagValueTables = parsed.tagValues
            measureColumns = parsed.measures
        } catch {
            fileSystem.unmap(base, length)
            throw error
        }
    }

    deinit { fileSystem.unmap(base, length) }

    /// Codes of a fixed dimension, one per row.
    public func codes(_ dimension: FixedDimension) -> UnsafeBufferPointer<UInt32> {
        dimensionColumns[dimension.columnIndex]
    }

    /// The dictionary of a fixed dimension (code 0 is the missing value).
    public func dictionary(_ dimension: FixedDimension) -> StringTable { dictionaries[dimension.columnIndex] }

    /// Display names parallel to a dimension's dictionary (account names), when the data had them.
    public func labels(_ dimension: FixedDimension) -> StringTable? { labelTables[dimension.columnIndex] }

    /// The value dictionary of tag key number `keyIndex` (code 0 is untagged).
    public func tagValues(_ keyIndex: Int) -> StringTable { tagValueTables[keyIndex] }

    /// A measure column, one value per row.
    public func measure(_ measure: Measure) -> UnsafeBufferPointer<Int64> { measureColumns[measure.columnIndex] }

    /// The first and last day present, or nil for an empty cache.
    public var dayRange: DayRange? {
        guard rowCount > 0 else { return nil }
        return DayRange(from: Day(index: days[0]), to: Day(index: days[rowCount - 1]))
    }

    /// The first row whose day is not before `day` (binary search over the sorted day column).
    public func firstRow(onOrAfter day: Day) -> Int {
        var low = 0
        var high = rowCount
        while low < high {
            let mid = (low + high) / 2
            if days[mid] < day.index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The rows of an inclusive day range.
    public func rows(in range: DayRange) -> Range<Int> {
        let start = firstRow(onOrAfter: range.from)
        let end = firstRow(onOrAfter: range.to.adding(days: 1))
        return start..<max(start, end)
    }
}

extension FixedDimension {
    /// Position of this dimension among the cache's dimension columns (its place in `allCases`).
    @inlinable
    public var columnIndex: Int {
        switch self {
        case .provider: return 0
        case .billingAccount: return 1
        case .account: return 2
        case .service: return 3
        case .usageType: return 4
        case .region: return 5
        case .resource: return 6
        case .chargeCategory: return 7
        case .pricingCategory: return 8
        case .commitment: return 9
        case .commitmentType: return 10
        case .commitmentStatus: return 11
        case .currency: return 12
        case .source: return 13
        }
    }
}

extension Measure {
    /// Position of this measure among the cache's measure columns (its place in `allCases`).
    @inlinable
    public var columnIndex: Int {
        switch self {
        case .billed: return 0
        case .effective: return 1
        case .list: return 2
        case .usageQuantity: return 3
        case .commitmentUsed: return 4
        case .commitmentTotal: return 5
        case .coveredOnDemand: return 6
        case .lineItems: return 7
        }
    }
}
