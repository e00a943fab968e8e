import ArgumentParser
import CostConfig
import CostModel

/// `--rules FILE`: the cost categories and splits (docs/allocation.md), shared by every command
/// that reads a cache (through `SelectionOptions`, or on its own where a command has no `--where`
/// group of its own) and the explorer. The default path comes from `XDGPath`, as the cache's does.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The rules file: cost categories and shared-cost splits (docs/allocation.md).",
        discussion: "Default: $XDG_CONFIG_HOME/costtop/rules.yaml, else ~/.config/costtop/rules.yaml, when it exists.",
        valueName: "FILE"))
    var rules: String?

    func validate() throws {
        if let rules, rules.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--rules needs a file name")
        }
    }

    /// The rules named by `--rules`, else the default file's, else none.
    /// - Throws: `ConfigError` at the file, line and column of a problem.
    func load() throws -> AllocationRules {
        try RulesFile.load(path: rules)
    }
}
