import CostConfig

/// The config file's `keys:` mapping: a command's long name to a key name or a list of them,
/// applied to the default key map through `KeyMap.rebind(_:to:)` in the order the file gives them
/// (so when two commands name the same key, the later line wins).
///
/// Every name is checked while decoding, so an unknown command or key is an error at its own line
/// and column rather than a message without a place.
struct KeyBindings: Decodable {
    /// The default key map with the file's bindings applied.
    var keyMap = KeyMap()

    /// Reads the mapping and rebinds each command.
    /// - Throws: `ConfigProblem` at an unknown command (its key), at an unknown key name (the name
    ///   itself, also inside a list), or at a value that is neither a name nor a list of names.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys {
            guard let command = ExplorerCommand(rawValue: key.stringValue) else {
                throw ConfigProblem(at: decoder.codingPath + [key],
                                    "no such command \"\(key.stringValue)\" (see ? in the explorer for the list)",
                                    target: .key)
            }
            let isList = (try? container.nestedUnkeyedContainer(forKey: key)) != nil
            let names: [String]
            if try container.decodeNil(forKey: key) {
                // `help: #` is a comment, `help: |` a block scalar: YAML's own punctuation needs quotes.
                throw ConfigProblem(at: decoder.codingPath + [key],
                                    "no key given (quote keys that are YAML punctuation: \"#\", \"?\", \":\")")
            } else if isList, let list = try? container.decode([String].self, forKey: key) {
                names = list
            } else if !isList, let name = try? container.decode(String.self, forKey: key) {
                names = [name]
            } else {
                throw ConfigProblem(at: decoder.codingPath + [key], "write a key name or a list of them")
            }
            do {
                try keyMap.rebind(command, to: names)
            } catch {
                // The key map knows which names are keys; ask it name by name which one it refused,
                // so the error points at that name even inside a list.
                let refused = names.firstIndex { name in
                    var probe = KeyMap()
                    return (try? probe.rebind(command, to: [name])) == nil
                }
                let element: [any CodingKey] = isList ? [AnyCodingKey(intValue: refused ?? 0)!] : []
                throw ConfigProblem(at: decoder.codingPath + [key] + element,
                                    "\(error) (key names are listed in docs/explorer.md)")
            }
        }
    }
}
