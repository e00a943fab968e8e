import CostCache
import CostModel

/// Daily cost series for every node the detector examines, built in one pass over the rows:
/// account, account/service, account/service/usage type, region, each tag key's values, and each
/// value of the rules file's cost categories (after their splits, as `costtop query` has them).
struct NodeSeries {
    enum Node {
        case account(UInt32)
        case service(UInt32, UInt32)
        case usageType(UInt32, UInt32, UInt32)
        case region(UInt32)
        case tag(Int, UInt32)
        /// A value of `categories[index]`.
        case category(Int, UInt32)
    }

    /// The categories examined: name and each row's value.
    let categories: [(name: String, column: CategoryColumn)]
    /// The selection (`--where`), compiled.
    let filters: [CompiledFilter]

    let cache: CacheFile
    let range: DayRange
    let metric: Metric
    private(set) var nodes: [Node] = []
    /// Each node's parent in the hierarchy (nil for accounts, regions and tag values).
    private var parents: [Int?] = []
    /// Node index by packed key (see `pack`), for the attribution pass.
    private(set) var index = NodeIndex()
    private let values: SeriesStore
    private let days: Int
    private var childIndex: [Int: [Int]] = [:]
    /// Days with no data at all in the bill.
    private(set) var missing: [Bool]
    /// Whether the last day looks incomplete (its bill is under half the median of the week before).
    private(set) var partialLast = false
    /// The median daily total of the usage examined.
    private(set) var medianDailyTotal = 0.0

    var count: Int { nodes.count }

    /// The series of `range` in `metric`, within `filters`; `engine` answers category steps and
    /// filters and splits each category's values as a query grouped by it would.
    init(cache: CacheFile, range: DayRange, metric: Metric, filters: [Filter] = [], engine: QueryEngine? = nil) throws {
        self.cache = cache
        self.filters = try filters.map { try CompiledFilter($0, cache: cache, categories: engine?.categories) }
        if let engine {
            categories = try engine.rules.categories.map { ($0.name, try engine.categories.column($0.name)) }
        } else {
            categories = []
        }
        self.range = range
        self.metric = metric
        days = range.dayCount
        values = SeriesStore(days: days)
        missing = Array(repeating: true, count: days)
        let measure = cache.measure(metric.measure)
        let accounts = cache.codes(.account)
        let services = cache.codes(.service)
        let usageTypes = cache.codes(.usageType)
        let regions = cache.codes(.region)
        let keyCount = cache.tagKeys.count
        // Usage only: monthly fees, taxes and credits land on the first of the month by design and
        // would read as a spike every month.
        let charges = cache.codes(.chargeCategory)
        let usageCharge = cache.dictionary(.chargeCategory).index(of: "Usage").map(UInt32.init)
        var totals = [Double](repeating: 0, count: days)

        func node(_ key: UInt64, _ make: @autoclosure () -> Node, parent: Int?) -> Int {
            if let existing = index[key] { return existing }
            let position = values.append()
            index.insert(key, position)
            nodes.append(make())
            parents.append(parent)
            if let parent { childIndex[parent, default: []].append(position) }
            return position
        }
        let compiled = self.filters, categoryColumns = categories
        // Regions, tag values and category values by code in flat tables (-1: no node yet), not
        // the hash table: every row looks up one of each, and hashing was a fifth of detection.
        // Nodes are still made, and numbered, in the order rows first show them.
        var accountNodes = [Int](repeating: -1, count: cache.dictionary(.account).count)
        var regionNodes = [Int](repeating: -1, count: cache.dictionary(.region).count)
        var tagNodes = (0..<keyCount).map { [Int](repeating: -1, count: cache.tagValues($0).count) }
        var categoryNodes = categoryColumns.map { [Int](repeating: -1, count: max(1, $0.column.values.count)) }
        // A row's three hierarchy nodes: from the day before's leaves where it had them, else
        // the account from a flat table, the service from the previous leaf when only the usage
        // type changed, the usage type from the hash table.
        var cursor = HierarchyCursor()
        var lastService: (account: UInt32, service: UInt32, node: Int)?
        // Check the row groups of the columns read here and by `leafSums`, not every column of the
        // rows (36 bytes a row instead of 132).
        let rows = cache.unverifiedRows(in: range)
        try cache.verify([rows], columns: Self.columns(filters, metric))
        // Rows come in day order: the day (and that it has data) changes once per day, not per row.
        var dayCode = Int32.min, day = 0
        rowLoop: for row in rows {
            if cache.days[row] != dayCode {
                dayCode = cache.days[row]
                day = Int(dayCode - range.from.index)
                values.beginDay(day)
                missing[day] = false
            }
            guard let usageCharge, charges[row] == usageCharge else { continue }
            for filter in compiled where !filter.allows(row) { continue rowLoop }
            let value = Double(measure[row]) / 1e9
            totals[day] += value
            let account = accounts[row], service = services[row], usage = usageTypes[row]
            let (accountNode, serviceNode, usageNode) = cursor.nodes(day: day, key: Self.pack(3, account, service, usage)) {
                if accountNodes[Int(account)] < 0 {
                    accountNodes[Int(account)] = node(Self.pack(1, account), .account(account), parent: nil)
                }
                let accountNode = accountNodes[Int(account)]
                let serviceNode: Int
                if let lastService, lastService.account == account, lastService.service == service {
                    serviceNode = lastService.node
                } else {
                    serviceNode = node(Self.pack(2, account, service), .service(account, service), parent: accountNode)
                }
                lastService = (account, service, serviceNode)
                return (accountNode, serviceNode,
                        node(Self.pack(3, account, service, usage), .usageType(account, service, usage), parent: serviceNode))
            }
            values.add(accountNode, value, day: day)
            values.add(serviceNode, value, day: day)
            values.add(usageNode, value, day: day)
            let region = regions[row]
            var regionNode = regionNodes[Int(region)]
            if regionNode < 0 {
                regionNode = node(Self.pack(4, region), .region(region), parent: nil)
                regionNodes[Int(region)] = regionNode
            }
            values.add(regionNode, value, day: day)
            let tagSet = Int(cache.tagSetCodes[row])
            for key in 0..<keyCount {
                let code = cache.tagSets[tagSet * keyCount + key]
                var tagNode = tagNodes[key][Int(code)]
                if tagNode < 0 {
                    tagNode = node(Self.pack(5, UInt32(key), code), .tag(key, code), parent: nil)
                    tagNodes[key][Int(code)] = tagNode
                }
                values.add(tagNode, value, day: day)
            }
            for (index, category) in categoryColumns.enumerated() {
                let code = category.column.codes[row]
                var categoryNode = categoryNodes[index][Int(code)]
                if categoryNode < 0 {
                    categoryNode = node(Self.pack(6, UInt32(index), code), .category(index, code), parent: nil)
                    categoryNodes[index][Int(code)] = categoryNode
                }
                values.add(categoryNode, value, day: day)
            }
        }
        values.finish()
        // Values that splits touch: their days after the splits, from the engine (usage only, as above).
        for (index, category) in categoryColumns.enumerated() {
            guard let engine, engine.rules.splits.contains(where: { $0.category == category.name }) else { continue }
            var spec = QuerySpec(groupBy: .category(category.name),
                                 filters: filters + [Filter(dimension: .fixed(.chargeCategory), value: "Usage", exclude: false)],
                                 period: range, comparison: nil, metric: metric)
            spec.includeSeries = true
            for row in try engine.run(spec).rows where row.allocation != nil {
                guard let code = category.column.codeOf[row.key] else { continue }
                let target = node(Self.pack(6, UInt32(index), code), .category(index, code), parent: nil)
                for day in 0..<min(days, row.series.count) { values.set(target, day: day, Double(row.series[day]) / 1e9) }
            }
        }
        medianDailyTotal = median((0..<days).filter { !missing[$0] }.map { totals[$0] })
        if days > 8, !missing[days - 1] {
            let week = (days - 8..<days - 1).filter { !missing[$0] }.map { totals[$0] }
            partialLast = !week.isEmpty && totals[days - 1] < 0.5 * median(week)
        }
    }

    /// The columns the series are built from: the hierarchy, region, tags, charge category, the
    /// day, the metric's measure, and the filters' columns.
    private static func columns(_ filters: [Filter], _ metric: Metric) -> [CacheColumn] {
        var columns: [CacheColumn] = [.day, .tagSet] + [FixedDimension.account, .service, .usageType, .region, .chargeCategory].map {
            .dimension($0)
        } + [.measure(metric.measure)]
        for filter in filters {
            switch filter.dimension {
            case .fixed(let dimension): columns.append(.dimension(dimension))
            case .tag: columns.append(.tagSet)
            case .day, .month: columns.append(.day)
            case .category: continue
            }
        }
        return columns
    }

    /// Keys pack a kind tag (top 3 bits) and up to three 20-bit codes.
    static func pack(_ kind: UInt64, _ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0) -> UInt64 {
        kind << 61 | UInt64(a & 0xFFFFF) << 40 | UInt64(b & 0xFFFFF) << 20 | UInt64(c & 0xFFFFF)
    }

    func series(_ node: Int) -> [Double] { Array(values.series(node)) }

    /// Every node's series, node after node (`count` × the days of the range), for a scan over
    /// all of them without a copy per series.
    func withAllSeries<Result>(_ body: (UnsafeBufferPointer<Double>) throws -> Result) rethrows -> Result {
        try body(values.all)
    }

    /// The days of each series.
    var dayCount: Int { days }

    func children(of node: Int) -> [Int] { childIndex[node] ?? [] }

    /// Whether `node` is `ancestor` or lies under it in the hierarchy.
    func isWithin(_ node: Int, _ ancestor: Int) -> Bool {
        var current: Int? = node
        while let step = current {
            if step == ancestor { return true }
            current = parents[step]
        }
        return false
    }

    /// Whether the node is a region or tag value: a cross-cutting view rather than the hierarchy.
    func isCrossCutting(_ node: Int) -> Bool {
        switch nodes[node] {
        case .region, .tag, .category: return true
        default: return false
        }
    }

    /// The node's path: dimension names and keys (missing values as `(none)` / `(untagged)`).
    func path(_ node: Int) -> [PathStep] {
        func name(_ dimension: FixedDimension, _ code: UInt32) -> PathStep {
            PathStep(dimension: dimension.rawValue, key: code == 0 ? "(none)" : cache.dictionary(dimension)[Int(code)])
        }
        switch nodes[node] {
        case .account(let account):
            return [name(.account, account)]
        case .service(let account, let service):
            return [name(.account, account), name(.service, service)]
        case .usageType(let account, let service, let usage):
            return [name(.account, account), name(.service, service), name(.usageType, usage)]
        case .region(let region):
            return [name(.region, region)]
        case .tag(let key, let code):
            return [PathStep(dimension: "tag:\(cache.tagKeys[key])", key: code == 0 ? "(untagged)" : cache.tagValues(key)[Int(code)])]
        case .category(let index, let code):
            return [PathStep(dimension: "category:\(categories[index].name)", key: categories[index].column.values[Int(code)])]
        }
    }
}
