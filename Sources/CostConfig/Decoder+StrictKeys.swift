// MARK: - Unknown keys

extension Decoder {
    /// Throws a `ConfigProblem` at the first key of this mapping that is not one of `known`.
    ///
    /// Why: `Decodable` ignores keys it does not ask for, so a misspelt setting would silently keep
    /// its default, the worst outcome for a config file. Every config type calls this first.
    /// - Parameters:
    ///   - known: the keys this mapping may hold, listed in the error in this order.
    ///   - kind: what a key names, for the message ("setting", "role").
    /// - Throws: `ConfigProblem` pointing at the unknown key; `DecodingError` when this is not a mapping.
    public func rejectUnknownKeys(known: [String], kind: String = "setting") throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw ConfigProblem(at: codingPath + [key],
                                "unknown \(kind) \"\(key.stringValue)\" (\(kind)s: \(known.joined(separator: ", ")))",
                                target: .key)
        }
    }

    /// `rejectUnknownKeys(known:kind:)` with the names of a `CaseIterable` coding key type.
    public func rejectUnknownKeys<Key: CodingKey & CaseIterable>(_ keys: Key.Type, kind: String = "setting") throws {
        try rejectUnknownKeys(known: keys.allCases.map(\.stringValue), kind: kind)
    }
}

// MARK: - Whole numbers in a range

extension KeyedDecodingContainer {
    /// Decodes an optional whole number that must lie in `range`.
    ///
    /// A value of the wrong type and a value out of range get the same message, which says what is
    /// expected (`a whole percentage from 0 to 100`), rather than the decoder's type name.
    /// - Throws: `ConfigProblem` at the value.
    public func decodeIfPresent(_ type: Int.Type, forKey key: Key, in range: ClosedRange<Int>,
                                expected: String) throws -> Int? {
        guard contains(key), !(try decodeNil(forKey: key)) else { return nil }
        let number: Int
        do {
            number = try decode(Int.self, forKey: key)
        } catch is DecodingError {
            throw ConfigProblem(at: codingPath + [key], "expected \(expected)")
        }
        guard range.contains(number) else {
            throw ConfigProblem(at: codingPath + [key], "expected \(expected), found \(number)")
        }
        return number
    }
}
