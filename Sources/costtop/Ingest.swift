import ArgumentParser
import CostIngest
import CostModel
import Foundation

/// `costtop ingest`: read raw exports into the cache.
struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read billing exports (CSV, CSV.gz, Parquet, JSON Lines) into the cache.",
        discussion: """
            PATH is any mix of files and folders (searched recursively for .csv, .csv.gz, .parquet and .jsonl, \
            .ndjson, .json, plain or gzip). The format (AWS CUR, CUR 2.0 / Athena, FOCUS 1.0-1.2, Google Cloud's \
            billing export, Azure EA and MCA cost exports, actual or amortized) is detected from each file's columns (header or schema). AWS manifests \
            are honoured: only the latest assembly of a billing period counts. Unchanged files already in \
            the cache are not read again; changed ones replace their earlier rows.

            Ingests of one cache take turns: a second one waits for the first (saying so on stderr), or \
            with --no-wait fails at once with exit status 75. A path that holds no export is an error \
            (exit status 66) that leaves the cache as it was, unless --allow-empty.

            Examples:
              costtop ingest ~/cur/                          # a CUR folder with manifests
              costtop ingest focus-2024-09.csv --cache sep.ctc
              costtop ingest my-export/data/                 # AWS Data Exports, CUR 2.0 in Parquet
              costtop ingest exports/ --keep-going           # reject bad rows into a rejects file
              costtop ingest exports/ --resources --tags team,env
              costtop ingest exports/ --fresh --timings      # where the time goes
              costtop ingest today/ --no-wait || echo "another ingest is running"
            """)

    @OptionGroup var cacheOption: CacheOption

    @Argument(help: "Files and folders to read.")
    var paths: [String]

    @Flag(help: "Keep resource ids as a dimension (more rows, bigger cache).")
    var resources = false

    @Option(help: ArgumentHelp("Keep only these tag keys (default: all keys).", valueName: "KEY,..."))
    var tags: String?

    @Flag(help: "Reject invalid rows into the rejects file instead of stopping at the first.")
    var keepGoing = false

    @Option(help: ArgumentHelp("Where --keep-going writes rejected rows (default: CACHE.rejects.csv).", valueName: "FILE"))
    var rejects: String?

    @Flag(help: "Ignore the existing cache and build a new one from PATH only.")
    var fresh = false

    @Flag(help: "Fail at once (exit status 75) when another ingest is writing the cache, instead of waiting.")
    var noWait = false

    @Flag(help: "Accept paths that hold no export, and write an empty cache if that is all there is.")
    var allowEmpty = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Also print how long each phase took (finding files, reading, building columns, writing).")
    var timings = false

    func run() throws {
        var options = IngestOptions(paths: paths, cachePath: cacheOption.resolvedPath)
        options.keepResources = resources
        options.tagKeys = tags.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        options.keepGoing = keepGoing
        options.rejectsPath = rejects
        options.fresh = fresh
        options.waitForLock = !noWait
        options.allowEmpty = allowEmpty
        options.lockWaiting = { holder in
            let who = holder.map { "pid \($0)" } ?? "another process"
            FileHandle.standardError.write(Data("costtop: waiting for the ingest running as \(who) to finish with this cache…\n".utf8))
        }
        let progress = ProgressLine.ifTerminal(quiet: quiet)
        do {
            var report: (@Sendable (IngestProgress) -> Void)?
            if let progress { report = { progress.show($0) } }
            let summary = try Ingestor(options: options, progress: report).run()
            progress?.clear()
            if !quiet { print(IngestSummaryText.render(summary), terminator: "") }
            if timings { print(IngestSummaryText.renderPhases(summary), terminator: "") }
        } catch {
            progress?.clear()
            throw reportFailure(error)
        }
    }
}
