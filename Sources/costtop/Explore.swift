import ArgumentParser
import CostCache
import CostEngine
import CostIngest
import CostModel
import CostTerminal
import CostViews
import Foundation

/// `costtop explore` (and `costtop` with no subcommand): the interactive drill-down.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive explorer (the default when stdin and stdout are a terminal).",
        discussion: """
            Walk the spend with the keyboard: Enter drills into a row, Left goes back, g regroups, m switches \
            billed/effective/list cost, 1-4 pick a period, / filters, : opens a command line, ? lists every key. \
            With no cache it builds one from the bundled sample-data/ first. When stdin or stdout is not a \
            terminal it prints the top-level table instead, like `costtop overview`.

            The first screen groups by the first dimension of the drill path: provider when the cache holds \
            more than one cloud (provider → account → service → usage type), else account. --by sets the path's \
            front (any dimension of costtop query --by, outermost first), as the config file's drill_path does; \
            Enter then follows it, and the default path after it.

            Keys can be rebound and a theme chosen in $XDG_CONFIG_HOME/costtop/config.yaml (docs/explorer.md).

            Examples:
              costtop
              costtop explore --cache sep.ctc --theme light
              costtop explore --by provider,account,service
              costtop explore --by region,service
              costtop explore --rules rules.yaml --per orders      # unit costs (u cycles the metrics)
              costtop explore --view 'v1;path=account=123456789012;by=service;period=last-7d;compare=previous;metric=billed'
              NO_COLOR=1 costtop explore
            """)

    @OptionGroup var cacheOption: CacheOption

    @OptionGroup var rulesOption: RulesOption

    @Option(help: "Colour theme: default, light, high-contrast, colorblind, monochrome, or a file name in themes/.")
    var theme: String?

    @Option(help: ArgumentHelp("Open this view (the text y copies in the explorer: v1;path=...;period=...).", valueName: "TEXT"))
    var view: String?

    @Option(help: ArgumentHelp("The drill path's first dimensions, outermost first (default: provider,account,service,usage-type for a cache of several clouds, else account,service,usage-type).",
                               valueName: "DIM,..."))
    var by: String?

    /// `--by` as dimensions (nil when not given).
    var drillPath: [CostDimension]? {
        get throws {
            guard let by else { return nil }
            var path: [CostDimension] = []
            for name in by.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let dimension = CostDimension(name) else {
                    throw ValidationError("bad --by: unknown dimension '\(name)'; use account, billing-account, service, "
                        + "usage-type, region, resource, charge-category, pricing-category, provider, currency, commitment, "
                        + "commitment-type, commitment-status, source, tag:KEY, category:NAME, day or month")
                }
                guard !path.contains(dimension) else { throw ValidationError("bad --by: \(name) is named twice") }
                path.append(dimension)
            }
            return path
        }
    }
    @Option(help: ArgumentHelp("Show unit costs per this business metric (costtop metrics import); u in the explorer cycles them.",
                               valueName: "METRIC"))
    var per: String?

    func validate() throws {
        _ = try drillPath
        if let view {
            do { _ = try ExplorerView(text: view) } catch { throw ValidationError("bad --view: \(error)") }
        }
    }

    func run() throws {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
            try Overview.printTable(cachePath: cacheOption.resolvedPath, rules: rulesOption)
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let path = cacheOption.resolvedPath
        var notice: String?
        do {
            notice = try SampleData.ensureCache(at: path)
        } catch {
            throw reportFailure(error)
        }
        let explorer: Explorer
        let themeValue: Theme
        let folders: [String]
        do {
            let config = try ExplorerConfig.load(path: ExplorerConfig.path(environment: environment))
            let cache = try CacheFile(path: path)
            folders = ThemeFolders.search(environment: environment)
            var state = ExplorerState()
            let metrics = try per.map { try BusinessMetrics.load($0, cachePath: path) } ?? BusinessMetrics.load(cachePath: path)
            state.unitMetric = per
            state.themeName = theme ?? config.theme ?? "default"
            themeValue = try Theme.load(state.themeName, searchFolders: folders)
            explorer = try Explorer(cache: cache, cacheName: (path as NSString).lastPathComponent, keyMap: config.keyMap,
                                    themeNames: Theme.availableNames(searchFolders: folders), gauges: config.gauges,
                                    anomalyMarks: config.anomalyMarks, state: state, rules: rulesOption.load(),
                                    drillPath: try drillPath ?? config.drillPath, metrics: metrics,
                                    backgroundGauges: true)
            explorer.bookmarksPath = Bookmarks.path(configFile: ExplorerConfig.path(environment: environment))
            if let view { explorer.open(try ExplorerView(text: view)) }
        } catch {
            throw reportFailure(error)
        }
        let frameLog = environment["COSTTOP_FRAME_LOG"]
        let status = MainActor.assumeIsolated {
            ExploreSession(explorer: explorer, theme: themeValue, themeFolders: folders, notice: notice,
                           frameLog: frameLog).run()
        }
        if let status { throw status }
    }
}

/// Where themes are looked up: the user's config folder, then the `themes/` folder bundled with
/// this checkout (beside or above the executable, or in the current folder).
enum ThemeFolders {
    static func search(environment: [String: String]) -> [String] {
        var folders: [String] = []
        let config = (ExplorerConfig.path(environment: environment) as NSString).deletingLastPathComponent
        folders.append(config + "/themes")
        if let bundled = BundledFolder.locate("themes") { folders.append(bundled) }
        return folders
    }
}
