/// The columns a JSON Lines file shows adapters, found from its first lines, and the tree of keys
/// that finds a column's values in a line.
///
/// Nested JSON is presented as the Parquet container presents nested columns (`ParquetColumnMap`),
/// so one adapter reads BigQuery's JSON, Parquet and flattened CSV:
/// - an object's members are dotted paths (`service.description`, `location.region`);
/// - an array is a column of its own (`labels`, `credits`): `forEachEntry` reads an array of
///   `{key, value}` objects (or an object) as a map, `text` gives its JSON;
/// - a member of objects inside an array is a repeated column (`credits.amount`): `fixedPoint` sums
///   its values on the line, `text` lists them.
///
/// JSON Lines has no header, so the columns are those of the first lines (up to `sampleLines` or
/// `sampleBytes`); a member that first appears later is still found on every line by its path, once
/// an adapter asks for it (`JSONLSchema.tree(for:)` builds the tree from names, not from the sample).
struct JSONLSchema {
    static let sampleLines = 1_000
    static let sampleBytes = 4 << 20

    private(set) var names: [String] = []
    private var seen: Set<String> = []

    /// Adds the paths of one line's object.
    mutating func add(line bytes: UnsafeRawBufferPointer, root: JSONSpan) throws(JSONSyntaxError) {
        try walk(bytes, root, path: "")
    }

    private mutating func note(_ path: String) {
        if seen.insert(path).inserted { names.append(path) }
    }

    private mutating func walk(_ bytes: UnsafeRawBufferPointer, _ span: JSONSpan, path: String) throws(JSONSyntaxError) {
        switch span.kind {
        case .object:
            var scanner = JSONScanner(bytes, at: span.start)
            var members: [(String, JSONSpan)] = []
            try scanner.container(isObject: true, depth: 0) { inner, key throws(JSONSyntaxError) in
                let value = try inner.value(depth: 1)
                members.append((String(decoding: JSONScanner.raw(bytes, key!), as: UTF8.self), value))
            }
            for (key, value) in members { try walk(bytes, value, path: path.isEmpty ? key : path + "." + key) }
        case .array:
            note(path)
            var scanner = JSONScanner(bytes, at: span.start)
            var elements: [JSONSpan] = []
            try scanner.container(isObject: false, depth: 0) { inner, _ throws(JSONSyntaxError) in
                elements.append(try inner.value(depth: 1))
            }
            for element in elements where element.kind == .object {
                // Members of `{key, value}` entries are the map itself, not columns.
                if try Self.isKeyValue(bytes, element) { continue }
                try walk(bytes, element, path: path)
            }
        default:
            if !path.isEmpty { note(path) }
        }
    }

    /// Whether an object is a `{"key": …, "value": …}` map entry (BigQuery's labels).
    static func isKeyValue(_ bytes: UnsafeRawBufferPointer, _ object: JSONSpan) throws(JSONSyntaxError) -> Bool {
        var scanner = JSONScanner(bytes, at: object.start)
        var sawKey = false
        try scanner.container(isObject: true, depth: 0) { _, key throws(JSONSyntaxError) in
            let name = JSONScanner.raw(bytes, key!)
            if name.elementsEqual("key".utf8) { sawKey = true }
        }
        return sawKey
    }
}

/// The paths of the columns an adapter reads, as a tree of object keys: a line is scanned once and
/// each value lands on the column its path names.
struct JSONPathTree {
    struct Node {
        var children: [(key: [UInt8], node: Int)] = []
        var column: Int?
    }

    private(set) var nodes: [Node] = [Node()]

    /// - Parameter columns: (column index, dotted path) of every column read.
    init(columns: [(Int, String)]) {
        for (column, path) in columns {
            var node = 0
            for part in path.split(separator: ".", omittingEmptySubsequences: false) {
                let key = Array(part.utf8)
                if let found = nodes[node].children.first(where: { $0.key == key }) {
                    node = found.node
                } else {
                    nodes.append(Node())
                    nodes[node].children.append((key, nodes.count - 1))
                    node = nodes.count - 1
                }
            }
            nodes[node].column = column
        }
    }

    /// The child of `node` named by `key`'s bytes, if any column lies below it.
    @inline(__always)
    func child(of node: Int, key: UnsafeRawBufferPointer) -> Int? {
        for (name, child) in nodes[node].children where name.count == key.count {
            if name.withUnsafeBytes({ $0.elementsEqual(key) }) { return child }
        }
        return nil
    }
}
