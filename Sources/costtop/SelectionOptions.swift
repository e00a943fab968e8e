import ArgumentParser
import CostEngine
import CostModel
import CostReports

/// `--where`, `--currency`, `--format` and `--rules`, shared by the commands that report a selection of the bill.
struct SelectionOptions: ParsableArguments {
    @OptionGroup var whereOption: WhereOption

    @Option(help: "Currency to report when the cache holds several (default: the largest).")
    var currency: String?

    @Option(help: "Output format.")
    var format: ReportFormat = .table

    @OptionGroup var rulesOption: RulesOption

    /// The parsed filters (validated already).
    var filters: [Filter] { whereOption.filters }
}
