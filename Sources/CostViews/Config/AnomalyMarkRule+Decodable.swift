import CostConfig

/// The config file's `anomaly_marks:` mapping: `notable` and `severe`, percentages of a row's cost
/// in the period (numbers from 0 to 100; `severe` may not be below `notable`).
extension AnomalyMarkRule: Decodable {
    /// The config file's names for the settings.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case notable, severe
    }

    /// Reads the settings present and checks them.
    /// - Throws: `ConfigProblem` at the unknown key or the value at fault.
    public init(from decoder: any Decoder) throws {
        self.init()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func percent(_ key: CodingKeys) throws -> Double? {
            guard let value = try container.decodeIfPresent(Double.self, forKey: key) else { return nil }
            guard (0...100).contains(value) else {
                throw ConfigProblem(at: decoder.codingPath + [key], "expected a percentage from 0 to 100, found \(value)")
            }
            return value
        }
        notablePercent = try percent(.notable) ?? notablePercent
        severePercent = try percent(.severe) ?? severePercent
        if severePercent < notablePercent {
            throw ConfigProblem(at: decoder.codingPath + [container.contains(.severe) ? CodingKeys.severe : .notable],
                                "severe (\(severePercent)) is below notable (\(notablePercent)); a severe mark must need the larger share")
        }
    }
}
