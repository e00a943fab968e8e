import CostCache
import CostModel

/// Rows of a period that pass filters, in one currency: the shared loop of the commitment analyses.
struct RowScan {
    let cache: CacheFile
    let rows: Range<Int>
    let filters: [CompiledFilter]
    let currencyCode: Int?
    let currencyName: String?

    init(cache: CacheFile, filters: [Filter], period: DayRange, currency: String?, categories: CategoryColumns? = nil) throws {
        self.cache = cache
        rows = try cache.rows(in: period)
        self.filters = try filters.map { try CompiledFilter($0, cache: cache, categories: categories) }
        // The currency asked for, else the only one, else the one with the most billed cost in the period.
        let currencies = cache.dictionary(.currency)
        let chosen: String?
        if let currency {
            guard currencies.index(of: currency) != nil else { throw QueryError("no costs in currency \(currency) in this cache") }
            chosen = currency
        } else if currencies.count == 2 {
            chosen = currencies[1]
        } else {
            chosen = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .fixed(.currency), filters: filters, period: period,
                                                                 comparison: nil)).rows.max { abs($0.cost) < abs($1.cost) }?.key
        }
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
