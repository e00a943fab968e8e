/// The output formats every result renders in, on the command line and in the explorer's export.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a terminal: grouped money, percentages to 0.1, data strings sanitized.
    case table
    /// RFC 4180 CSV for spreadsheets and scripts: plain money to the cent, percentages to 0.01,
    /// formula-looking cells neutralized.
    case csv
    /// One JSON document per result, field names as documented in README.md and docs/.
    case json
    /// A GitHub-flavoured Markdown table under a one-line heading, for issues and reviews.
    case markdown
}
