import ArgumentParser
import CostEngine
import CostModel
import CostReports

// Options with fixed values parse straight into their types, so `--help` lists the values and a
// bad value is a usage error (exit 64) naming the allowed ones. The types live in modules that do
// not know the command line, hence the conformances here.

extension ReportFormat: ExpressibleByArgument {}
extension Metric: ExpressibleByArgument {}
extension RowOrder: ExpressibleByArgument {}
extension CompareMode: ExpressibleByArgument {}

/// `--by DIM`: a fixed dimension, `tag:KEY`, `day` or `month`.
extension CostDimension: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }

    /// The spellings `--help` lists (`tag:KEY` stands for any tag key).
    public static var allValueStrings: [String] {
        FixedDimension.allCases.map(\.rawValue) + ["tag:KEY", "category:NAME", "day", "month"]
    }
}
