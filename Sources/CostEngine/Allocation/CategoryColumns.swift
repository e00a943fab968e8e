import CostCache
import CostModel
import Dispatch
import Foundation

/// One category's value for every row of the cache, with the table of its values.
///
/// Owns its buffer, so the `UnsafeBufferPointer` handed to the scans stays valid as long as a
/// grouping or filter holds this object.
final class CategoryColumn: @unchecked Sendable {
    /// The category's values (`codes` index them).
    let values: [String]
    let codeOf: [String: UInt32]
    /// The category code of each cache row.
    let codes: UnsafeBufferPointer<UInt32>
    private let storage: UnsafeMutableBufferPointer<UInt32>

    init(matcher: CategoryMatcher, cache: CacheFile) {
        values = matcher.values
        codeOf = matcher.codeOf
        storage = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, cache.rowCount))
        storage.initialize(repeating: 0)
        codes = UnsafeBufferPointer(storage)
        let rows = cache.rowCount
        guard rows > 0 else { return }
        // Two halves on two threads: the column is built once per category and engine.
        let parts = rows < 200_000 ? 1 : 2
        let shared = UncheckedSendable((matcher, storage.baseAddress!))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let (matcher, out) = shared.value
            let start = rows * part / parts, end = rows * (part + 1) / parts
            matcher.codes(start..<end, into: out)
        }
    }

    deinit { storage.deallocate() }
}

/// The category columns of one cache under one rules file, each built on first use and kept:
/// the explorer asks about the same categories on every drill step.
final class CategoryColumns: @unchecked Sendable {
    let rules: AllocationRules
    private let cache: CacheFile
    private let lock = NSLock()
    private var built: [String: CategoryColumn] = [:]

    init(rules: AllocationRules, cache: CacheFile) {
        self.rules = rules
        self.cache = cache
    }

    /// The column of category `name`.
    /// - Throws: `QueryError` when the rules define no such category.
    func column(_ name: String) throws -> CategoryColumn {
        lock.lock()
        defer { lock.unlock() }
        if let column = built[name] { return column }
        guard let category = rules.category(named: name) else {
            let hint = rules.categories.isEmpty
                ? " (no rules file is loaded: pass --rules FILE or write \(rules.file ?? "$XDG_CONFIG_HOME/costtop/rules.yaml"))"
                : " (categories: \(rules.categoryNames))"
            throw QueryError("no category \"\(name)\" in the rules" + hint)
        }
        let splitValues = rules.splits.filter { $0.category == name }.flatMap { [$0.source] + $0.targets }
        // The column reads every row of the cache.
        try cache.verifyAll()
        let column = CategoryColumn(matcher: CategoryMatcher(category, cache: cache, extraValues: splitValues), cache: cache)
        built[name] = column
        return column
    }
}
