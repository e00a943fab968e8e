import CostModel
import Foundation

/// Reads a rules file (cost categories, shared-cost splits and budgets, docs/allocation.md) into
/// `AllocationRules`, with every problem at its file, line and column.
public enum RulesFile {
    /// Where the rules file is when `--rules` is not given: `$XDG_CONFIG_HOME/costtop/rules.yaml`,
    /// else `~/.config/costtop/rules.yaml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGPath.file("rules.yaml", in: .config, environment: environment)
    }

    /// The rules at `path`, or at the default path when `path` is nil. A missing default file means
    /// no rules; a missing file named explicitly is an error.
    /// - Throws: `ConfigError` at the place of the problem.
    public static func load(path: String?) throws -> AllocationRules {
        let file = path ?? defaultPath()
        if path == nil && !FileManager.default.fileExists(atPath: file) { return .none }
        var rules = try YAMLFile.decode(DecodedRules.self, path: file).rules
        rules.file = file
        return rules
    }

    /// The rules in `text`, naming `file` in errors (tests, `rules check` of a file read elsewhere).
    /// - Throws: `ConfigError` at the place of the problem.
    public static func decode(_ text: String, file: String) throws -> AllocationRules {
        var rules = try YAMLFile.decode(DecodedRules.self, from: text, file: file).rules
        rules.file = file
        return rules
    }
}

/// The top level of a rules file, checked as a whole after its parts are read: names unique,
/// splits pointing at a category, a value split at most once, no cycles.
struct DecodedRules: Decodable {
    let rules: AllocationRules

    private enum Keys: String, CodingKey, CaseIterable { case categories, splits, budgets }

    init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(Keys.self)
        let container = try decoder.container(keyedBy: Keys.self)
        let categories = try container.decodeIfPresent([DecodedCategory].self, forKey: .categories)?.map(\.category) ?? []
        let splits = try container.decodeIfPresent([DecodedSplit].self, forKey: .splits)?.map(\.split) ?? []
        let budgets = try container.decodeIfPresent([DecodedBudget].self, forKey: .budgets)?.map(\.budget) ?? []
        let path = decoder.codingPath
        for (index, category) in categories.enumerated()
        where categories[..<index].contains(where: { $0.name == category.name }) {
            throw ConfigProblem(at: path + [Keys.categories, AnyCodingKey(intValue: index)!, AnyCodingKey("name")],
                                "category \"\(category.name)\" is defined twice; keep one")
        }
        for (index, split) in splits.enumerated() {
            let at = path + [Keys.splits, AnyCodingKey(intValue: index)!]
            guard categories.contains(where: { $0.name == split.category }) else {
                let names = categories.isEmpty ? "none" : categories.map(\.name).joined(separator: ", ")
                throw ConfigProblem(at: at + [AnyCodingKey("category")],
                                    "no category \"\(split.category)\" in this file (categories: \(names))")
            }
            if let earlier = splits[..<index].firstIndex(where: { $0.category == split.category && $0.source == split.source }) {
                throw ConfigProblem(at: at + [AnyCodingKey("source")],
                                    "\"\(split.source)\" is already split by splits[\(earlier)]; a value is split once")
            }
        }
        for name in Set(splits.map(\.category)) {
            let indexes = splits.indices.filter { splits[$0].category == name }
            do {
                _ = try SplitOrder.resolve(indexes.map { splits[$0] })
            } catch let cycle as SplitCycle {
                let named = cycle.indexes.map { "splits[\(indexes[$0])]" }.joined(separator: ", ")
                throw ConfigProblem(at: path + [Keys.splits, AnyCodingKey(intValue: indexes[cycle.indexes[0]])!],
                                    "\(named): \(cycle)")
            }
        }
        for (index, budget) in budgets.enumerated() {
            let at = path + [Keys.budgets, AnyCodingKey(intValue: index)!]
            if budgets[..<index].contains(where: { $0.name == budget.name }) {
                throw ConfigProblem(at: at + [AnyCodingKey("name")], "budget \"\(budget.name)\" is defined twice; keep one")
            }
            for condition in budget.filter {
                guard case .category(let name) = condition.dimension, !categories.contains(where: { $0.name == name }) else { continue }
                let names = categories.isEmpty ? "none" : categories.map(\.name).joined(separator: ", ")
                throw ConfigProblem(at: at + [AnyCodingKey("filter"), AnyCodingKey(condition.dimension.description)],
                                    "no category \"\(name)\" in this file (categories: \(names))", target: .key)
            }
        }
        rules = AllocationRules(categories: categories, splits: splits, budgets: budgets)
    }
}
