/// The kinds of planted anomaly, spelled as in the labels file (and as costtop's detector names them).
enum AnomalyKind: String, CaseIterable {
    /// 1–3 days at 3–6× the usual cost, then back.
    case spike
    /// From its first day to the end of the data, 1.6–3× the usual cost.
    case levelShift = "level-shift"
    /// A usage type the account never had, from its first day to the end.
    case newSpend = "new-spend"
    /// No cost at all from its first day, for at least 5 days or to the end.
    case stoppedSpend = "stopped-spend"
    /// From its first day, 3–5% more each day (compounding) to the end, at least 21 days.
    case gradualGrowth = "gradual-growth"
}

/// One (account, service, usage type) series: what an anomaly is planted on and labelled by.
struct SeriesKey: Hashable {
    /// Index into `AccountCatalog.all`.
    var account: Int
    /// Index into `ServiceCatalog.all`.
    var service: Int
    /// The full usage type, region prefix included.
    var usageType: String
}

/// A planted anomaly: where, when, and what the planner expects it to do to the series' cost.
struct PlantedAnomaly {
    var kind: AnomalyKind
    var series: SeriesKey
    /// Day indices from the first day of data; `last` is the last anomalous day.
    var first: Int
    var last: Int
    /// The profiles (resources) of the series, whose lines the ledger adds up.
    var profiles: [Int32]
    /// Unblended cost of the series over `first...last` had the anomaly not been planted
    /// (0 for new spend: the usage type did not exist).
    var expected: Amount
    /// Unblended cost over `first...last` as simulated by the planner; the labels use what the
    /// generator actually wrote (`AnomalyLedger`), which must agree.
    var predicted: Amount
}
