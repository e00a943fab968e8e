import CostCache
import CostModel

/// Daily cost series for every node the detector examines, built in one pass over the rows:
/// account, account/service, account/service/usage type, region, and each tag key's values.
struct NodeSeries {
    private enum Node {
        case account(UInt32)
        case service(UInt32, UInt32)
        case usageType(UInt32, UInt32, UInt32)
        case region(UInt32)
        case tag(Int, UInt32)
    }

    private let cache: CacheFile
    private var nodes: [Node] = []
    private var values: [Double] = []
    private let days: Int
    private var childIndex: [Int: [Int]] = [:]
    /// Days with no data at all in the bill.
    private(set) var missing: [Bool]
    /// Whether the last day looks incomplete (its bill is under half the median of the week before).
    private(set) var partialLast = false
    /// The median daily total of the usage examined.
    private(set) var medianDailyTotal = 0.0

    var count: Int { nodes.count }

    init(cache: CacheFile, range: DayRange, metric: Metric) throws {
        self.cache = cache
        days = range.dayCount
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
        var index: [UInt64: Int] = [:]
        var totals = [Double](repeating: 0, count: days)

        func node(_ key: UInt64, _ make: @autoclosure () -> Node, parent: Int?) -> Int {
            if let existing = index[key] { return existing }
            let position = nodes.count
            index[key] = position
            nodes.append(make())
            values.append(contentsOf: repeatElement(0, count: days))
            if let parent { childIndex[parent, default: []].append(position) }
            return position
        }
        // Keys pack a kind tag (top 3 bits) and up to three 20-bit codes.
        func pack(_ kind: UInt64, _ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0) -> UInt64 {
            kind << 61 | UInt64(a & 0xFFFFF) << 40 | UInt64(b & 0xFFFFF) << 20 | UInt64(c & 0xFFFFF)
        }
        for row in cache.rows(in: range) {
            let day = Int(cache.days[row] - range.from.index)
            missing[day] = false
            guard let usageCharge, charges[row] == usageCharge else { continue }
            let value = Double(measure[row]) / 1e9
            totals[day] += value
            let account = accounts[row], service = services[row], usage = usageTypes[row]
            let accountNode = node(pack(1, account), .account(account), parent: nil)
            let serviceNode = node(pack(2, account, service), .service(account, service), parent: accountNode)
            let usageNode = node(pack(3, account, service, usage), .usageType(account, service, usage), parent: serviceNode)
            values[accountNode * days + day] += value
            values[serviceNode * days + day] += value
            values[usageNode * days + day] += value
            let regionNode = node(pack(4, regions[row]), .region(regions[row]), parent: nil)
            values[regionNode * days + day] += value
            let tagSet = Int(cache.tagSetCodes[row])
            for key in 0..<keyCount {
                let code = cache.tagSets[tagSet * keyCount + key]
                let tagNode = node(pack(5, UInt32(key), code), .tag(key, code), parent: nil)
                values[tagNode * days + day] += value
            }
        }
        medianDailyTotal = median((0..<days).filter { !missing[$0] }.map { totals[$0] })
        if days > 8, !missing[days - 1] {
            let week = (days - 8..<days - 1).filter { !missing[$0] }.map { totals[$0] }
            partialLast = !week.isEmpty && totals[days - 1] < 0.5 * median(week)
        }
    }

    func series(_ node: Int) -> [Double] { Array(values[(node * days)..<((node + 1) * days)]) }

    func children(of node: Int) -> [Int] { childIndex[node] ?? [] }

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
        }
    }
}
