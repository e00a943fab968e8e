/// One section of `costtop report`: turns engine results into a `DocumentSection` (headings,
/// paragraphs, figures, tables and charts as data), never into text of one format.
///
/// A section that has nothing to say for this cache (no commitments, no rules file) returns nil
/// and is left out of the document. docs/report.md says how to add one.
public protocol ReportSection: Sendable {
    /// The section's HTML anchor and identifier (`totals`, `movers`).
    var anchor: String { get }
    /// The section for `context`, or nil to leave it out.
    /// - Throws: engine errors (an unknown currency, a broken rules file), which end the report.
    func section(in context: ReportContext) throws -> DocumentSection?
}
