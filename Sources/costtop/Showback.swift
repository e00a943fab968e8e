import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop showback`: what each value of a cost category costs once shared costs are split.
struct Showback: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each value of a cost category: direct cost, split in and out, total, share, change.",
        discussion: """
            The category and its splits come from the rules file (--rules; docs/allocation.md). Totals \
            reconcile with `costtop query --by category:NAME` for the same selection. CSV and JSON carry \
            FOCUS 1.3-style AllocatedMethodId and AllocatedRatio where a value received split cost. With \
            --per METRIC (a business metric imported with `costtop metrics import`), each value's total per \
            unit, the previous period's, and the unit cost's change split into cost and volume growth.

            Examples:
              costtop showback --by category:team
              costtop showback --by category:team --period last-month --format csv
              costtop showback --by category:product --rules rules.yaml --where account!=123456789012 --format json
              costtop showback --by category:team --per orders --period last-month
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("The category to show back.", valueName: "category:NAME"))
    var by: CostDimension

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    @Option(help: ArgumentHelp("Also show each value's cost per unit of this business metric (costtop metrics import).", valueName: "METRIC"))
    var per: String?

    func validate() throws {
        guard case .category = by else { throw ValidationError("showback needs --by category:NAME (a category of the rules file)") }
    }

    func run() throws {
        do {
            let rules = try selection.rulesOption.load()
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            let (periodSpec, range) = try periodOptions.resolve(in: cache.daysOrToday, fallback: .last30Days)
            let spec = QuerySpec(groupBy: by, filters: selection.filters, period: range,
                                 comparison: periodSpec.previous(of: range), metric: metric, currency: selection.currency)
            let result = try QueryEngine(cache: cache, rules: rules).run(spec)
            let perUnit = try per.map { metric -> (metric: String, metrics: BusinessMetrics) in
                (metric, try BusinessMetrics.load(metric, cachePath: cacheOption.resolvedPath))
            }
            let output = ShowbackOutput(result, rulesFile: rules.file, per: perUnit)
            print(output.render(as: selection.format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
