import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation

/// `costtop movers`: the week's (or any window's) largest changes, each explained by its drivers.
struct Movers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the largest increases and decreases between two windows, split into drivers.",
        discussion: """
            Every node of the drill path (account > service > usage type, or --by) is compared; each change \
            is reported once, at the deepest node that explains it. Drivers (usage, rate, mix, commitment, \
            credits, refunds, tax, fees, new, stopped, allocation) add up to each delta to the cent; docs/movers.md has \
            the formulas. A category:NAME step (rules file, --rules) groups by a cost category; at the top of \
            the path its values carry their shared-cost splits, under an (allocated) step with its own \
            allocation driver (docs/allocation.md). Notes added in the explorer are shown (file beside the cache).

            Examples:
              costtop movers
              costtop movers --period last-30d --compare previous --per-day
              costtop movers --period 2024-09-01..2024-09-30 --compare 2024-08-01..2024-08-31 --format json
              costtop movers --by service,region --depth 1 --limit 5
              costtop movers --by category:team,service --rules rules.yaml --period last-30d
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("last-7d, last-30d, mtd, last-month, all, or FROM..TO (default last-7d).", valueName: "P"))
    var period: String?

    @Option(help: ArgumentHelp("previous, last-month (the same days a month earlier), or FROM..TO.", valueName: "C"))
    var compare: String = "previous"

    @Option(help: ArgumentHelp("The drill path, outermost first, comma-separated (default account,service,usage-type).", valueName: "DIM,..."))
    var by: String?

    @Option(help: ArgumentHelp("Use only the first N steps of the path.", valueName: "N"))
    var depth: Int?

    @Option(help: "Show at most N movers.")
    var limit: Int = 10

    @Flag(help: "Compare daily averages, so windows of different length are not a change by themselves.")
    var perDay = false

    @OptionGroup var whereOption: WhereOption

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    @Option(help: "Output format.")
    var format: ReportFormat = .table

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        try ComparedWindows.validate(period: period, compare: compare)
        let path = try self.path()
        if path.isEmpty || path.count > 4 { throw ValidationError("--by takes one to four dimensions") }
        if let depth, depth < 1 { throw ValidationError("--depth must be 1 or more") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    /// The drill path asked for, cut to `--depth`.
    private func path() throws -> [CostDimension] {
        guard let by else { return Array(MoversSpec.defaultPath.prefix(depth ?? 3)) }
        let steps = try by.split(separator: ",").map { text -> CostDimension in
            guard let dimension = CostDimension(String(text)), dimension != .day, dimension != .month else {
                throw ValidationError("bad --by step '\(text)'; use one of: \(FixedDimension.allCases.map(\.rawValue).joined(separator: ", ")), tag:KEY, category:NAME")
            }
            return dimension
        }
        return Array(steps.prefix(depth ?? steps.count))
    }

    func run() throws {
        do {
            let rules = try rulesOption.load()
            let windows = try ComparedWindows(cachePath: cacheOption.resolvedPath, period: period, compare: compare,
                                              defaultPeriod: .last7Days)
            let (cache, range, comparison) = (windows.cache, windows.period, windows.comparison)
            let spec = MoversSpec(period: range, comparison: comparison, path: try path(),
                                  filters: whereOption.filters, metric: metric, limit: limit, perDay: perDay)
            let result = try MoversAnalysis(cache: cache, rules: rules).run(spec)
            let notes = try MoverNotes(path: MoverNotes.path(forCache: cache.path))
            print(MoversOutput(result, notes: notes.notes).render(as: format, sanitize: isatty(STDOUT_FILENO) != 0), terminator: "")
        } catch {
            throw reportFailure(error)
        }
    }
}
