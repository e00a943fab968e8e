import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

extension DocumentFormat: ExpressibleByArgument {}

/// `costtop report`: the document people take out of a cost review, in Markdown, text or HTML.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the cost review report: totals, movers, anomalies, commitments, tags, showback.",
        discussion: """
            Sections: totals and change (with the daily series of both windows), top movers with their \
            drivers and notes (and a driver waterfall), the period's anomalies with root causes, commitment \
            coverage and utilization, tag coverage of the most-used tag keys, and showback by the rules \
            file's first category when it defines one. The same cache and arguments give the same bytes \
            (docs/report.md).

            Examples:
              costtop report
              costtop report --period last-month --format html --output september.html
              costtop report --period mtd --compare last-month --format text
              costtop report --rules rules.yaml --metric effective --output report.md
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("last-7d, last-30d, mtd, last-month, all, or FROM..TO (default last-30d).", valueName: "P"))
    var period: String?

    @Option(help: ArgumentHelp("previous, last-month (the same days a month earlier), or FROM..TO.", valueName: "C"))
    var compare: String = "previous"

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    @Option(help: "Output format.")
    var format: DocumentFormat = .markdown

    @Option(help: ArgumentHelp("Write the report to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        try ComparedWindows.validate(period: period, compare: compare)
        if let output, output.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--output needs a file name") }
    }

    func run() throws {
        do {
            let rules = try rulesOption.load()
            let windows = try ComparedWindows(cachePath: cacheOption.resolvedPath, period: period, compare: compare,
                                              defaultPeriod: .last30Days)
            let (cache, range, comparison) = (windows.cache, windows.period, windows.comparison)
            let context = ReportContext(
                cache: cache, rules: rules, period: range, comparison: comparison, metric: metric,
                moverNotes: try MoverNotes(path: MoverNotes.path(forCache: cache.path)).notes,
                anomalyFeedback: try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache.path)))
            let text = format.render(try MeetingReport.document(context))
            if let output {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw ReportWriteError(path: output, reason: (error as NSError).localizedDescription)
                }
            } else {
                print(text, terminator: "")
            }
        } catch {
            throw reportFailure(error)
        }
    }
}
