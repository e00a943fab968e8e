import ArgumentParser
import CostCache
import CostEngine
import CostIngest
import CostModel
import Foundation

/// `costtop` with no subcommand: the top level of the drill-down (spend by account) on the default
/// cache, built from the bundled sample data when no cache exists yet. The explorer will take this
/// place; until then this is the first screen a newcomer sees.
struct Overview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Show spend by account (builds the cache from sample-data/ when there is none).",
        discussion: """
            Examples:
              costtop                      # the default cache, or the bundled sample data
              costtop overview --cache sep.ctc
            """)

    @OptionGroup var cacheOption: CacheOption

    func run() throws {
        let path = cacheOption.resolvedPath
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard let sample = SampleData.locate() else {
                    throw IngestError.input(path: path, reason: "no cache here and no sample-data/ folder found; "
                        + "run `costtop ingest PATH...` or set COSTTOP_SAMPLE_DATA")
                }
                FileHandle.standardError.write(Data("costtop: no cache at \(path); building it from \(sample)\n".utf8))
                _ = try Ingestor(options: IngestOptions(paths: [sample], cachePath: path)).run()
            }
            let cache = try CacheFile(path: path)
            guard let data = cache.dayRange else { throw QueryError("the cache \(path) holds no rows") }
            let period = PeriodSpec.last30Days
            let range = period.resolve(in: data)
            let spec = QuerySpec(groupBy: .fixed(.account), period: range, comparison: period.previous(of: range))
            let report = QueryReport(try QueryEngine(cache: cache).run(spec), sort: .cost, limit: nil)
            print(ReportRenderer.render(report, as: .table, sanitize: true), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}

/// Finds the bundled sample data: `$COSTTOP_SAMPLE_DATA`, else `sample-data/aws-cur` in the current
/// folder or above the executable (a checkout built with `swift build`).
enum SampleData {
    static func locate() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["COSTTOP_SAMPLE_DATA"], !explicit.isEmpty { return explicit }
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        for candidate in candidates {
            let path = candidate + "/sample-data/aws-cur"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }
}
