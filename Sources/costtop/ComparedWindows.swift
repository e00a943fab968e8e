import ArgumentParser
import CostCache
import CostEngine
import CostModel

/// The cache and the two windows `movers` and `report` compare: `--period` resolved against the
/// cache's days, `--compare` against that period.
struct ComparedWindows {
    let cache: CacheFile
    let period: DayRange
    let comparison: DayRange

    /// Checks `--period` and `--compare` as the commands' `validate()` does, naming the accepted forms.
    static func validate(period: String?, compare: String) throws {
        try PeriodOptions.check(period: period)
        if MoversComparison(compare) == nil {
            throw ValidationError("bad --compare '\(compare)'; use previous, last-month or YYYY-MM-DD..YYYY-MM-DD")
        }
    }

    /// Opens the cache and resolves the windows; `period` and `compare` were checked by the
    /// command's `validate()`.
    /// - Throws: the cache's errors, or `QueryError` when the cache holds no rows.
    init(cachePath: String, period: String?, compare: String, defaultPeriod: PeriodSpec) throws {
        cache = try CacheFile(path: cachePath)
        guard let data = cache.dayRange else {
            throw QueryError("the cache \(cache.path) holds no rows; ingest some exports first")
        }
        let spec = period.flatMap(PeriodSpec.init) ?? defaultPeriod
        self.period = spec.resolve(in: data)
        guard let comparison = MoversComparison(compare) else {
            throw QueryError("bad --compare '\(compare)'; use previous, last-month or YYYY-MM-DD..YYYY-MM-DD")
        }
        self.comparison = comparison.resolve(period: self.period, spec: spec)
    }
}
