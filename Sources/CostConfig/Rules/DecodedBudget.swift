import Foundation
import CostModel

/// One entry of `budgets:`: a name, a filter, a monthly amount (one number, twelve numbers for
/// January to December, or a mapping of `YYYY-MM` to amounts) and alerts (docs/budgets.md).
struct DecodedBudget: Decodable {
    let budget: Budget

    private enum Keys: String, CodingKey, CaseIterable { case name, filter, monthly, alerts }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self)
        let container = try decoder.container(keyedBy: Keys.self)
        let path = container.codingPath
        let name = try container.decode(String.self, forKey: .name)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ConfigProblem(at: path + [Keys.name], "a budget needs a name")
        }
        let filter = try container.contains(.filter) ? Self.filter(try container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .filter)) : []
        guard container.contains(.monthly) else { throw ConfigProblem(at: path, "budget \"\(name)\" needs monthly: AMOUNT") }
        let amount = try Self.amount(container, at: path + [Keys.monthly])
        let alerts = try container.decodeIfPresent([DecodedAlert].self, forKey: .alerts)?.map(\.alert) ?? []
        budget = Budget(name: name, filter: filter, amount: amount, alerts: alerts)
    }

    /// `{DIM: VALUE | [VALUES]}`: any dimension but day and month; lists on one dimension at most.
    private static func filter(_ mapping: KeyedDecodingContainer<AnyCodingKey>) throws -> [MatchCondition] {
        var conditions: [MatchCondition] = []
        for key in mapping.allKeys {
            guard let dimension = CostDimension(key.stringValue), dimension != .day, dimension != .month else {
                throw ConfigProblem(at: mapping.codingPath + [key],
                                    "\"\(key.stringValue)\" is not a dimension a budget can filter on (\(CostDimension.spellings), but not day or month)",
                                    target: .key)
            }
            let values: [String]
            if let list = try? mapping.decode([String].self, forKey: key) {
                values = list
            } else {
                values = [try mapping.decode(String.self, forKey: key)]
            }
            guard !values.isEmpty else {
                throw ConfigProblem(at: mapping.codingPath + [key], "an empty list matches nothing; give at least one value")
            }
            if values.count > 1, conditions.contains(where: { $0.values.count > 1 }) {
                throw ConfigProblem(at: mapping.codingPath + [key],
                                    "only one dimension of a budget's filter may list several values; define a category for the rest")
            }
            conditions.append(MatchCondition(dimension: dimension, values: values))
        }
        // Keys come back in hash order; keep the order stable for messages and tests.
        return conditions.sorted { $0.dimension.description < $1.dimension.description }
    }

    /// `monthly:` as one amount, a list of twelve, or a mapping of `YYYY-MM` to amounts.
    private static func amount(_ container: KeyedDecodingContainer<Keys>, at path: [any CodingKey]) throws -> Budget.Amount {
        if let list = try? container.decode([String].self, forKey: .monthly) {
            guard list.count == 12 else {
                throw ConfigProblem(at: path, "a list of monthly amounts has 12 (January to December), found \(list.count)")
            }
            return .byCalendarMonth(try list.enumerated().map { try money($0.element, at: path + [AnyCodingKey(intValue: $0.offset)!]) })
        }
        if let table = try? container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .monthly) {
            var amounts: [Int: Int128] = [:]
            for key in table.allKeys {
                guard let first = Day(key.stringValue + "-01") else {
                    throw ConfigProblem(at: table.codingPath + [key], "a month is written YYYY-MM", target: .key)
                }
                amounts[first.monthIndex] = try money(try table.decode(String.self, forKey: key), at: table.codingPath + [key])
            }
            guard !amounts.isEmpty else { throw ConfigProblem(at: path, "no months in monthly: give at least one") }
            return .byMonth(amounts)
        }
        return .every(try money(try container.decode(String.self, forKey: .monthly), at: path))
    }

    /// A positive amount of money in nano-units.
    private static func money(_ text: String, at path: [any CodingKey]) throws -> Int128 {
        guard let nanos = try? DecimalParser.parseFixed(text.replacingOccurrences(of: "_", with: "")), nanos > 0 else {
            throw ConfigProblem(at: path, "expected a positive amount (12000, 12000.50), found \"\(text)\"")
        }
        return Int128(nanos)
    }
}

/// One alert: `{actual: PERCENT}` or `{forecast: PERCENT}`.
struct DecodedAlert: Decodable {
    let alert: Budget.Alert

    private enum Keys: String, CodingKey, CaseIterable { case actual, forecast }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self, kind: "alert basis")
        let container = try decoder.container(keyedBy: Keys.self)
        guard container.allKeys.count == 1, let key = container.allKeys.first else {
            throw ConfigProblem(at: decoder.codingPath, "an alert is {actual: PERCENT} or {forecast: PERCENT}, one of them")
        }
        let percent: Double
        do {
            percent = try container.decode(Double.self, forKey: key)
        } catch is DecodingError {
            throw ConfigProblem(at: container.codingPath + [key], "expected a percentage of the amount, such as 80")
        }
        guard percent > 0, percent <= 1000 else {
            throw ConfigProblem(at: container.codingPath + [key], "expected a percentage above 0 and at most 1000, found \(percent)")
        }
        alert = Budget.Alert(basis: key == .actual ? .actual : .forecast, percent: percent)
    }
}
