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
        var node = root
        var fallback = root.mark
        for (index, element) in path.enumerated() {
            switch node {
            case .mapping(let mapping):
                guard let pair = mapping.first(where: { $0.key.string == element.stringValue }) else { return fallback }
                if target == .key && index == path.count - 1 { return pair.key.mark ?? fallback }
                node = pair.value
            case .sequence(let sequence):
                guard let position = element.intValue, sequence.indices.contains(position) else { return fallback }
                node = sequence[position]
            case .scalar, .alias:
                return fallback
            }
            // An empty value (`key:`) may have no mark of its own; its key's place is the next best.
            fallback = node.mark ?? fallback
        }
        return fallback
    }
}

extension NodeLocator {
    /// What the file holds at `path`, for "expected X, found Y" messages.
    func found(at path: [AnyCodingKey]) -> String {
        var node = root
        for element in path {
            switch node {
            case .mapping(let mapping):
                guard let value = mapping.first(where: { $0.key.string == element.stringValue })?.value else { return "nothing" }
                node = value
            case .sequence(let sequence):
                guard let position = element.intValue, sequence.indices.contains(position) else { return "nothing" }
                node = sequence[position]
            case .scalar, .alias:
                return "nothing"
            }
        }
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            return node.null != nil ? "nothing" : "\"\(scalar.string)\""
        }
    }
}
