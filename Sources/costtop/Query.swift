import ArgumentParser
import CostCache
import CostEngine
import CostModel
import CostReports
import CostViews
import Foundation

/// `costtop query`: one drill-down level as a table, CSV, JSON or Markdown.
struct Query: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show cost grouped by one dimension, with the previous period and the change.",
        discussion: """
            DIM is one of: \(CostDimension.spellings). Periods count back from the last day in the cache: \
            last-7d, last-30d, mtd, last-month, all, or FROM..TO. Rows with no value (untagged spend) \
            form their own row, (untagged) or (none). Percentages (delta %, share) are 0-100.

            Examples:
              costtop query --by account
              costtop query --by service --where account=123456789012 --period last-7d
              costtop query --by usage-type --where service=AmazonEC2 --sort delta --limit 10
              costtop query --by tag:team --where tag:env!=prod --metric effective --format json
              costtop query --by day --from 2024-09-01 --to 2024-09-30 --format csv
              costtop query --view 'v1;path=account=123456789012;by=service;period=last-7d;compare=previous;metric=billed'
              costtop query --by category:team --rules rules.yaml --where service=AmazonEC2
            """)

    @OptionGroup var cacheOption: CacheOption

    @Option(help: ArgumentHelp("Group by this dimension.", valueName: "DIM"))
    var by: CostDimension = .fixed(.account)

    @OptionGroup var selection: SelectionOptions

    @OptionGroup var periodOptions: PeriodOptions

    @Option(help: "Compare with the period of the same length just before, or with nothing.")
    var compare: CompareMode = .previous

    @Option(help: "Cost metric (effective is amortized).")
    var metric: Metric = .billed

    @Option(help: "Row order (default: cost; name, i.e. chronological, for day and month).")
    var sort: RowOrder?

    // Unconditional, so `--limit -1` reaches validate() and its message instead of "missing value".
    @Option(parsing: .unconditional, help: "Show at most N rows; the rest are folded into one (other) row.")
    var limit: Int?

    @Option(help: ArgumentHelp("Ask what this explorer view shows (the text y copies): its path, grouping, period, comparison, metric and filters; --where adds filters.", valueName: "TEXT"))
    var view: String?

    @Option(help: ArgumentHelp("Also show cost per unit of this business metric (costtop metrics import).", valueName: "METRIC"))
    var per: String?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
        if let view {
            do { _ = try ExplorerView(text: view) } catch { throw ValidationError("bad --view: \(error)") }
        }
    }

    /// The question a view asks: the level it shows, within its path and filters.
    private func viewSpec(_ view: ExplorerView, data: DayRange) -> QuerySpec {
        let period = view.period.resolve(in: data)
        let comparison: DayRange?
        switch view.comparison {
        case .previous: comparison = view.period.previous(of: period)
        case .lastMonth: comparison = MoversComparison.lastMonth.resolve(period: period, spec: view.period)
        case .none: comparison = nil
        }
        let filters = view.filters + view.steps.map { Filter(dimension: $0.dimension, value: $0.key, exclude: false) } + selection.filters
        return QuerySpec(groupBy: view.groupBy, filters: filters, period: period, comparison: comparison,
                         metric: view.metric, currency: selection.currency)
    }

    func run() throws {
        do {
            let cache = try CacheFile(path: cacheOption.resolvedPath)
            let data = cache.daysOrToday
            let (periodSpec, range) = try periodOptions.resolve(in: data, fallback: .last30Days)
            let spec = try view.map { viewSpec(try ExplorerView(text: $0), data: data) } ?? QuerySpec(
                groupBy: by, filters: selection.filters, period: range,
                comparison: compare == .previous ? periodSpec.previous(of: range) : nil,
                metric: metric, currency: selection.currency)
            let result = try QueryEngine(cache: cache, rules: selection.rulesOption.load()).run(spec)
            let chronological = spec.groupBy == .day || spec.groupBy == .month
            let order = sort ?? (chronological ? .name : .cost)
            let report = QueryReport(result, sort: order, limit: limit)
            let toTerminal = isatty(STDOUT_FILENO) != 0
            // A view copied with unit costs on asks for them too, unless --per names another metric.
            if let per = try per ?? view.flatMap({ try ExplorerView(text: $0).per }) {
                let metrics = try BusinessMetrics.load(per, cachePath: cacheOption.resolvedPath)
                print(UnitCostOutput(report, metric: per, metrics: metrics).render(as: selection.format, sanitize: toTerminal),
                      terminator: "")
                return
            }
            print(QueryOutput(report).render(as: selection.format, sanitize: toTerminal), terminator: "")
            if spec.groupBy == .fixed(.resource) && !cache.footer.settings.keepResources {
                FileHandle.standardError.write(Data(("costtop: note: this cache was ingested without --resources, so every "
                    + "cost is (none); re-ingest with `costtop ingest --fresh --resources PATH...` to keep resource ids\n").utf8))
            }
            // Tables and Markdown carry this note themselves.
            if !result.otherCurrencies.isEmpty && (selection.format == .csv || selection.format == .json) {
                FileHandle.standardError.write(Data(("costtop: note: costs in \(result.otherCurrencies.joined(separator: ", ")) "
                    + "are not included (use --currency or --by currency)\n").utf8))
            }
        } catch {
            throw reportFailure(error)
        }
    }
}
