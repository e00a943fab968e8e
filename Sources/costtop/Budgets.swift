import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop budgets`: every budget of the rules file against this month's actual and forecast.
struct Budgets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each budget's amount, actual to date, forecast and status; --check exits 10 when an alert is crossed.",
        discussion: """
            Budgets live in the rules file (--rules; docs/budgets.md). Status: exceeded (actual ≥ amount), \
            at-risk (forecast ≥ amount), ok. Percentages are of the amount, 0-100. With --check, every \
            crossed alert threshold is named on stderr and the exit code is 10 (0 when none is), for cron \
            and CI.

            Examples:
              costtop budgets
              costtop budgets --month 2024-09 --format json
              costtop budgets --rules rules.yaml --check
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("The month (default: the month of the last day in the cache).", valueName: "YYYY-MM"))
    var month: String?

    @Flag(help: "Exit 10 when any alert threshold is crossed (each named on stderr), 0 otherwise.")
    var check = false

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    /// Treat this day as the last one known (tests and the backtest).
    @Option(name: .customLong("as-of"), help: .hidden)
    var asOf: String?

    @OptionGroup var selection: SelectionOptions

    func validate() throws {
        if let month, Forecast.parseMonth(month) == nil { throw ValidationError("bad --month '\(month)'; write YYYY-MM") }
        if let asOf, Day(asOf) == nil { throw ValidationError("bad --as-of '\(asOf)'; write YYYY-MM-DD") }
    }

    func run() throws {
        let crossed: [String]
        do {
            let rules = try selection.rulesOption.load()
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            let data = cache.daysOrToday
            let known = min(asOf.flatMap { Day($0) } ?? data.to, data.to)
            let monthDay = month.flatMap(Forecast.parseMonth) ?? known
            let statuses = try BudgetEvaluation(forecasts: ForecastAnalysis(cache: cache, rules: rules))
                .run(month: monthDay, asOf: known, metric: metric, currency: selection.currency, extraFilters: selection.filters)
            let output = BudgetsOutput(statuses, month: monthDay.firstOfMonth, asOf: min(known, monthDay.lastOfMonth))
            print(output.render(as: selection.format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
            crossed = statuses.flatMap { status in
                status.crossed.map { alert in
                    "budget \(status.budget.name): \(alert.alert.basis.rawValue) \(Money.plainString(alert.value)) reached "
                        + "\(NumberText.trimmed(alert.alert.percent))% of \(Money.plainString(status.amount)) "
                        + "(\(Money.plainString(alert.threshold)))"
                }
            }
        } catch {
            throw reportFailure(error)
        }
        guard check, !crossed.isEmpty else { return }
        for line in crossed {
            FileHandle.standardError.write(Data("costtop: alert: \(TerminalSanitizer.sanitize(line))\n".utf8))
        }
        throw ExitCode(ExitStatus.alertReported)
    }
}
