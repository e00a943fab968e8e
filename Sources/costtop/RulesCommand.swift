import ArgumentParser
import CostCache
import CostConfig
import CostEngine
import CostModel
import Foundation

/// `costtop rules`: commands about the rules file.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check the rules file (cost categories and splits) before relying on it.",
        subcommands: [RulesCheckCommand.self])
}

/// `costtop rules check`: validates a rules file and shows what it does to the bill.
struct RulesCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the rules file; list shadowed, unused and overlapping rules, the default's share, and changes.",
        discussion: """
            Problems in the file are reported as FILE:LINE:COLUMN (exit 64). For each category: what each \
            rule wins, rules that can never match (an earlier rule covers them), rules that match nothing \
            in the period, overlapping rules (the earlier one wins), and the cost left in the default \
            value. With --against OLD_FILE, each value's cost after splits under both files and the change.

            Examples:
              costtop rules check
              costtop rules check --rules new-rules.yaml --against rules.yaml --period last-month
            """)

    @OptionGroup var cacheOption: CacheOption

    @OptionGroup var rulesOption: RulesOption

    @Option(help: ArgumentHelp("An older rules file to compare with.", valueName: "OLD_FILE"))
    var against: String?

    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    func run() throws {
        do {
            let rules = try rulesOption.load()
            let old = try against.map { try RulesFile.load(path: $0) }
            guard !rules.categories.isEmpty else {
                throw ConfigError("no rules file at \(RulesFile.defaultPath()); pass --rules FILE")
            }
            var out = "\(rules.file ?? "rules"): valid; \(rules.categories.count) categories, \(rules.splits.count) splits\n"
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            let (_, range) = try periodOptions.resolve(in: cache.daysOrToday, fallback: .last30Days)
            for check in try RulesCheck.run(rules, cache: cache, period: range, metric: metric) {
                out += report(check, category: rules.category(named: check.name)!, range: range)
                let splits = try rules.orderedSplits(of: check.name)
                if !splits.isEmpty {
                    out += "  splits, in the order applied:\n"
                    for split in splits {
                        out += "    \(split.source) → \(split.targets.joined(separator: ", ")) (\(split.method.id))\n"
                    }
                }
            }
            if let old { out += try comparison(rules, old: old, cache: cache, range: range) }
            print(out, terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }

    private func money(_ nanos: Int128) -> String { Money.groupedString(nanos) }

    private func percent(_ part: Int128, of total: Int128) -> String {
        total == 0 ? "—" : String(format: "%.1f%%", Double(part) / Double(total) * 100)
    }

    private func report(_ check: CategoryCheck, category: CostCategory, range: DayRange) -> String {
        func name(_ index: Int) -> String { "rule \(index + 1) (\(category.rules[index].summary))" }
        var out = "\ncategory \(check.name) · \(metric.rawValue) cost · \(range) · \(money(check.total))\n"
        for index in category.rules.indices {
            out += "  \(name(index)): \(money(check.ruleCosts[index])) (\(percent(check.ruleCosts[index], of: check.total)))\n"
        }
        out += "  default \(category.defaultValue): \(money(check.defaultCost)) (\(percent(check.defaultCost, of: check.total))) left unmatched\n"
        for (rule, by) in check.shadowed { out += "  shadowed: \(name(rule)) can never match; \(name(by)) matches all it would\n" }
        for rule in check.unmatched { out += "  unused: \(name(rule)) matches nothing in \(range)\n" }
        for overlap in check.overlaps {
            out += "  overlap: \(name(overlap.earlier)) and \(name(overlap.later)) both match \(money(overlap.cost)); the first wins\n"
        }
        return out
    }

    /// Each value's cost after splits under the old and the new rules, for every category in either.
    private func comparison(_ rules: AllocationRules, old: AllocationRules, cache: CacheFile, range: DayRange) throws -> String {
        var out = "\nagainst \(old.file ?? "the old rules"):\n"
        let names = rules.categories.map(\.name) + old.categories.map(\.name).filter { rules.category(named: $0) == nil }
        for name in names {
            func costs(_ rules: AllocationRules) throws -> [String: Int128] {
                guard rules.category(named: name) != nil else { return [:] }
                let spec = QuerySpec(groupBy: .category(name), period: range, comparison: nil, metric: metric)
                let result = try QueryEngine(cache: cache, rules: rules).run(spec)
                return Dictionary(result.rows.map { ($0.key, $0.cost) }, uniquingKeysWith: +)
            }
            let new = try costs(rules), before = try costs(old)
            out += "  category \(name)\n"
            let values = Set(new.keys).union(before.keys).sorted {
                abs((new[$0] ?? 0) - (before[$0] ?? 0)) > abs((new[$1] ?? 0) - (before[$1] ?? 0))
            }
            let width = max(5, values.map(\.count).max() ?? 0)
            out += "    " + "VALUE".padding(toLength: width, withPad: " ", startingAt: 0) + "           OLD           NEW        CHANGE\n"
            for value in values {
                let was = before[value] ?? 0, now = new[value] ?? 0
                let change = now - was
                out += "    " + value.padding(toLength: width, withPad: " ", startingAt: 0)
                    + [money(was), money(now), (change > 0 ? "+" : "") + money(change)]
                        .map { String(repeating: " ", count: max(1, 14 - $0.count)) + $0 }.joined() + "\n"
            }
        }
        return out
    }
}
