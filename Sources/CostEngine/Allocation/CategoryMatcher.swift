import CostCache
import CostModel

/// A cost category compiled against one cache, so a row's value costs a few table lookups however
/// many rules the category has.
///
/// How: every column a rule tests (a fixed dimension, or the tag-set column for all tag conditions
/// and tag inheritance) gets a table from code to a bit set of the rules whose conditions on that
/// column hold for the code (a rule that does not test the column has its bit set everywhere). A
/// row's matching rules are the AND of its columns' bit sets, and the first match is the lowest set
/// bit. The tables are built once per dictionary code, not per row.
final class CategoryMatcher: @unchecked Sendable {
    /// The category's values; a row's category code indexes this table.
    let values: [String]
    /// Code of each value, for filters and splits.
    let codeOf: [String: UInt32]

    private let cache: CacheFile
    private let words: Int
    /// The tested columns, and where each one's table (`dictionaryCount × words`) starts in `masks`.
    private let columns: [(codes: CodeColumn, offset: Int)]
    private let masks: [UInt64]
    /// The bits of real rules in each word (the last word is partly used).
    private let valid: [UInt64]
    /// Per rule: the value code of a `value:` rule, or `inheritFlag | index into inherits`.
    private let outcome: [UInt32]
    /// Per inheriting rule: the column read and its code → value code map.
    private let inherits: [(codes: CodeColumn, map: [UInt32])]
    private let defaultCode: UInt32
    private static let inheritFlag: UInt32 = 1 << 31

    /// Compiles `category` for `cache`; `extraValues` (split sources and targets) get codes even when
    /// no rule produces them.
    init(_ category: CostCategory, cache: CacheFile, extraValues: [String]) {
        self.cache = cache
        var values: [String] = []
        var codeOf: [String: UInt32] = [:]
        func intern(_ value: String) -> UInt32 {
            if let code = codeOf[value] { return code }
            let code = UInt32(values.count)
            values.append(value)
            codeOf[value] = code
            return code
        }
        defaultCode = intern(category.defaultValue)
        let ruleCount = category.rules.count
        let words = max(1, (ruleCount + 63) / 64)
        self.words = words
        valid = (0..<words).map { word in
            let bits = min(64, ruleCount - word * 64)
            return bits <= 0 ? 0 : (bits == 64 ? ~0 : (UInt64(1) << UInt64(bits)) - 1)
        }

        // One table per tested column, keyed by the column's name.
        var tables: [String: (codes: CodeColumn, masks: [UInt64])] = [:]
        var order: [String] = []
        let keyCount = cache.tagKeys.count
        func table(for dimension: CostDimension) -> String {
            let name: String
            let codes: CodeColumn
            let count: Int
            if case .fixed(let fixed) = dimension {
                name = fixed.rawValue
                codes = cache.codes(fixed)
                count = max(1, cache.dictionary(fixed).count)
            } else {
                name = "tag-sets"
                codes = cache.tagSetCodes
                count = max(1, cache.tagSetCount)
            }
            if tables[name] == nil {
                tables[name] = (codes, [UInt64](repeating: ~0, count: count * words))
                order.append(name)
            }
            return name
        }
        /// Clears rule `rule`'s bit for every code of the column for which `holds` is false.
        func restrict(_ dimension: CostDimension, rule: Int, holds: (String?) -> Bool) {
            let name = table(for: dimension)
            let word = rule / 64, bit = ~(UInt64(1) << UInt64(rule % 64))
            let count = tables[name]!.masks.count / words
            for code in 0..<count {
                let value: String?
                switch dimension {
                case .fixed(let fixed):
                    value = code == 0 ? nil : cache.dictionary(fixed)[code]
                case .tag(let key):
                    if let keyIndex = cache.tagKeys.firstIndex(of: key), keyCount > 0, code < cache.tagSetCount {
                        let valueCode = Int(cache.tagSets[code * keyCount + keyIndex])
                        value = valueCode == 0 ? nil : cache.tagValues(keyIndex)[valueCode]
                    } else {
                        value = nil
                    }
                default:
                    value = nil
                }
                if !holds(value) { tables[name]!.masks[code * words + word] &= bit }
            }
        }

        var outcome: [UInt32] = []
        var inherits: [(codes: CodeColumn, map: [UInt32])] = []
        for (index, rule) in category.rules.enumerated() {
            for condition in rule.conditions {
                let missing = condition.values.contains(condition.dimension.missingLabel)
                let accepted = Set(condition.values)
                restrict(condition.dimension, rule: index) { value in value.map(accepted.contains) ?? missing }
            }
            switch rule.outcome {
            case .value(let value):
                outcome.append(intern(value))
            case .inherit(let dimension):
                // Matches only where the charge has a value of the dimension.
                restrict(dimension, rule: index) { $0 != nil }
                var map: [UInt32]
                let codes: CodeColumn
                switch dimension {
                case .fixed(let fixed):
                    let dictionary = cache.dictionary(fixed)
                    codes = cache.codes(fixed)
                    map = (0..<max(1, dictionary.count)).map { $0 == 0 ? 0 : intern(dictionary[$0]) }
                case .tag(let key):
                    codes = cache.tagSetCodes
                    map = [UInt32](repeating: 0, count: max(1, cache.tagSetCount))
                    if let keyIndex = cache.tagKeys.firstIndex(of: key) {
                        let tagValues = cache.tagValues(keyIndex)
                        let valueCodes = (0..<tagValues.count).map { $0 == 0 ? UInt32(0) : intern(tagValues[$0]) }
                        for set in 0..<cache.tagSetCount {
                            map[set] = valueCodes[Int(cache.tagSets[set * keyCount + keyIndex])]
                        }
                    }
                default:
                    codes = cache.tagSetCodes
                    map = []
                }
                outcome.append(Self.inheritFlag | UInt32(inherits.count))
                inherits.append((codes, map))
            }
        }
        for value in extraValues { _ = intern(value) }
        self.values = values
        self.codeOf = codeOf
        self.outcome = outcome
        self.inherits = inherits
        var masks: [UInt64] = []
        var columns: [(codes: CodeColumn, offset: Int)] = []
        for name in order {
            // An empty column (no rows) has no base address; no row will read it.
            columns.append((tables[name]!.codes, masks.count))
            masks += tables[name]!.masks
        }
        self.columns = columns
        self.masks = masks
    }

    /// Writes the category code of every row in `rows` into `out` (indexed by row).
    func codes(_ rows: Range<Int>, into out: UnsafeMutablePointer<UInt32>) {
        codes(rows, into: out, columnByColumn: words == 1)
    }

    /// `codes(_:into:)`, column by column over chunks of rows (up to 64 rules) or row by row
    /// (any number of rules; tests compare the two).
    func codes(_ rows: Range<Int>, into out: UnsafeMutablePointer<UInt32>, columnByColumn: Bool) {
        let words = self.words
        let columns = self.columns
        let defaultCode = self.defaultCode
        masks.withUnsafeBufferPointer { masks in
            valid.withUnsafeBufferPointer { valid in
                outcome.withUnsafeBufferPointer { outcome in
                    let masks = masks.baseAddress!
                    @inline(__always) func write(_ row: Int, _ rule: Int) {
                        if rule < 0 {
                            out[row] = defaultCode
                        } else if outcome[rule] & Self.inheritFlag == 0 {
                            out[row] = outcome[rule]
                        } else {
                            let inherit = inherits[Int(outcome[rule] & ~Self.inheritFlag)]
                            out[row] = inherit.map[Int(inherit.codes[row])]
                        }
                    }
                    if columnByColumn {
                        precondition(words == 1, "column by column takes up to 64 rules")
                        // Up to 64 rules: column by column over chunks of rows, each column's
                        // loop specialised for its stored width (1, 2 or 4 bytes).
                        let chunk = 1024
                        let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: chunk)
                        defer { bits.deallocate() }
                        for start in stride(from: rows.lowerBound, to: rows.upperBound, by: chunk) {
                            let count = min(chunk, rows.upperBound - start)
                            bits.update(repeating: valid[0], count: count)
                            for column in columns {
                                let table = masks + column.offset
                                switch column.codes.width {
                                case 1: Self.and(column.codes.typed(UInt8.self) + start, table, bits, count)
                                case 2: Self.and(column.codes.typed(UInt16.self) + start, table, bits, count)
                                default: Self.and(column.codes.typed(UInt32.self) + start, table, bits, count)
                                }
                            }
                            for index in 0..<count {
                                write(start &+ index, bits[index] == 0 ? -1 : bits[index].trailingZeroBitCount)
                            }
                        }
                        return
                    }
                    for row in rows {
                        var rule = -1
                        for word in 0..<words {
                            var bits = valid[word]
                            for column in columns where bits != 0 {
                                bits &= masks[column.offset &+ Int(column.codes[row]) &* words &+ word]
                            }
                            if bits != 0 {
                                rule = word &* 64 &+ bits.trailingZeroBitCount
                                break
                            }
                        }
                        write(row, rule)
                    }
                }
            }
        }
    }

    /// `bits[i] &= table[codes[i]]` for `count` rows: one column's rule sets ANDed in.
    private static func and<Code: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafePointer<Code>, _ table: UnsafePointer<UInt64>, _ bits: UnsafeMutablePointer<UInt64>, _ count: Int
    ) {
        for index in 0..<count { bits[index] &= table[Int(codes[index])] }
    }

    /// Every rule that matches `row` (not only the first), as bit sets of `words` words.
    func matchingRules(_ row: Int) -> [Int] {
        var rules: [Int] = []
        for word in 0..<words {
            var bits = valid[word]
            for column in columns { bits &= masks[column.offset + Int(column.codes[row]) * words + word] }
            while bits != 0 {
                rules.append(word * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return rules
    }
}
