import CostModel
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine

/// A category's value per row is the same whether the matcher reads its columns one at a time over
/// chunks of rows (each loop at its column's stored width) or row by row, over code columns 1, 2
/// and 4 bytes wide, for ranges that start and end anywhere in a chunk.
@Suite("Category matching over narrow columns")
struct CategoryMatcherWidthTests {
    static let cache = Support.writtenCache(RandomRollup.contents(rows: 5_000, days: 5, seed: 19,
                                                                  sizes: [.account: 300, .usageType: 66_000], tagValues: 10))

    @Test("column by column and row by row give every row the same value", arguments: 0..<12)
    func sameCodes(seed: UInt64) throws {
        let cache = CategoryMatcherWidthTests.cache
        #expect([FixedDimension.account, .usageType, .region].map { cache.codes($0).width } == [2, 4, 1])
        var random = SeededGenerator(seed: seed)
        let pools: [(CostDimension, [String])] = [
            (.fixed(.account), Array(cache.dictionary(.account).all.dropFirst().prefix(40)) + ["(none)"]),
            (.fixed(.usageType), Array(cache.dictionary(.usageType).all.dropFirst().prefix(40))),
            (.fixed(.region), Array(cache.dictionary(.region).all.dropFirst())),
            (.tag("team"), Array(cache.tagValues(0).all.dropFirst()) + ["(untagged)"]),
        ]
        var rules: [CategoryRule] = []
        for _ in 0..<Int.random(in: 1...64, using: &random) {
            let conditions = pools.shuffled(using: &random).prefix(Int.random(in: 1...3, using: &random)).map { pool in
                MatchCondition(dimension: pool.0, values: (0..<Int.random(in: 1...20, using: &random)).map { _ in
                    pool.1.randomElement(using: &random)!
                })
            }
            let outcome: CategoryRule.Outcome = Int.random(in: 0..<6, using: &random) == 0
                ? .inherit(.fixed(.region)) : .value("v\(Int.random(in: 0..<6, using: &random))")
            rules.append(CategoryRule(outcome, conditions: conditions))
        }
        let matcher = CategoryMatcher(CostCategory(name: "c", rules: rules, defaultValue: "rest"), cache: cache, extraValues: [])
        let start = Int.random(in: 0..<1_500, using: &random)
        let rows = start..<Int.random(in: (start + 1)...cache.rowCount, using: &random)
        var chunked = [UInt32](repeating: .max, count: cache.rowCount)
        var byRow = chunked
        chunked.withUnsafeMutableBufferPointer { matcher.codes(rows, into: $0.baseAddress!, columnByColumn: true) }
        byRow.withUnsafeMutableBufferPointer { matcher.codes(rows, into: $0.baseAddress!, columnByColumn: false) }
        #expect(chunked == byRow)
        #expect(rows.allSatisfy { chunked[$0] != .max } && chunked[..<rows.lowerBound].allSatisfy { $0 == .max })
        // Not every row falls to the default: the rules match something.
        #expect(Set(chunked[rows]).count > 1)
    }
}
