/// Writes `Encodable` values as compact JSON with the keys in the order the type encodes them and
/// `JSONDecimal` numbers exactly as formatted.
///
/// Why not Foundation's `JSONEncoder`: on Linux it writes an object's keys in hash order, which
/// changes from run to run (or sorted, with `.sortedKeys`), and writes `4344.50` as `4344.5`; the
/// documented output, which scripts and `jq` users see, has the keys in a fixed order and money with
/// two decimals (docs/architecture.md). The document types stay plain `Codable`, so tests decode
/// the output with `JSONDecoder`.
public enum JSONWriter {
    /// The JSON text of `value`, followed by a line feed.
    /// - Throws: `EncodingError` for a number JSON cannot hold (NaN, infinity).
    public static func write<T: Encodable>(_ value: T) throws -> String {
        let root = JSONNode()
        try root.set(value, at: [])
        var out = ""
        root.write(to: &out)
        return out + "\n"
    }
}

/// The encoder handed to `encode(to:)`: containers write into one node of the tree.
struct JSONNodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.become(.object)
        return KeyedEncodingContainer(KeyedJSONContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        node.become(.array)
        return UnkeyedJSONContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleJSONContainer(node: node, codingPath: codingPath)
    }
}

struct KeyedJSONContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(key.stringValue).literal = "null" }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: String, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try node.child(key.stringValue).set(value, at: codingPath + [key]) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(key.stringValue).set(value, at: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        JSONNodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        JSONNodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { JSONNodeEncoder(node: node.child("super"), codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        JSONNodeEncoder(node: node.child(key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedJSONContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [CodingKey]
    var count: Int { node.children.count }

    mutating func encodeNil() throws { node.appended().literal = "null" }
    mutating func encode(_ value: Bool) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: String) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Double) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Float) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Int) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Int8) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Int16) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Int32) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: Int64) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: UInt) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: UInt8) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: UInt16) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: UInt32) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode(_ value: UInt64) throws { try node.appended().set(value, at: codingPath) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.appended().set(value, at: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        JSONNodeEncoder(node: node.appended(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        JSONNodeEncoder(node: node.appended(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder { JSONNodeEncoder(node: node.appended(), codingPath: codingPath) }
}

struct SingleJSONContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { node.literal = "null" }
    mutating func encode(_ value: Bool) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: String) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Double) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Float) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Int) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Int8) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Int16) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Int32) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: Int64) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: UInt) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: UInt8) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: UInt16) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: UInt32) throws { try node.set(value, at: codingPath) }
    mutating func encode(_ value: UInt64) throws { try node.set(value, at: codingPath) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.set(value, at: codingPath) }
}
