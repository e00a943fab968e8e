/// Reads a map written as JSON: an object (`{"env": "prod"}`) or BigQuery's list of entries
/// (`[{"key": "env", "value": "prod"}]`), calling back with each key and value as bytes.
///
/// Null values are skipped (an absent tag); numbers and booleans are given as their text; nested
/// objects and arrays as values are errors, since labels and tags are scalar.
enum JSONMapEntries {
    /// Walks the map at `span` of `bytes` (an object or an array span from `JSONScanner`).
    static func forEach(in bytes: UnsafeRawBufferPointer, _ span: JSONSpan,
                        _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(JSONSyntaxError) {
        var keyStorage: [UInt8] = []
        var valueStorage: [UInt8] = []
        var scanner = JSONScanner(bytes, at: span.start)
        if span.kind == .object {
            try scanner.container(isObject: true, depth: 0) { inner, key throws(JSONSyntaxError) in
                let value = try inner.value(depth: 1)
                try emit(bytes, key!, value, &keyStorage, &valueStorage, body)
            }
            return
        }
        guard span.kind == .array else { throw JSONSyntaxError(reason: "a map must be an object or a list", offset: span.start) }
        try scanner.container(isObject: false, depth: 0) { inner, _ throws(JSONSyntaxError) in
            let entry = try inner.value(depth: 1)
            guard entry.kind == .object else {
                throw JSONSyntaxError(reason: "a map's list must hold {\"key\", \"value\"} objects", offset: entry.start)
            }
            var entryScanner = JSONScanner(bytes, at: entry.start)
            var key: JSONSpan?
            var value = JSONSpan.missing
            try entryScanner.container(isObject: true, depth: 1) { member, name throws(JSONSyntaxError) in
                let found = try member.value(depth: 2)
                let nameBytes = JSONScanner.raw(bytes, name!)
                if nameBytes.elementsEqual("key".utf8) { key = found }
                else if nameBytes.elementsEqual("value".utf8) { value = found }
            }
            guard let key, key.kind == .string else {
                throw JSONSyntaxError(reason: "a map entry without a string \"key\"", offset: entry.start)
            }
            try emit(bytes, key, value, &keyStorage, &valueStorage, body)
        }
    }

    private static func emit(_ bytes: UnsafeRawBufferPointer, _ key: JSONSpan, _ value: JSONSpan,
                             _ keyStorage: inout [UInt8], _ valueStorage: inout [UInt8],
                             _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(JSONSyntaxError) {
        switch value.kind {
        case .null: return
        case .object, .array:
            throw JSONSyntaxError(reason: "label and tag values must be scalars, not objects or arrays", offset: value.start)
        default: break
        }
        let keyBytes = try text(bytes, key, &keyStorage)
        let valueBytes = try text(bytes, value, &valueStorage)
        body(keyBytes, valueBytes)
    }

    private static func text(_ bytes: UnsafeRawBufferPointer, _ span: JSONSpan,
                             _ storage: inout [UInt8]) throws(JSONSyntaxError) -> UnsafeRawBufferPointer {
        guard span.escaped else { return JSONScanner.raw(bytes, span) }
        try JSONScanner.decode(bytes, span, into: &storage)
        return storage.withUnsafeBytes { $0 }
    }
}
