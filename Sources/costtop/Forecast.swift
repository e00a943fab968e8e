import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop forecast`: where this month (and the next) will land, per node, with an interval.
struct Forecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Forecast the month-end total of this month and the next, per node, with a prediction interval.",
        discussion: """
            The month defaults to the month of the last day in the cache. Usage is extrapolated from a \
            recent level with day-of-week factors (a level shift under way restarts the level); fees, \
            tax and credits that post on their own days are carried as known amounts. The interval comes \
            from the method's own errors on this bill's history, or from a wide fallback when the \
            history is short (the notes say so). Method and backtest: docs/forecast.md.

            Examples:
              costtop forecast
              costtop forecast --by service --where account=123456789012
              costtop forecast --by category:team --rules rules.yaml --level 90 --format json
              costtop forecast --month 2024-09 --format markdown
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("Forecast each value of this dimension.", valueName: "DIM"))
    var by: CostDimension = .fixed(.account)

    @Option(help: ArgumentHelp("The month to forecast (default: the month of the last day in the cache).", valueName: "YYYY-MM"))
    var month: String?

    @Option(help: ArgumentHelp("Coverage of the prediction interval, percent (50-99).", valueName: "PERCENT"))
    var level: Int = 80

    @Option(help: "Forecast at most N rows on their own; the rest are forecast together as one (other) row.")
    var limit: Int = 20

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    /// Treat this day as the last one known (the backtest, scripts/eval-forecast.py, cuts bills with it).
    @Option(name: .customLong("as-of"), help: .hidden)
    var asOf: String?

    /// Leave out the correction by the median past error (the backtest measures what it brings).
    @Flag(name: .customLong("no-bias-correction"), help: .hidden)
    var noBiasCorrection = false

    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        if let month, Self.parseMonth(month) == nil { throw ValidationError("bad --month '\(month)'; write YYYY-MM") }
        if let asOf, Day(asOf) == nil { throw ValidationError("bad --as-of '\(asOf)'; write YYYY-MM-DD") }
        guard (50...99).contains(level) else { throw ValidationError("--level must be from 50 to 99") }
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more") }
        if by == .day || by == .month { throw ValidationError("forecast by \(by) is not a node; pick another --by") }
    }

    /// The first day of the month `YYYY-MM`.
    static func parseMonth(_ text: String) -> Day? {
        Day(text + "-01")
    }

    func run() throws {
        do {
            let rules = try selection.rulesOption.load()
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            var spec = ForecastSpec(groupBy: by, filters: selection.filters, month: month.flatMap(Self.parseMonth),
                                    asOf: asOf.flatMap { Day($0) }, level: level, metric: metric,
                                    currency: selection.currency, limit: limit)
            spec.correctBias = !noBiasCorrection
            let result = try ForecastAnalysis(cache: cache, rules: rules).run(spec)
            let output = ForecastOutput(result)
            print(output.render(as: selection.format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
