/// The kinds of chart a report draws.
public enum ChartKind: Sendable {
    /// Daily cost of the period against the comparison window, day by day.
    case dailySeries(DailySeriesChart)
    /// From one total to another through the amounts that explain the difference.
    case waterfall(WaterfallChart)
    /// A month's cumulative spend against a budget: actual to date, the straight line to the
    /// amount, and the forecast to month end (for the Budgets section).
    case burnDown(BurnDownChart)
}
