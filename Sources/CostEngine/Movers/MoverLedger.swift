import CostCache
import CostModel

/// One pass over the rows of both windows: every row lands in its leaf (the node at the full
/// drill path) and its part of `WindowFigures` (usage by usage type, commitment, credits, ...).
///
/// Rows are classified by charge category (docs/movers.md): Usage rows without a commitment are
/// usage; rows with a commitment (covered usage, negations, Savings Plan and RI fees, unused
/// commitment) are commitment, except that covered usage's on-demand equivalent counts as usage;
/// Credit (and Adjustment rows without a commitment: discounts) are credits, Refund refunds, Tax
/// tax, other Purchase rows fees. Rows without a charge category are usage.
struct MoverLedger {
    /// A leaf: up to four codes of the drill path.
    struct Key: Hashable {
        var codes: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var depth: Int

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.depth == rhs.depth && lhs.codes.0 == rhs.codes.0 && lhs.codes.1 == rhs.codes.1
                && lhs.codes.2 == rhs.codes.2 && lhs.codes.3 == rhs.codes.3
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(depth)
            hasher.combine(codes.0)
            hasher.combine(codes.1)
            hasher.combine(codes.2)
            hasher.combine(codes.3)
        }

        subscript(level: Int) -> UInt32 {
            switch level {
            case 0: return codes.0
            case 1: return codes.1
            case 2: return codes.2
            default: return codes.3
            }
        }

        /// The ancestor at `depth` levels.
        func prefix(_ depth: Int) -> Key {
            var key = Key(depth: depth)
            if depth > 0 { key.codes.0 = codes.0 }
            if depth > 1 { key.codes.1 = codes.1 }
            if depth > 2 { key.codes.2 = codes.2 }
            if depth > 3 { key.codes.3 = codes.3 }
            return key
        }
    }

    private enum Part { case usage, covered, commitment, credits, refunds, tax, fees }

    /// The leaves, and their figures: `figures[2 * leaf]` the comparison window, `+ 1` the period
    /// (one flat array, mutated in place: no copy per row).
    private(set) var leaves: [Key] = []
    private(set) var figures: [WindowFigures] = []
    private var leafIndex: [Key: Int] = [:]
    /// Steps of the drill path (the depth of every leaf).
    private(set) var depth = 1
    /// The currency reported.
    private(set) var currency: String?

    init(cache: CacheFile, spec: MoversSpec, categories: CategoryColumns? = nil) throws {
        // Both windows are read below, every column of them: check them first.
        _ = try cache.rows(in: spec.period)
        _ = try cache.rows(in: spec.comparison)
        let columns = try spec.path.map { try PathColumn($0, cache: cache, categories: categories) }
        let filters = try spec.filters.map { try CompiledFilter($0, cache: cache, categories: categories) }
        let depth = columns.count
        self.depth = depth
        let metric = cache.measure(spec.metric.measure)
        let coveredOnDemand = cache.measure(.coveredOnDemand)
        let quantities = cache.measure(.usageQuantity)
        let usageTypes = cache.codes(.usageType)
        let commitments = cache.codes(.commitment)
        let pricing = cache.codes(.pricingCategory)
        let committed = cache.dictionary(.pricingCategory).index(of: "Committed").map(UInt32.init)
        let charges = cache.codes(.chargeCategory)
        let chargeNames = cache.dictionary(.chargeCategory)
        let partOfCharge: [Part?] = (0..<chargeNames.count).map { code in
            switch code == 0 ? "" : chargeNames[code] {
            case "", "Usage": return .usage
            case "Credit", "Adjustment": return .credits
            case "Refund": return .refunds
            case "Tax": return .tax
            case "Purchase": return .fees
            default: return nil
            }
        }
        let currencyCodes = cache.codes(.currency)
        let chosen = MoverLedger.largestCurrency(cache: cache, spec: spec, filters: filters)
        currency = chosen.map { cache.dictionary(.currency)[Int($0)] }
        guard let chosen else { return }

        for (window, range) in [spec.comparison, spec.period].enumerated() {
            rowLoop: for row in cache.unverifiedRows(in: range) where currencyCodes[row] == chosen {
                for filter in filters where !filter.allows(row) { continue rowLoop }
                var key = Key(depth: depth)
                for level in 0..<depth {
                    let code = columns[level].code(of: row)
                    switch level {
                    case 0: key.codes.0 = code
                    case 1: key.codes.1 = code
                    case 2: key.codes.2 = code
                    default: key.codes.3 = code
                    }
                }
                var part = partOfCharge[Int(charges[row])] ?? .fees
                let hasCommitment = commitments[row] != 0 || (committed != nil && pricing[row] == committed!)
                if hasCommitment { part = part == .usage ? .covered : .commitment }
                let cost = Int128(metric[row])
                let slot = 2 * leaf(for: key) + window
                switch part {
                case .usage:
                    figures[slot].usage[usageTypes[row], default: UsageFigures()]
                        .add(UsageFigures(cost: cost, quantity: Double(quantities[row])))
                case .covered:
                    let onDemand = Int128(coveredOnDemand[row])
                    figures[slot].usage[usageTypes[row], default: UsageFigures()]
                        .add(UsageFigures(cost: onDemand, quantity: Double(quantities[row])))
                    figures[slot].commitment += cost - onDemand
                case .commitment: figures[slot].commitment += cost
                case .credits: figures[slot].credits += cost
                case .refunds: figures[slot].refunds += cost
                case .tax: figures[slot].tax += cost
                case .fees: figures[slot].fees += cost
                }
            }
        }
    }

    /// Code of the step below a category value that holds what splits moved to or from it
    /// (`(allocated)`): split money has no service, account or usage type.
    static let allocatedCode = UInt32.max

    /// Adds `amount` (nano-units) of split money to category value `code` (the first step of the
    /// path) in `window` (0 the comparison, 1 the period), under its `(allocated)` step.
    mutating func addAllocated(_ amount: Int128, toValue code: UInt32, window: Int) {
        guard amount != 0 else { return }
        var key = Key(depth: depth)
        key.codes = (code, Self.allocatedCode, Self.allocatedCode, Self.allocatedCode)
        key = key.prefix(key.depth)
        figures[2 * leaf(for: key) + window].allocated += amount
    }

    /// The index of `key`'s leaf, added (with empty figures for both windows) on first sight.
    private mutating func leaf(for key: Key) -> Int {
        if let known = leafIndex[key] { return known }
        let leaf = leaves.count
        leafIndex[key] = leaf
        leaves.append(key)
        figures.append(contentsOf: [WindowFigures(), WindowFigures()])
        return leaf
    }

    /// The currency with the largest absolute cost over both windows (amounts in different
    /// currencies are never added).
    private static func largestCurrency(cache: CacheFile, spec: MoversSpec, filters: [CompiledFilter]) -> UInt32? {
        let codes = cache.codes(.currency)
        let metric = cache.measure(spec.metric.measure)
        var magnitude = [Int128](repeating: 0, count: max(1, cache.dictionary(.currency).count))
        var seen = [Bool](repeating: false, count: magnitude.count)
        for range in [spec.comparison, spec.period] {
            rowLoop: for row in cache.unverifiedRows(in: range) {
                for filter in filters where !filter.allows(row) { continue rowLoop }
                magnitude[Int(codes[row])] += abs(Int128(metric[row]))
                seen[Int(codes[row])] = true
            }
        }
        return magnitude.indices.filter { seen[$0] }.max { magnitude[$0] < magnitude[$1] }.map(UInt32.init)
    }
}

/// A drill-path dimension as a column of codes and their names.
struct PathColumn {
    let dimension: CostDimension
    private let codes: CodeColumn
    /// Tag keys map a row's tag set to the key's value code.
    private let tagMap: [UInt32]?
    private let names: (Int) -> String

    init(_ dimension: CostDimension, cache: CacheFile, categories: CategoryColumns? = nil) throws {
        self.dimension = dimension
        switch dimension {
        case .fixed(let fixed):
            codes = cache.codes(fixed)
            tagMap = nil
            let dictionary = cache.dictionary(fixed)
            names = { $0 == 0 ? dimension.missingLabel : dictionary[$0] }
        case .tag(let key):
            guard let keyIndex = cache.tagKeys.firstIndex(of: key) else { throw QueryError(Grouping.unknownTag(key, cache)) }
            let keyCount = cache.tagKeys.count
            codes = cache.tagSetCodes
            tagMap = (0..<cache.tagSetCount).map { cache.tagSets[$0 * keyCount + keyIndex] }
            let values = cache.tagValues(keyIndex)
            names = { $0 == 0 ? dimension.missingLabel : values[$0] }
        case .day, .month:
            throw QueryError("movers follow a drill path of columns and tags; \(dimension) cannot be one of its steps")
        case .category(let name):
            // The charges the rules give each value (direct cost); MoversAnalysis adds the splits.
            let column = try Grouping.categoryColumn(name, categories)
            codes = CodeColumn(column.codes)
            tagMap = nil
            names = { column.values[$0] }
        }
    }

    @inline(__always)
    func code(of row: Int) -> UInt32 {
        let code = codes[row]
        return tagMap.map { $0[Int(code)] } ?? code
    }

    /// The key shown for a code.
    func name(_ code: UInt32) -> String { code == MoverLedger.allocatedCode ? "(allocated)" : names(Int(code)) }
}
