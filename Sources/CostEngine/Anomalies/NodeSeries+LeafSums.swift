import CostCache
import CostModel

// MARK: - Views split by usage type

extension NodeSeries {
    /// Splits cross-cutting nodes by usage type: for each request (a region or tag-value node and a
    /// stretch of days), the cost of every account/service/usage-type leaf within that node over the
    /// days and over the `lookback` days before them. One pass over the rows serves every request,
    /// so folding a view into the hierarchy costs about one more read of the window.
    func leafSums(_ requests: [(node: Int, days: ClosedRange<Int>)], lookback: Int) -> [[Int: (actual: Double, before: Double)]] {
        var sums = [[Int: (actual: Double, before: Double)]](repeating: [:], count: requests.count)
        guard !requests.isEmpty else { return sums }
        var byRegion: [UInt32: [Int]] = [:]
        var byTag: [Int: [UInt32: [Int]]] = [:]
        var byCategory: [Int: [UInt32: [Int]]] = [:]
        var first = Int.max, last = Int.min
        for (position, request) in requests.enumerated() {
            first = min(first, max(0, request.days.lowerBound - lookback))
            last = max(last, request.days.upperBound)
            switch nodes[request.node] {
            case .region(let code): byRegion[code, default: []].append(position)
            case .tag(let key, let code): byTag[key, default: [:]][code, default: []].append(position)
            case .category(let index, let code): byCategory[index, default: [:]][code, default: []].append(position)
            default: continue
            }
        }
        let measure = cache.measure(metric.measure)
        let accounts = cache.codes(.account), services = cache.codes(.service), usageTypes = cache.codes(.usageType)
        let regions = cache.codes(.region), charges = cache.codes(.chargeCategory)
        guard let usageCharge = cache.dictionary(.chargeCategory).index(of: "Usage").map(UInt32.init) else { return sums }
        let keyCount = cache.tagKeys.count
        var matched: [Int] = []
        // Inside `range`, whose rows `init` checked.
        rowLoop: for row in cache.unverifiedRows(in: DayRange(from: range.from.adding(days: first), to: range.from.adding(days: last))) {
            guard charges[row] == usageCharge else { continue }
            for filter in filters where !filter.allows(row) { continue rowLoop }
            let day = Int(cache.days[row] - range.from.index)
            matched.removeAll(keepingCapacity: true)
            if let hit = byRegion[regions[row]] { matched.append(contentsOf: hit) }
            let tagSet = Int(cache.tagSetCodes[row])
            for (key, codes) in byTag {
                if let hit = codes[cache.tagSets[tagSet * keyCount + key]] { matched.append(contentsOf: hit) }
            }
            // A category value's view is split by the leaves of its own charges (what splits gave it
            // has no usage type of its own).
            for (index, codes) in byCategory {
                if let hit = codes[categories[index].column.codes[row]] { matched.append(contentsOf: hit) }
            }
            guard !matched.isEmpty,
                  let leaf = index[Self.pack(3, accounts[row], services[row], usageTypes[row])] else { continue }
            let value = Double(measure[row]) / 1e9
            for position in matched {
                let days = requests[position].days
                if days.contains(day) {
                    sums[position][leaf, default: (0, 0)].actual += value
                } else if day < days.lowerBound && day >= days.lowerBound - lookback {
                    sums[position][leaf, default: (0, 0)].before += value
                }
            }
        }
        return sums
    }
}
