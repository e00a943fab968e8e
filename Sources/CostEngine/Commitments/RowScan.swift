import CostCache
import CostModel

/// Rows of a period that pass filters, in one currency: the shared loop of the commitment analyses.
struct RowScan {
    let cache: CacheFile
    let rows: Range<Int>
    let filters: [CompiledFilter]
    let currencyCode: Int?
    let currencyName: String?

    init(cache: CacheFile, filters: [Filter], period: DayRange, currency: String?) throws {
        self.cache = cache
        rows = cache.rows(in: period)
        self.filters = try filters.map { try CompiledFilter($0, cache: cache) }
        // The currency asked for, else the one with the most billed cost in the period.
        let engine = QueryEngine(cache: cache)
        let chosen = try engine.run(QuerySpec(groupBy: .fixed(.service), filters: filters, period: period,
                                              comparison: nil, currency: currency)).currency
        currencyName = chosen
        currencyCode = chosen.flatMap { cache.dictionary(.currency).index(of: $0) }
    }

    func forEachRow(_ body: (Int) -> Void) {
        guard let currencyCode else { return }
        let currencies = cache.codes(.currency)
        rowLoop: for row in rows where Int(currencies[row]) == currencyCode {
            for filter in filters where !filter.allows(row) { continue rowLoop }
            body(row)
        }
    }
}
