import CostModel

/// One entry of `categories:`: a name, ordered rules and a default value.
struct DecodedCategory: Decodable {
    let category: CostCategory

    private enum Keys: String, CodingKey, CaseIterable { case name, rules, `default` }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self)
        let container = try decoder.container(keyedBy: Keys.self)
        let name = try container.decode(String.self, forKey: .name)
        guard !name.isEmpty, !name.contains(where: { $0 == "=" || $0 == "!" || $0.isWhitespace }) else {
            throw ConfigProblem(at: container.codingPath + [Keys.name],
                                "a category name needs at least one character and no spaces, = or !")
        }
        let rules = try container.decodeIfPresent([DecodedRule].self, forKey: .rules)?.map(\.rule) ?? []
        let fallback = try container.decodeIfPresent(String.self, forKey: .default) ?? "unallocated"
        category = CostCategory(name: name, rules: rules, defaultValue: fallback)
    }
}

/// One rule: `value: V` or `inherit: DIM`, with an optional `match:` mapping of dimension to a value
/// or a list of values.
struct DecodedRule: Decodable {
    let rule: CategoryRule

    private enum Keys: String, CodingKey, CaseIterable { case value, inherit, match }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self)
        let container = try decoder.container(keyedBy: Keys.self)
        let value = try container.decodeIfPresent(String.self, forKey: .value)
        let inherit = try container.decodeIfPresent(String.self, forKey: .inherit)
        let outcome: CategoryRule.Outcome
        switch (value, inherit) {
        case (let value?, nil):
            outcome = .value(value)
        case (nil, let inherit?):
            outcome = .inherit(try Self.dimension(inherit, at: container.codingPath + [Keys.inherit]))
        case (.some, .some):
            throw ConfigProblem(at: container.codingPath + [Keys.inherit], "a rule has either value or inherit, not both",
                                target: .key)
        case (nil, nil):
            throw ConfigProblem(at: decoder.codingPath, "a rule needs value: VALUE or inherit: DIM")
        }
        var conditions: [MatchCondition] = []
        if container.contains(.match) {
            let match = try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .match)
            for key in match.allKeys {
                let dimension = try Self.dimension(key.stringValue, at: match.codingPath + [key], target: .key)
                let values: [String]
                if let list = try? match.decode([String].self, forKey: key) {
                    values = list
                } else {
                    values = [try match.decode(String.self, forKey: key)]
                }
                guard !values.isEmpty else {
                    throw ConfigProblem(at: match.codingPath + [key], "an empty list matches nothing; give at least one value")
                }
                conditions.append(MatchCondition(dimension: dimension, values: values))
            }
            // Keys come back in hash order; keep the order stable for messages and tests.
            conditions.sort { $0.dimension.description < $1.dimension.description }
        }
        rule = CategoryRule(outcome, conditions: conditions)
    }

    /// A dimension a rule can test or inherit: a fixed dimension or `tag:KEY`.
    static func dimension(_ text: String, at path: [any CodingKey], target: ConfigProblem.Target = .value) throws -> CostDimension {
        let dimension = CostDimension(text)
        switch dimension {
        case .fixed?, .tag?:
            return dimension!
        default:
            let fixed = FixedDimension.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigProblem(at: path, "\"\(text)\" is not a dimension a rule can use (\(fixed), tag:KEY)", target: target)
        }
    }
}
