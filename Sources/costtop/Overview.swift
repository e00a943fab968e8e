import ArgumentParser
import CostCache
import CostEngine
import CostIngest
import CostModel
import CostReports
import Foundation

/// `costtop overview`: the top level of the drill-down (spend by account) as a table, on the default
/// cache, built from the bundled sample data when no cache exists yet. `costtop` prints it too when
/// it is not run in a terminal.
struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Show spend by account (builds the cache from sample-data/ when there is none).",
        discussion: """
            Examples:
              costtop overview                # the default cache, or the bundled sample data
              costtop | head                  # the same, since a pipe is not a terminal
              costtop overview --cache sep.ctc
              costtop overview --by category:team --rules rules.yaml
            """)

    @OptionGroup var cacheOption: CacheOption

    @OptionGroup var rulesOption: RulesOption

    @Option(help: ArgumentHelp("Group by this dimension instead of account (category:NAME from the rules file).", valueName: "DIM"))
    var by: CostDimension = .fixed(.account)

    func run() throws {
        try Overview.printTable(cachePath: cacheOption.resolvedPath, rules: rulesOption, by: by)
    }

    /// Prints spend by account (or `by`) over the last 30 days of data, building the cache first if needed.
    static func printTable(cachePath path: String, rules rulesOption: RulesOption, by: CostDimension = .fixed(.account)) throws {
        do {
            let rules = try rulesOption.load()
            if let notice = try SampleData.ensureCache(at: path) {
                FileHandle.standardError.write(Data("costtop: \(notice)\n".utf8))
            }
            let cache = try CacheFile(path: path)
            let data = cache.daysOrToday
            let period = PeriodSpec.last30Days
            let range = period.resolve(in: data)
            let spec = QuerySpec(groupBy: by, period: range, comparison: period.previous(of: range))
            let report = QueryReport(try QueryEngine(cache: cache, rules: rules).run(spec),
                                     sort: by == .day || by == .month ? .name : .cost, limit: nil)
            print(QueryOutput(report).render(as: .table, sanitize: true), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}

/// Finds folders that ship with this checkout (sample data, themes): `$COSTTOP_SAMPLE_DATA` for the
/// sample, else the folder in the current directory or above the executable (a checkout built with
/// `swift build`).
enum BundledFolder {
    static func locate(_ relative: String) -> String? {
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        for candidate in candidates {
            let path = candidate + "/" + relative
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}

/// The bundled sample bill, used when there is no cache yet.
enum SampleData {
    static func locate() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["COSTTOP_SAMPLE_DATA"], !explicit.isEmpty { return explicit }
        return BundledFolder.locate("sample-data/aws-cur")
    }

    /// Builds the cache at `path` from the sample data when there is none.
    /// - Returns: a notice saying so, or nil when the cache already existed.
    static func ensureCache(at path: String) throws -> String? {
        guard !FileManager.default.fileExists(atPath: path) else { return nil }
        guard let sample = locate() else {
            throw IngestError.input(path: path, reason: "no cache here and no sample-data/ folder found; "
                + "run `costtop ingest PATH...` or set COSTTOP_SAMPLE_DATA")
        }
        _ = try Ingestor(options: IngestOptions(paths: [sample], cachePath: path)).run()
        return "no cache at \(path): built it from the sample data in \(sample)"
    }
}
