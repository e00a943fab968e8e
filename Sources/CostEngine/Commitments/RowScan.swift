import CostCache
import CostModel

/// Rows of a period that pass filters, in one currency: the shared loop of the commitment analyses.
struct RowScan {
    let cache: CacheFile
    /// The period's rows that can pass the filters (narrowed to an account's runs when filtered by one), checked.
    let runs: [Range<Int>]
    let filters: [CompiledFilter]
    let currencyCode: Int?
    let currencyName: String?

    /// What an analysis reads besides the filters' columns and currency.
    struct Needs {
        /// Dimensions it reads.
        var dimensions: Set<FixedDimension>
        /// Other columns it reads (day, tag sets, measures).
        var columns: [CacheColumn]
        /// Whether a pre-aggregated table that keeps those dimensions may answer.
        var anyTable = true

        /// What telling eligible usage apart reads (charge and pricing category, usage type).
        static let eligibility = Needs(dimensions: [.chargeCategory, .pricingCategory, .usageType], columns: [])

        static func + (needs: Needs, columns: [CacheColumn]) -> Needs {
            var result = needs
            result.columns += columns
            return result
        }
    }

    /// - Parameter needs: what the caller reads of each row; `cache` of the scan is then the
    ///   smallest table that holds it (an aggregate when one keeps every dimension needed).
    init(cache: CacheFile, filters: [Filter], period: DayRange, currency: String?, categories: CategoryColumns? = nil,
         needs: Needs) throws {
        var dimensions = needs.dimensions.union([.currency])
        var anyTable = needs.anyTable
        var columns = needs.columns
        for filter in filters {
            switch filter.dimension {
            case .fixed(let fixed): dimensions.insert(fixed)
            case .tag: anyTable = false; columns.append(.tagSet)
            case .day, .month, .category: anyTable = false
            }
        }
        let table = anyTable ? cache.table(covering: dimensions) : cache
        self.cache = table
        runs = try QueryPlan.runs(table, period: period, filters: filters, columns: columns + dimensions.map { .dimension($0) })
        self.filters = try QueryPlan.residualFilters(filters, in: table).map {
            try CompiledFilter($0, cache: table, categories: categories)
        }
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
        for run in runs {
            rowLoop: for row in run where Int(currencies[row]) == currencyCode {
                for filter in filters where !filter.allows(row) { continue rowLoop }
                body(row)
            }
        }
    }
}
