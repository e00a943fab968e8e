import Foundation
import CosttopTestSupport
import Testing

/// `--help` says what is true: every subcommand has examples and lists the values of its
/// fixed-value options; a value outside them is a usage error naming the allowed ones.
@Suite("Help and option values")
struct HelpTests {
    static let formats = ["table", "csv", "json", "markdown"]
    static let metrics = ["billed", "effective", "list"]

    /// Each subcommand and the fixed values its `--help` must list.
    static let helpCases: [(String, [String])] = {
        let query: [String] = formats + metrics + ["previous", "none", "cost", "delta", "abs-delta", "name", "usage-type", "tag:KEY"]
        let coverage: [String] = formats + ["service", "account", "tag:KEY", "day", "month"]
        let anomalies: [String] = formats + metrics
        let report: [String] = ["markdown", "text", "html"] + metrics
        return [("query", query), ("coverage", coverage), ("commitments", formats), ("anomalies", anomalies),
                ("overview", []), ("ingest", []), ("explore", []), ("report", report), ("movers", formats + metrics),
                ("alert", ["text", "json", "markdown"]), ("showback", formats + metrics),
                ("sql", ["athena", "trino", "bigquery", "spark", "duckdb", "cur", "cur2", "focus", "gcp", "azure", "actual", "amortized"]),
                ("forecast", formats + metrics), ("budgets", formats + metrics)]
    }()

    @Test("--help exits 0, has Examples and lists every fixed value", arguments: helpCases)
    func help(command: String, values: [String]) {
        let result = Support.costtop([command, "--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("Examples:"), "\(command)")
        // ArgumentParser wraps help text; join the lines before looking for the list.
        let text = result.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for value in values {
            #expect(text.range(of: #"\(values: [^)]*\b"# + NSRegularExpression.escapedPattern(for: value) + #"(,|;|\))"#,
                               options: .regularExpression) != nil, "\(command) --help lists \(value)")
        }
    }

    /// Bad values and the allowed ones the error must name.
    static let badValues: [([String], [String])] = [
        (["query", "--format", "xml"], formats),
        (["coverage", "--format", "xml"], formats),
        (["commitments", "--format", "xml"], formats),
        (["anomalies", "--format", "xml"], formats),
        (["forecast", "--format", "xml"], formats),
        (["budgets", "--format", "xml"], formats),
        (["anomalies", "--metric", "amortized"], metrics),
        (["query", "--metric", "amortized"], metrics),
        (["query", "--sort", "size"], ["cost", "delta", "abs-delta", "name"]),
        (["query", "--compare", "last-year"], ["previous", "none"]),
        (["query", "--by", "colour"], ["account", "service", "tag:KEY"]),
        (["report", "--format", "xml"], ["markdown", "text", "html"]),
        (["report", "--metric", "amortized"], metrics),
    ]

    @Test("a value outside the allowed ones exits 64 and names them", arguments: badValues)
    func badValue(arguments: [String], allowed: [String]) {
        let result = Support.costtop(arguments + ["--cache", "/nonexistent/none.ctc"])
        #expect(result.status == 64, "\(arguments)")
        #expect(result.err.contains("'\(arguments[2])' is invalid"), "\(result.err)")
        for value in allowed { #expect(result.err.contains(value), "\(arguments) error names \(value)") }
    }
}
