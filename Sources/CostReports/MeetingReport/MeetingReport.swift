import CostModel

/// `costtop report`: the document people take out of a cost review, built from an ordered list of
/// sections. The same context always gives the same document (docs/report.md, *Reproducible*).
public enum MeetingReport {
    /// The sections, in the order the report shows them.
    public static let sections: [any ReportSection] = [
        TotalsSection(),
        MoversSection(),
        AnomaliesSection(),
        CommitmentsSection(),
        TagCoverageSection(),
        ShowbackSection(),
        ForecastSection(),
        BudgetsSection(),
    ]

    /// The report of `context`: a title, the facts it rests on, and every section with something to say.
    /// - Throws: what a section's engine call throws.
    public static func document(_ context: ReportContext, sections: [any ReportSection] = sections) throws -> ReportDocument {
        let data = context.cache.dayRange.map { "data \($0)" } ?? "no data"
        return ReportDocument(
            title: "Cloud cost report, \(context.period)",
            facts: [
                "Period \(context.period) (\(context.period.dayCount) days) against \(context.comparison) (\(context.comparison.dayCount) days)",
                "\(context.metric.rawValue.capitalized) cost; \(data)",
            ],
            sections: try sections.compactMap { try $0.section(in: context) })
    }
}
