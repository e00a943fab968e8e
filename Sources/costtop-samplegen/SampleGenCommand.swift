import ArgumentParser
import Foundation

/// `costtop-samplegen`: writes a realistic, deterministic sample AWS bill as a legacy CUR
/// (with manifests and a superseded assembly) and/or a FOCUS 1.0 export.
@main
struct SampleGenCommand: ParsableCommand {
    /// About 2.7 MB of gzip CUR for the default 90 days, under 5 MB with FOCUS and the restatement.
    static let defaultRows = 33_000

    static let configuration = CommandConfiguration(
        commandName: "costtop-samplegen",
        abstract: "Write a deterministic sample AWS bill (legacy CUR and/or FOCUS 1.0).",
        discussion: """
            The same arguments always produce byte-identical files. The bill has 12 linked accounts, \
            30 services in 10 regions, hourly usage with weekly seasonality, a Compute Savings Plan, \
            two reservations, taxes and credits, and three planted stories (a spike, a new service, \
            a ramp); docs/sample-data.md describes them. For evaluating an anomaly detector, \
            --no-stories makes a quiet bill and --anomalies N --labels FILE plants N labelled anomalies.
            """)

    @Option(name: .long, help: "Folder to write into (created when missing).")
    var out: String

    @Option(name: .long, help: "Seed of the generator; the same seed gives the same bill.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "Approximate number of CUR line items (the core resources alone make about 12 per hour).")
    var rows: Int = SampleGenCommand.defaultRows

    @Option(name: .long, help: "Number of days of hourly usage.")
    var days: Int = 90

    @Option(name: .long, help: "First day of usage (YYYY-MM-DD, UTC).")
    var start: String = "2024-07-01"

    @Option(name: .long, help: "Exports to write: cur, focus or both.")
    var format: OutputFormat = .both

    @Flag(name: .customLong("no-gzip"), help: "Write plain .csv files instead of .csv.gz.")
    var noGzip = false

    @Option(name: .long, help: "Plant this many labelled anomalies (spike, level-shift, new-spend, stopped-spend, gradual-growth).")
    var anomalies: Int = 0

    @Option(name: .long, help: "Write the planted anomalies to this CSV file (kind,account,service,usage_type,start,end,impact).")
    var labels: String?

    @Flag(name: .customLong("no-stories"),
          help: "A quiet bill: no built-in stories, no resources starting or stopping mid-range, steady day-to-day usage.")
    var noStories = false

    /// Rejects impossible dates and out-of-range sizes before anything is written.
    func validate() throws {
        guard let date = CivilDate(parsing: start) else {
            throw ValidationError("--start must be a date like 2024-07-01")
        }
        guard date.year >= 1970, date.year < 9000 else { throw ValidationError("--start must be between 1970 and 8999") }
        guard (1...3660).contains(days) else { throw ValidationError("--days must be between 1 and 3660") }
        guard rows >= 1, rows <= 500_000_000 else { throw ValidationError("--rows must be between 1 and 500000000") }
        guard (0...10_000).contains(anomalies) else { throw ValidationError("--anomalies must be between 0 and 10000") }
        guard anomalies == 0 || days >= AnomalyPlanner.minimumDays else {
            throw ValidationError("--anomalies needs --days \(AnomalyPlanner.minimumDays) or more (four weeks of baseline before each anomaly)")
        }
    }

    /// Builds the plan, writes the current bill, then the superseded assembly, and reports.
    func run() throws {
        let clock = ContinuousClock()
        let began = clock.now
        let firstDay = CivilDate(parsing: start)!
        let options = PlanOptions(seed: seed, start: firstDay, days: days, rows: rows, stories: !noStories, anomalies: anomalies)
        let plan = try PlanBuilder(options: options).build()
        let layout = OutputLayout(root: out, gzip: !noGzip)

        let cur = format.writesCUR ? CURWriter(plan: plan, layout: layout) : nil
        let focus = format.writesFOCUS ? FOCUSWriter(plan: plan, layout: layout) : nil
        var sinks: [LineItemSink] = []
        if let cur { sinks.append(cur) }
        if let focus { sinks.append(focus) }
        let ledger = plan.anomalies.isEmpty ? nil : AnomalyLedger(plan: plan)
        if let ledger { sinks.append(ledger) }
        let generator = BillGenerator(plan: plan, sinks: sinks)
        for period in plan.periods {
            try generator.run(period)
        }
        let mainPass = seconds(since: began, clock)
        if let labels {
            try LabelsWriter.write(labels, plan: plan, start: firstDay, impacts: ledger?.impacts ?? [])
        }

        // An earlier, superseded assembly of the first month: the same resources over the first
        // two thirds of the month, with different amounts and ids, named by no manifest.
        var restated: CURWriter?
        if format.writesCUR, let first = plan.periods.first {
            let writer = CURWriter(plan: plan, layout: layout, variant: 1, writesManifest: false)
            let wholeDays = max(1, first.hours.count / 24 * 2 / 3)
            let hours = first.hours.lowerBound..<min(first.hours.upperBound, first.hours.lowerBound + wholeDays * 24)
            try BillGenerator(plan: plan, sinks: [writer], variant: 1).run(first, hours: hours)
            restated = writer
        }

        let total = seconds(since: began, clock)
        var report: [String] = []
        if let cur {
            let rate = Double(cur.rows) / max(mainPass, 1e-9)
            report.append("wrote \(cur.rows) CUR line items in \(cur.files.count) billing period(s) "
                + "(\(cur.bytes) bytes of CSV; main pass \(String(format: "%.2f", mainPass)) s, \(Int(rate)) rows/s)")
        }
        if let restated {
            report.append("wrote \(restated.rows) line items in the superseded assembly \(restated.files.joined())")
        }
        if let focus {
            report.append("wrote \(focus.rows) FOCUS rows in \(focus.files.count) file(s)")
        }
        if !plan.anomalies.isEmpty {
            let counts = AnomalyKind.allCases.compactMap { kind -> String? in
                let count = plan.anomalies.filter { $0.kind == kind }.count
                return count > 0 ? "\(count) \(kind.rawValue)" : nil
            }
            report.append("planted \(plan.anomalies.count) anomalies (\(counts.joined(separator: ", ")))"
                + (labels.map { "; labels in \($0)" } ?? ""))
        }
        if let ledger, !ledger.mismatches.isEmpty {
            report.append("warning: \(ledger.mismatches.count) anomalies differ from the planner's simulation")
        }
        report.append("done in \(String(format: "%.2f", total)) s, output in \(out)")
        FileHandle.standardError.write(Data((report.joined(separator: "\n") + "\n").utf8))
    }

    /// Seconds elapsed since `start`.
    private func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = (clock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}
