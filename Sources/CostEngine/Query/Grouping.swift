import CostCache
import CostModel

/// How rows map to groups for one `groupBy` dimension, and how a group becomes a row of the answer.
struct Grouping {
    private enum Kind {
        case fixed(CodeColumn, StringTable, StringTable?)
        case tag(keyIndex: Int, keyCount: Int, StringTable)
        case category(CategoryColumn)
        case day(first: Int32)
        case month(firstMonth: Int)
    }

    private let kind: Kind
    private let cache: CacheFile
    private let missingLabel: String
    /// Number of distinct group indexes.
    let groupCount: Int

    init(_ dimension: CostDimension, cache: CacheFile, spec: QuerySpec, categories: CategoryColumns? = nil) throws {
        self.cache = cache
        missingLabel = dimension.missingLabel
        switch dimension {
        case .fixed(let fixed):
            let dictionary = cache.dictionary(fixed)
            kind = .fixed(cache.codes(fixed), dictionary, cache.labels(fixed))
            groupCount = max(1, dictionary.count)
        case .tag(let key):
            guard let keyIndex = cache.tagKeys.firstIndex(of: key) else {
                throw QueryError(Grouping.unknownTag(key, cache))
            }
            let values = cache.tagValues(keyIndex)
            kind = .tag(keyIndex: keyIndex, keyCount: cache.tagKeys.count, values)
            groupCount = max(1, values.count)
        case .category(let name):
            let column = try Grouping.categoryColumn(name, categories)
            kind = .category(column)
            groupCount = max(1, column.values.count)
        case .day:
            // Days are offsets into the period; the comparison period uses the same offsets.
            let longest = max(spec.period.dayCount, spec.comparison?.dayCount ?? 0)
            kind = .day(first: spec.period.from.index)
            groupCount = max(1, longest)
        case .month:
            let months = spec.period.to.monthIndex - spec.period.from.monthIndex + 1
            let comparisonMonths = spec.comparison.map { $0.to.monthIndex - $0.from.monthIndex + 1 } ?? 0
            kind = .month(firstMonth: spec.period.from.monthIndex)
            groupCount = max(1, max(months, comparisonMonths))
        }
    }

    /// The column of category `name`; without rules, an error saying where rules come from.
    static func categoryColumn(_ name: String, _ categories: CategoryColumns?) throws -> CategoryColumn {
        guard let categories else { throw QueryError("category:\(name) needs a rules file (--rules FILE)") }
        return try categories.column(name)
    }

    static func unknownTag(_ key: String, _ cache: CacheFile) -> String {
        let known = cache.tagKeys.isEmpty ? "none" : cache.tagKeys.joined(separator: ", ")
        return "no tag key \"\(key)\" in this cache (tag keys: \(known))"
    }

    /// For grouping by a coded column: the column, a base subtracted from each value (days count
    /// from the period's first day), and for tags the map from tag set to value code.
    func codeColumn(offsetFrom: Day) -> (codes: CodeColumn, base: UInt32, map: [UInt32])? {
        switch kind {
        case .fixed(let codes, _, _):
            return (codes, 0, [])
        case .tag(let keyIndex, let keyCount, _):
            let map = (0..<cache.tagSetCount).map { cache.tagSets[$0 * keyCount + keyIndex] }
            return (cache.tagSetCodes, 0, map)
        case .category(let column):
            return (CodeColumn(column.codes), 0, [])
        case .day:
            // Rows of a period lie inside it, so every offset is below the group count. The day
            // column holds offsets from its origin: the period's start is one more offset (wrapping).
            return (cache.days.offsets, UInt32(bitPattern: offsetFrom.index &- cache.days.origin), [])
        case .month:
            return nil
        }
    }

    /// The group index of a row, measured from `offsetFrom` for day and month grouping.
    @inline(__always)
    func group(of row: Int, offsetFrom: Day) -> Int? {
        switch kind {
        case .fixed(let codes, _, _):
            return Int(codes[row])
        case .tag(let keyIndex, let keyCount, _):
            return Int(cache.tagSets[Int(cache.tagSetCodes[row]) * keyCount + keyIndex])
        case .category(let column):
            return Int(column.codes[row])
        case .day:
            let offset = Int(cache.days[row] - offsetFrom.index)
            return offset < groupCount ? offset : nil
        case .month:
            let offset = Day(index: cache.days[row]).monthIndex - offsetFrom.monthIndex
            return offset < groupCount ? offset : nil
        }
    }

    /// An empty coverage row named like the answer row of group `code`.
    func coverageRow(code: Int) -> CoverageRow {
        let row = self.row(code: code, cost: 0, previous: 0)
        return CoverageRow(key: row.key, name: row.name)
    }

    /// The answer row of group `code`.
    func row(code: Int, cost: Int128, previous: Int128) -> QueryRow {
        switch kind {
        case .fixed(_, let dictionary, let labels):
            let name = labels.flatMap { code < $0.count && !$0[code].isEmpty ? $0[code] : nil }
            return QueryRow(key: code == 0 ? missingLabel : dictionary[code], name: name,
                            cost: cost, previous: previous, isMissing: code == 0)
        case .tag(_, _, let values):
            return QueryRow(key: code == 0 ? missingLabel : values[code], name: nil,
                            cost: cost, previous: previous, isMissing: code == 0)
        case .category(let column):
            // Every charge has a category value (the default catches the rest): nothing is missing.
            return QueryRow(key: column.values[code], name: nil, cost: cost, previous: previous, isMissing: false)
        case .day(let first):
            return QueryRow(key: Day(index: first).adding(days: code).description, name: nil,
                            cost: cost, previous: previous, isMissing: false)
        case .month(let firstMonth):
            return QueryRow(key: Day.firstDay(ofMonthIndex: firstMonth + code).monthDescription, name: nil,
                            cost: cost, previous: previous, isMissing: false)
        }
    }
}

/// A filter compiled to a lookup table over a column's codes.
struct CompiledFilter {
    private let codes: CodeColumn
    private let allowed: [Bool]

    /// The column the filter tests, and which of its codes pass.
    var codeColumn: CodeColumn { codes }
    var allowedTable: [Bool] { allowed }

    init(_ filter: Filter, cache: CacheFile, categories: CategoryColumns? = nil) throws {
        switch filter.dimension {
        case .fixed(let fixed):
            let dictionary = cache.dictionary(fixed)
            let target = filter.value == filter.dimension.missingLabel ? 0 : dictionary.index(of: filter.value)
            var allowed = [Bool](repeating: filter.exclude, count: dictionary.count)
            if let target, target > 0 || filter.value == filter.dimension.missingLabel { allowed[target] = !filter.exclude }
            codes = cache.codes(fixed)
            self.allowed = allowed
        case .tag(let key):
            guard let keyIndex = cache.tagKeys.firstIndex(of: key) else {
                throw QueryError(Grouping.unknownTag(key, cache))
            }
            let values = cache.tagValues(keyIndex)
            let target = filter.value == "(untagged)" ? 0 : values.index(of: filter.value)
            let keyCount = cache.tagKeys.count
            var allowed = [Bool](repeating: filter.exclude, count: cache.tagSetCount)
            if let target {
                for set in 0..<cache.tagSetCount where Int(cache.tagSets[set * keyCount + keyIndex]) == target {
                    allowed[set] = !filter.exclude
                }
            }
            codes = cache.tagSetCodes
            self.allowed = allowed
        case .category(let name):
            let column = try Grouping.categoryColumn(name, categories)
            var allowed = [Bool](repeating: filter.exclude, count: max(1, column.values.count))
            if let target = column.codeOf[filter.value] { allowed[Int(target)] = !filter.exclude }
            codes = CodeColumn(column.codes)
            self.allowed = allowed
        case .day, .month:
            throw QueryError("filter by \(filter.dimension) with --from/--to or --period instead")
        }
    }

    @inline(__always)
    func allows(_ row: Int) -> Bool { allowed[Int(codes[row])] }
}
