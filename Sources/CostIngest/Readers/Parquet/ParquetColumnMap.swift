import Parquet

/// How a Parquet schema is shown to format adapters: as the flat columns a CSV export of the same
/// bill has.
///
/// - A leaf outside any repeated group is one column, named by its dotted path through structs
///   (`service.description`, as BigQuery's flattened CSV names it; wrapper groups are skipped).
/// - A MAP, or a LIST of `{key, value}` structs (BigQuery's labels), is one map column, read with
///   `forEachEntry` (`resource_tags`, `labels`).
/// - Any other leaf inside a LIST is a repeated column (`credits.amount`): its values are summed
///   or listed, never taken as one.
struct ParquetColumnMap {
    /// One column as adapters see it.
    enum Column {
        case scalar(leaf: Int)
        case map(key: Int, value: Int)
        case repeated(leaf: Int)

        /// The Parquet leaf columns it needs decoded.
        var leaves: [Int] {
            switch self {
            case .scalar(let leaf), .repeated(let leaf): return [leaf]
            case .map(let key, let value): return [key, value]
            }
        }
    }

    private(set) var names: [String] = []
    private(set) var columns: [Column] = []

    init(_ schema: ParquetSchema) {
        for field in schema.root.children { add(field, prefix: [], repeated: false) }
    }

    private mutating func add(_ node: SchemaNode, prefix: [String], repeated: Bool) {
        let path = prefix + [node.name]
        if let leaf = node.columnIndex, node.isLeaf {
            names.append(path.joined(separator: "."))
            columns.append(repeated || node.repetition == .repeated ? .repeated(leaf: leaf) : .scalar(leaf: leaf))
            return
        }
        if let (key, value) = Self.keyValueLeaves(node) {
            names.append(path.joined(separator: "."))
            columns.append(.map(key: key, value: value))
            return
        }
        if Self.isList(node) || node.repetition == .repeated {
            let element = Self.listElement(node)
            if element.isLeaf, let leaf = element.columnIndex {
                names.append(path.joined(separator: "."))
                columns.append(.repeated(leaf: leaf))
                return
            }
            if let (key, value) = Self.keyValueLeaves(element, requireRepeated: false) {
                names.append(path.joined(separator: "."))
                columns.append(.map(key: key, value: value))
                return
            }
            for child in element.children { add(child, prefix: path, repeated: true) }
            return
        }
        for child in node.children { add(child, prefix: path, repeated: repeated) }
    }

    private static func isList(_ node: SchemaNode) -> Bool {
        node.logicalType == .list || node.convertedType == .list
    }

    /// The element of a list: the standard three levels (`LIST` → repeated `list` → `element`), the
    /// legacy two (`LIST` → repeated element, also named `array` or `<name>_tuple`), or a bare
    /// repeated field, which is its own element.
    private static func listElement(_ node: SchemaNode) -> SchemaNode {
        if node.repetition == .repeated { return node }
        guard node.children.count == 1 else { return node }
        let repeatedChild = node.children[0]
        if repeatedChild.isLeaf { return repeatedChild }
        if repeatedChild.children.count == 1, repeatedChild.name != "array", !repeatedChild.name.hasSuffix("_tuple") {
            return repeatedChild.children[0]
        }
        return repeatedChild
    }

    /// The key and value leaves of a MAP group (or of a `{key, value}` struct inside a list).
    private static func keyValueLeaves(_ node: SchemaNode, requireRepeated: Bool = true) -> (Int, Int)? {
        var group = node
        let isMap = node.logicalType == .map || node.convertedType == .map || node.convertedType == .mapKeyValue
        if isMap, node.children.count == 1, !node.children[0].isLeaf { group = node.children[0] }
        else if requireRepeated { return nil }
        guard group.children.count == 2 else { return nil }
        let key = group.children.first { $0.name == "key" } ?? group.children[0]
        let value = group.children.first { $0.name == "value" } ?? group.children[1]
        guard key.isLeaf, value.isLeaf, let keyIndex = key.columnIndex, let valueIndex = value.columnIndex else { return nil }
        if !isMap && !(key.name == "key" && value.name == "value") { return nil }
        return (keyIndex, valueIndex)
    }
}
