import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop anomalies`: spend spikes, shifts, new and stopped spend, with their root causes.
struct Anomalies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Detect spend anomalies and explain them down the hierarchy.",
        discussion: """
            Every account, account/service, account/service/usage type, region and tag value is checked \
            against a same-weekday baseline; each cause is reported once, at the deepest node that explains it. \
            With a rules file (--rules), every value of every cost category is a view too, after its \
            shared-cost splits, as `costtop query --by category:NAME` shows it; --where narrows the bill \
            examined (category:NAME=VALUE keeps the charges the rules give that value).

            Examples:
              costtop anomalies
              costtop anomalies --since 2024-09-01 --min-impact 100 --format json
              costtop anomalies --min-increase 50 --metric effective
              costtop anomalies --rules rules.yaml --where category:team=data
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("Report anomalies starting on or after this day (default: the last 90 days of data).", valueName: "DAY"))
    var since: String?

    @Option(help: ArgumentHelp("Smallest total impact reported, in currency units (default: $20, or 0.5% of a typical day's bill when larger).", valueName: "AMOUNT"))
    var minImpact: Double?

    @Option(help: ArgumentHelp("Smallest increase over the expected value for a day to count, percent (default 30).", valueName: "PCT"))
    var minIncrease: Double?

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    @Option(help: "Output format.")
    var format: ReportFormat = .table

    @Flag(help: "Also show anomalies marked as expected in the explorer (feedback file beside the cache).")
    var all = false

    @OptionGroup var whereOption: WhereOption

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        if let since, Day(since) == nil { throw ValidationError("bad --since '\(since)'; write YYYY-MM-DD") }
        if let minImpact, minImpact < 0 { throw ValidationError("--min-impact must be 0 or more") }
        if let minIncrease, minIncrease < 0 { throw ValidationError("--min-increase must be 0 or more") }
    }

    func run() throws {
        do {
            let rules = try rulesOption.load()
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            var settings = AnomalySettings()
            if let minImpact {
                settings.minimumImpact = minImpact
                settings.scaleToBill = false
            }
            if let minIncrease { settings.relativeThreshold = minIncrease / 100 }
            let feedback = try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache.path))
            let anomalies = try AnomalyDetector(cache: cache, settings: settings, rules: rules, filters: whereOption.filters)
                .detect(metric: metric, since: since.flatMap(Day.init))
                .filter { all || feedback.verdict(for: $0) != .expected }
            print(AnomaliesOutput(anomalies).render(as: format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
