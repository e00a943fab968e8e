/// Splits of one category that feed each other, in a circle: no order can apply them.
public struct SplitCycle: Error, Sendable, CustomStringConvertible {
    /// The indexes (in the list given to `SplitOrder.resolve`) of the splits in the cycle.
    public var indexes: [Int]
    /// The sources of those splits, in cycle order.
    public var sources: [String]

    public var description: String {
        "splits form a cycle: " + (sources + [sources[0]]).joined(separator: " → ")
            + "; a value cannot receive a share of its own cost"
    }
}

/// Orders chained splits: a split whose source is a target of another split runs after that one,
/// so the source's cost includes what it received before it is passed on.
public enum SplitOrder {
    /// The splits in dependency order (file order among independent ones).
    /// - Throws: `SplitCycle` naming the splits that feed each other (a split that targets its own
    ///   source is a cycle of one).
    public static func resolve(_ splits: [CostSplit]) throws -> [CostSplit] {
        // Split j depends on split i when i's targets include j's source.
        let count = splits.count
        var dependsOn = [[Int]](repeating: [], count: count)
        for j in 0..<count {
            for i in 0..<count where splits[i].targets.contains(splits[j].source) {
                dependsOn[j].append(i)
            }
        }
        // Depth-first, so a cycle is found with its path.
        var state = [UInt8](repeating: 0, count: count)  // 0 new, 1 on the stack, 2 done
        var order: [Int] = []
        var stack: [Int] = []
        func visit(_ node: Int) throws {
            if state[node] == 2 { return }
            if state[node] == 1 {
                let cycle = Array(stack[stack.lastIndex(of: node)!...])
                throw SplitCycle(indexes: cycle, sources: cycle.map { splits[$0].source })
            }
            state[node] = 1
            stack.append(node)
            for dependency in dependsOn[node] { try visit(dependency) }
            stack.removeLast()
            state[node] = 2
            order.append(node)
        }
        for node in 0..<count { try visit(node) }
        return order.map { splits[$0] }
    }
}
