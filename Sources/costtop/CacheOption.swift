import ArgumentParser
import CostCache
import CostConfig
import CostModel
import Foundation

/// `--cache FILE`, shared by every subcommand.
struct CacheOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The cache file.",
        discussion: "Default: $COSTTOP_CACHE, else $XDG_CACHE_HOME/costtop/default.ctc, else ~/.cache/costtop/default.ctc.",
        valueName: "FILE"))
    var cache: String?

    func validate() throws {
        if let cache, cache.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--cache needs a file name")
        }
    }

    /// The cache path after applying the environment and XDG defaults.
    var resolvedPath: String {
        if let cache { return absolute(cache) }
        let environment = ProcessInfo.processInfo.environment
        if let fromEnvironment = environment["COSTTOP_CACHE"], !fromEnvironment.isEmpty { return absolute(fromEnvironment) }
        return XDGPath.file("default.ctc", in: .cache, environment: environment)
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

extension CacheFile {
    /// The days the cache holds; for a cache with no line items (`ingest --allow-empty`), today, so
    /// every question gets an empty answer rather than an error.
    var daysOrToday: DayRange {
        if let dayRange { return dayRange }
        let today = Day(index: Int32(Int(Date().timeIntervalSince1970) / 86_400))
        return DayRange(from: today, to: today)
    }
}
