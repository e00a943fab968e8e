import Yams

/// Finds where in a YAML file a coding path points, so that decoding errors can name a line and a
/// column.
///
/// Why this exists: `YAMLDecoder`'s errors (a string where a list belongs, a key that is missing) and
/// the `ConfigProblem`s our types throw carry only a coding path, never a position; Yams keeps the
/// position on each node of the composed tree instead. Walking that tree along the path finds the
/// node, and its mark is the line and column. The walk stops at the deepest node that exists, so a
/// path into a value of the wrong shape still points at that value.
struct NodeLocator {
    /// The composed document.
    let root: Node

    /// The position of the value at `path`, or of the key that ends it with `target: .key`.
    func mark(at path: [AnyCodingKey], target: ConfigProblem.Target = .value) -> Mark? {
        let walked = walk(path)
        if target == .key, walked.node != nil, let key = walked.lastKey?.mark { return key }
        return walked.mark
    }

    /// What the file holds at `path`, for "expected X, found Y" messages.
    func found(at path: [AnyCodingKey]) -> String {
        guard let node = walk(path).node, node.null == nil else { return "nothing" }
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar): return "\"\(scalar.string)\""
        }
    }

    /// Follows `path` from the root: the node it reaches (nil when the path leaves the document),
    /// the key node of its last mapping step, and the mark of the deepest node on the way that has
    /// one (an empty value, `key:`, may have none; its parent's place is the next best).
    private func walk(_ path: [AnyCodingKey]) -> (node: Node?, lastKey: Node?, mark: Mark?) {
        var node = root
        var lastKey: Node?
        var mark = root.mark
        for element in path {
            switch node {
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == element.stringValue }) else { return (nil, nil, mark) }
                lastKey = pair.key
                node = pair.value
            case .sequence(let sequence):
                guard let position = element.intValue, sequence.indices.contains(position) else { return (nil, nil, mark) }
                lastKey = nil
                node = sequence[position]
            case .scalar, .alias:
                return (nil, nil, mark)
            }
            mark = node.mark ?? mark
        }
        return (node, lastKey, mark)
    }
}
