import CostCache
import CostModel

/// Finds the largest changes between two windows at every level of a drill path, each reported
/// once at the deepest node that explains it, and splits each into drivers (docs/movers.md).
public struct MoversAnalysis {
    public let cache: CacheFile
    /// Answers `category:NAME` steps and filters, and the splits of a category at the top of the path.
    public let engine: QueryEngine

    /// An analysis of `cache`; `rules` define the `category:NAME` steps and filters.
    public init(cache: CacheFile, rules: AllocationRules = .none) {
        self.init(engine: QueryEngine(cache: cache, rules: rules))
    }

    /// An analysis sharing `engine`'s category columns (the explorer builds each once).
    public init(engine: QueryEngine) {
        self.cache = engine.cache
        self.engine = engine
    }

    /// Runs the analysis.
    /// - Throws: `QueryError` for an unknown tag key, a day or month step, or a path of more than four steps.
    public func run(_ spec: MoversSpec) throws -> MoversResult {
        guard !spec.path.isEmpty, spec.path.count <= 4 else {
            throw QueryError("a movers path has one to four steps (it has \(spec.path.count))")
        }
        var ledger = try MoverLedger(cache: cache, spec: spec, categories: engine.categories)
        let columns = try spec.path.map { try PathColumn($0, cache: cache, categories: engine.categories) }
        if case .category(let name) = spec.path[0], ledger.currency != nil {
            try addSplits(of: name, to: &ledger, spec: spec)
        }
        let tree = MoverTree(ledger: ledger, depth: spec.path.count, spec: spec)
        let families = UsageFamilies(cache: cache)
        var found: [MoverTree.Node] = []
        for root in tree.children(of: MoverLedger.Key(depth: 0)) {
            found += tree.explain(root)
        }
        found.sort { (abs($0.delta), $1.sortName) > (abs($1.delta), $0.sortName) }
        let movers = found.prefix(max(0, spec.limit)).map { node -> Mover in
            // Split money's path ends at its `(allocated)` step.
            let depth = (0..<node.key.depth).first { node.key[$0] == MoverLedger.allocatedCode }.map { $0 + 1 } ?? node.key.depth
            let path = (0..<depth).map { level in
                PathStep(dimension: node.key[level] == MoverLedger.allocatedCode ? "allocation" : spec.path[level].description,
                         key: columns[level].name(node.key[level]))
            }
            return Mover(path: path, cost: node.now.total, previous: node.before.total,
                         drivers: DriverDecomposition.drivers(before: node.before, now: node.now, family: families.family))
        }
        let root = tree.figures(MoverLedger.Key(depth: 0))
        return MoversResult(spec: spec, currency: ledger.currency, movers: movers,
                            total: root.now.total, previousTotal: root.before.total)
    }
}

extension MoversAnalysis {
    /// Adds what the category's splits moved in each window to its values, as the query engine
    /// computes it for the same selection (`costtop query --by category:NAME`), so a value's cost
    /// here equals its cost there. A value's charges stay under their services; the net of what it
    /// received and passed on sits under its `(allocated)` step, a driver of its own.
    private func addSplits(of name: String, to ledger: inout MoverLedger, spec: MoversSpec) throws {
        guard engine.rules.splits.contains(where: { $0.category == name }) else { return }
        let column = try engine.categories.column(name)
        for (window, range) in [spec.comparison, spec.period].enumerated() {
            let result = try engine.run(QuerySpec(groupBy: .category(name), filters: spec.filters, period: range,
                                                  comparison: nil, metric: spec.metric, currency: ledger.currency))
            for row in result.rows {
                guard let flow = row.allocation, let code = column.codeOf[row.key] else { continue }
                ledger.addAllocated(flow.allocatedIn - flow.allocatedOut, toValue: code, window: window)
            }
        }
    }
}

/// The nodes of every level, summed from the leaves, and the walk that finds movers.
struct MoverTree {
    struct Node {
        var key: MoverLedger.Key
        var before: WindowFigures
        var now: WindowFigures
        var delta: Int128 { now.total - before.total }
        /// Codes joined, to break ties the same way on every run.
        var sortName: String { (0..<key.depth).map { String(key[$0]) }.joined(separator: "/") }
    }

    private var nodes: [MoverLedger.Key: Node] = [:]
    private var childKeys: [MoverLedger.Key: [MoverLedger.Key]] = [:]
    private let spec: MoversSpec

    init(ledger: MoverLedger, depth: Int, spec: MoversSpec) {
        self.spec = spec
        let beforeDays = spec.comparison.dayCount, nowDays = spec.period.dayCount
        for (leaf, key) in ledger.leaves.enumerated() {
            var before = ledger.figures[2 * leaf], now = ledger.figures[2 * leaf + 1]
            if spec.perDay {
                before = before.perDay(beforeDays)
                now = now.perDay(nowDays)
            }
            for level in 0...depth {
                let prefix = key.prefix(level)
                if nodes[prefix] == nil {
                    nodes[prefix] = Node(key: prefix, before: WindowFigures(), now: WindowFigures())
                    if level > 0 { childKeys[key.prefix(level - 1), default: []].append(prefix) }
                }
                nodes[prefix]!.before.add(before)
                nodes[prefix]!.now.add(now)
            }
        }
    }

    func figures(_ key: MoverLedger.Key) -> Node {
        nodes[key] ?? Node(key: key, before: WindowFigures(), now: WindowFigures())
    }

    func children(of key: MoverLedger.Key) -> [Node] {
        (childKeys[key] ?? []).compactMap { nodes[$0] }
    }

    /// The movers under `node`: the node itself, unless one child carries most of its change (then
    /// that child's movers), or its children's changes mostly cancel out (then each child's movers).
    func explain(_ node: Node) -> [Node] {
        let delta = node.delta
        guard abs(delta) >= spec.minimumChange || node.key.depth == 0 else {
            // A small net change can still hide large opposite moves below it.
            return children(of: node.key).flatMap { explain($0) }
        }
        let children = children(of: node.key)
        guard !children.isEmpty else { return [node] }
        if let main = children.max(by: { abs($0.delta) < abs($1.delta) }),
           (main.delta > 0) == (delta > 0),
           Double(abs(main.delta)) >= spec.explainedShare * Double(abs(delta)) {
            // Report the main child, and any other child that moved enough on its own.
            return explain(main) + children.filter { $0.key != main.key && abs($0.delta) >= spec.minimumChange }
                .flatMap { explain($0) }.filter { (abs($0.delta)) * 5 >= abs(delta) }
        }
        let gross = children.reduce(Int128(0)) { $0 + abs($1.delta) }
        if gross > 2 * abs(delta) { return children.flatMap { explain($0) } }
        return [node]
    }
}
