import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop commitments`: utilization of every Savings Plan, reservation and commitment discount.
struct Commitments: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Utilization and unused money of every commitment in a period.",
        discussion: """
            Utilization = used ÷ total commitment for the period (Savings Plans: UsedCommitment ÷ \
            TotalCommitmentToDate; reservations: the amortized fee less its unused part ÷ the fee; FOCUS: \
            Used ÷ (Used + Unused) effective cost). Formulas in docs/commitments.md. Percentages are 0-100.

            Examples:
              costtop commitments
              costtop commitments --period last-month --format json
              costtop commitments --where account=123456789012
            """)

    @OptionGroup var cacheOption: CacheOption
    @OptionGroup var periodOptions: PeriodOptions

    @OptionGroup var selection: SelectionOptions

    func run() throws {
        do {
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            let data = cache.daysOrToday
            let (_, range) = try periodOptions.resolve(in: data, fallback: .last30Days)
            let analysis = CommitmentAnalysis(cache: cache, rules: try selection.rulesOption.load())
            let rows = try analysis.commitments(filters: selection.filters, period: range, currency: selection.currency)
            let chosen = try analysis.currency(filters: selection.filters, period: range, asked: selection.currency)
            let output = CommitmentsOutput(rows, period: range, currency: chosen)
            print(output.render(as: selection.format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
