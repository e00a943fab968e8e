import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop alert`: the anomalies no earlier run reported, for cron (docs/alerting.md).
///
/// Exit 10 when it reported something, 0 when nothing was new; errors keep their codes. The
/// reported anomalies are recorded in `<cache>.alerted.csv` only after the report went out (printed,
/// or accepted by the `--exec` command), so a failed delivery is tried again by the next run.
struct Alert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report anomalies not reported by an earlier run (for cron); exit 10 when there are some.",
        discussion: """
            Runs the same detection as `costtop anomalies` and keeps what it reported in <cache>.alerted.csv, \
            beside the cache, so re-ingests do not make old anomalies new. Anomalies marked expected in the \
            explorer are left out. Exit codes: 10 new anomalies reported; 0 nothing new; 75 the --exec \
            command failed (nothing recorded); others as for every command.

            Examples:
              costtop alert --min-impact 100
              costtop alert --rules rules.yaml          # cost-category values are views too
              costtop alert --format json --exec 'curl -sf -H "Content-Type: application/json" -d @- "$WEBHOOK"'
            """)

    /// `--format`: the table is plain text here (a mail or chat message), and CSV has no use.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown

        var report: ReportFormat {
            switch self {
            case .text: return .table
            case .json: return .json
            case .markdown: return .markdown
            }
        }
    }

    /// Exit status when new anomalies were reported (the contract for scripts and cron).
    static let reportedStatus = ExitStatus.alertReported

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("Consider anomalies starting on or after this day (default: the last 14 days of data).", valueName: "DAY"))
    var since: String?

    @Option(help: ArgumentHelp("Smallest total impact reported, in currency units (default: as for `anomalies`).", valueName: "AMOUNT"))
    var minImpact: Double?

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Pipe the report to this shell command (once per run, only when there is something new) instead of printing it.",
                               valueName: "COMMAND"))
    var exec: String?

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        if let since, Day(since) == nil { throw ValidationError("bad --since '\(since)'; write YYYY-MM-DD") }
        if let minImpact, minImpact < 0 { throw ValidationError("--min-impact must be 0 or more") }
        if let exec, exec.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--exec needs a command") }
    }

    func run() throws {
        let fresh: [Anomaly]
        var log: AlertLog
        do {
            let rules = try rulesOption.load()
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            guard let data = cache.dayRange else { throw CacheError.empty(path: cache.path) }
            var settings = AnomalySettings()
            if let minImpact {
                settings.minimumImpact = minImpact
                settings.scaleToBill = false
            }
            let feedback = try AnomalyFeedback(path: AnomalyFeedback.path(forCache: cache.path))
            log = try AlertLog(path: AlertLog.path(forCache: cache.path))
            let start = since.flatMap(Day.init) ?? data.to.adding(days: -13)
            fresh = try AnomalyDetector(cache: cache, settings: settings, rules: rules)
                .detect(metric: metric, since: start)
                .filter { feedback.verdict(for: $0) != .expected && !log.wasReported($0) }
        } catch {
            throw reportFailure(error)
        }
        guard !fresh.isEmpty else { return }
        let report = AlertOutput(fresh).render(as: format.report, sanitize: exec == nil && isatty(STDOUT_FILENO) != 0)
        if let exec {
            let status = try deliver(report, to: exec)
            guard status == 0 else {
                FileHandle.standardError.write(Data("costtop: error: --exec command exited with status \(status); nothing recorded, the next run reports these again\n".utf8))
                throw ExitCode(ExitStatus.temporaryFailure)
            }
        } else {
            print(report, terminator: "")
        }
        do {
            try log.record(fresh)
        } catch {
            throw reportFailure(error)
        }
        throw ExitCode(Self.reportedStatus)
    }

    /// Runs `command` with `/bin/sh -c`, the report on its standard input; its output goes to ours.
    /// - Returns: the command's exit status (a signal counts as failure).
    private func deliver(_ report: String, to command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            throw reportFailure(error)
        }
        // A command that exits without reading its input must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try? input.fileHandleForWriting.write(contentsOf: Data(report.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
    }
}
