import ArgumentParser
import CostEngine
import Foundation

/// `costtop metrics`: business metrics kept beside the cache, for unit costs.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Keep business metrics (orders, requests) beside the cache for unit costs (query --per).",
        subcommands: [MetricsImport.self])
}

/// `costtop metrics import FILE.csv`.
struct MetricsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import daily metrics: date,metric,value[,category value]; a YYYY-MM date is spread over its month.",
        discussion: """
            Each metric in the file replaces that metric's earlier values; other metrics are kept. The \
            metrics live beside the cache in CACHE.metrics.csv (docs/allocation.md).

            Examples:
              costtop metrics import orders.csv
              costtop query --by category:team --per orders
            """)

    @OptionGroup var cacheOption: CacheOption

    @Argument(help: ArgumentHelp("The metrics CSV file.", valueName: "FILE.csv"))
    var file: String

    func run() throws {
        do {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw QueryError("cannot read \(file)")
            }
            let imported = try BusinessMetrics.parse(text, file: file)
            let cache = cacheOption.resolvedPath
            let merged = try BusinessMetrics.load(cachePath: cache).merging(imported)
            let path = BusinessMetrics.storePath(cachePath: cache)
            try merged.text.write(toFile: path, atomically: true, encoding: .utf8)
            let days = imported.values.values.flatMap { $0.values }.reduce(0) { $0 + $1.count }
            print("imported \(imported.values.keys.sorted().joined(separator: ", ")): \(days) metric-days into \(path)")
        } catch {
            throw reportFailure(error)
        }
    }
}
