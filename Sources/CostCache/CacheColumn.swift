import CostModel

/// A row-aligned column of a row table, named for lazy verification (`CacheFile.verify`).
public enum CacheColumn: Hashable, Sendable {
    case day
    case dimension(FixedDimension)
    case tagSet
    case measure(Measure)

    /// Every row-aligned column of the raw rows.
    public static let all: [CacheColumn] = [.day] + FixedDimension.allCases.map { .dimension($0) } + [.tagSet]
        + Measure.allCases.map { .measure($0) }
}
