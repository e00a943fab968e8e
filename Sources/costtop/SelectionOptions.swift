import ArgumentParser
import CostEngine
import CostModel
import CostReports

/// `--where`, `--currency`, `--format` and `--rules`, shared by the commands that report a selection of the bill.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("where"), help: ArgumentHelp("Keep DIM=VALUE, or drop DIM!=VALUE; repeat for AND.", valueName: "DIM=VALUE"))
    var filterTexts: [String] = []

    @Option(help: "Currency to report when the cache holds several (default: the largest).")
    var currency: String?

    @Option(help: "Output format.")
    var format: ReportFormat = .table

    @OptionGroup var rulesOption: RulesOption

    func validate() throws {
        for filter in filterTexts where Filter(filter) == nil {
            throw ValidationError("bad --where '\(filter)'; write DIM=VALUE or DIM!=VALUE with DIM one of: \(CostDimension.spellings)")
        }
    }

    /// The parsed filters (validated already).
    var filters: [Filter] { filterTexts.compactMap(Filter.init) }
}
