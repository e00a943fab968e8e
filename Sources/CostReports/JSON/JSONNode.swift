/// One value of the JSON tree `JSONWriter` builds: a literal (number, string, `true`, `null`), an
/// object with its keys in the order they were first encoded, or an array.
final class JSONNode {
    enum Kind {
        case literal, object, array
    }

    private(set) var kind = Kind.literal
    /// The literal's JSON text (already quoted for strings).
    var literal = "null"
    /// An object's keys, parallel to `children`.
    private(set) var keys: [String] = []
    private(set) var children: [JSONNode] = []

    /// Turns the node into an empty object or array, unless it already is one (a type may ask for
    /// its container more than once).
    func become(_ kind: Kind) {
        guard self.kind != kind else { return }
        self.kind = kind
        keys = []
        children = []
    }

    /// The node under `key`; encoding a key twice replaces its value and keeps its place.
    func child(_ key: String) -> JSONNode {
        become(.object)
        if let index = keys.firstIndex(of: key) {
            children[index] = JSONNode()
            return children[index]
        }
        let node = JSONNode()
        keys.append(key)
        children.append(node)
        return node
    }

    /// A new last element.
    func appended() -> JSONNode {
        become(.array)
        let node = JSONNode()
        children.append(node)
        return node
    }

    /// Makes the node hold `value`: literals directly, `JSONDecimal` as its text, anything else
    /// through its own `encode(to:)`.
    func set<T: Encodable>(_ value: T, at path: [CodingKey]) throws {
        kind = .literal
        switch value {
        case let decimal as JSONDecimal: literal = decimal.text
        case let text as String: literal = JSONNode.quote(text)
        case let flag as Bool: literal = flag ? "true" : "false"
        case let number as any BinaryInteger: literal = String(describing: number)
        case let number as Float: try set(Double(number), at: path)
        case let number as Double:
            guard number.isFinite else {
                throw EncodingError.invalidValue(number, .init(codingPath: path, debugDescription: "JSON has no \(number)"))
            }
            literal = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
        default:
            try value.encode(to: JSONNodeEncoder(node: self, codingPath: path))
        }
    }

    func write(to out: inout String) {
        switch kind {
        case .literal: out += literal
        case .array:
            out += "["
            for (index, child) in children.enumerated() {
                if index > 0 { out += "," }
                child.write(to: &out)
            }
            out += "]"
        case .object:
            out += "{"
            for (index, child) in children.enumerated() {
                if index > 0 { out += "," }
                out += JSONNode.quote(keys[index])
                out += ":"
                child.write(to: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal. Beyond what JSON requires, DEL, the C1 controls and the line and
    /// paragraph separators are escaped too, so data printed to a terminal or pasted into
    /// JavaScript cannot act on either.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
