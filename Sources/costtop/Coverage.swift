import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop coverage`: how much of the usage commitments could cover, they did cover.
struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Commitment coverage of eligible usage, by a dimension.",
        discussion: """
            Coverage = on-demand-equivalent cost of usage a Savings Plan, reservation or FOCUS commitment \
            discount covered ÷ that of all eligible usage (docs/commitments.md says which usage is eligible). \
            ON DEMAND is eligible spend nothing covered: the purchase opportunity. Percentages are 0-100.

            Examples:
              costtop coverage
              costtop coverage --by service --period last-month
              costtop coverage --by account --where service=AmazonEC2 --format json
            """)

    @OptionGroup var cacheOption: CacheOption
    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: ArgumentHelp("Group by this dimension.", valueName: "DIM"))
    var by: CostDimension = .fixed(.service)

    @OptionGroup var selection: SelectionOptions

    func run() throws {
        do {
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            let data = cache.daysOrToday
            let (_, range) = try periodOptions.resolve(in: data, fallback: .last30Days)
            let dimension = by
            let analysis = CommitmentAnalysis(cache: cache, rules: try selection.rulesOption.load())
            let result = try analysis.coverage(by: dimension, filters: selection.filters, period: range, currency: selection.currency)
            let summary = try analysis.summary(filters: selection.filters, period: range, currency: selection.currency)
            let output = CoverageOutput(result, by: dimension, savingsRate: summary.effectiveSavingsRate)
            print(output.render(as: selection.format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
