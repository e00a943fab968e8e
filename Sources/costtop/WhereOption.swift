import ArgumentParser
import CostEngine
import CostModel

/// `--where DIM=VALUE` (repeatable, AND), shared by every command that narrows the bill: through
/// `SelectionOptions`, and on its own in `movers` and `anomalies`, whose other options differ.
struct WhereOption: ParsableArguments {
    @Option(name: .customLong("where"), help: ArgumentHelp("Keep DIM=VALUE, or drop DIM!=VALUE; repeat for AND.", valueName: "DIM=VALUE"))
    var filterTexts: [String] = []

    func validate() throws {
        for filter in filterTexts where Filter(filter) == nil {
            throw ValidationError("bad --where '\(filter)'; write DIM=VALUE or DIM!=VALUE with DIM one of: \(CostDimension.spellings)")
        }
    }

    /// The parsed filters (validated already).
    var filters: [Filter] { filterTexts.compactMap(Filter.init) }
}
