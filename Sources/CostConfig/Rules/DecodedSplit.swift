import CostModel

/// One entry of `splits:`: a category, a source value, its targets, the method and, for `fixed`,
/// one positive weight per target.
struct DecodedSplit: Decodable {
    let split: CostSplit

    private enum Keys: String, CodingKey, CaseIterable { case category, source, targets, method, weights }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self)
        let container = try decoder.container(keyedBy: Keys.self)
        let path = container.codingPath
        let category = try container.decode(String.self, forKey: .category)
        let source = try container.decode(String.self, forKey: .source)
        let targets = try container.decode([String].self, forKey: .targets)
        guard !targets.isEmpty else { throw ConfigProblem(at: path + [Keys.targets], "a split needs at least one target") }
        if targets.contains(source) {
            throw ConfigProblem(at: path + [Keys.targets], "\"\(source)\" is the source; a value cannot receive a share of its own cost")
        }
        if let twice = targets.enumerated().first(where: { targets[..<$0.offset].contains($0.element) }) {
            throw ConfigProblem(at: path + [Keys.targets, AnyCodingKey(intValue: twice.offset)!], "\"\(twice.element)\" is listed twice")
        }
        let methodName = try container.decodeIfPresent(String.self, forKey: .method) ?? "proportional"
        let method: SplitMethod
        switch methodName {
        case "proportional": method = .proportional
        case "even": method = .even
        case "fixed":
            guard container.contains(.weights) else {
                throw ConfigProblem(at: path + [Keys.method], "method fixed needs weights: {TARGET: WEIGHT, ...}, one per target")
            }
            let weights = try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .weights)
            var table: [String: Int] = [:]
            for key in weights.allKeys {
                guard targets.contains(key.stringValue) else {
                    throw ConfigProblem(at: weights.codingPath + [key], "\"\(key.stringValue)\" is not one of the targets", target: .key)
                }
                guard let weight = try weights.decodeIfPresent(Int.self, forKey: key, in: 1...1_000_000_000,
                                                               expected: "a whole number from 1 to 1000000000") else {
                    throw ConfigProblem(at: weights.codingPath + [key], "expected a whole number from 1 to 1000000000")
                }
                table[key.stringValue] = weight
            }
            if let missing = targets.first(where: { table[$0] == nil }) {
                throw ConfigProblem(at: path + [Keys.weights], "no weight for target \"\(missing)\"")
            }
            method = .fixed(table)
        default:
            throw ConfigProblem(at: path + [Keys.method], "unknown method \"\(methodName)\" (methods: proportional, even, fixed)")
        }
        if !(method.id == "fixed") && container.contains(.weights) {
            throw ConfigProblem(at: path + [Keys.weights], "weights are for method fixed", target: .key)
        }
        split = CostSplit(category: category, source: source, targets: targets, method: method)
    }
}
