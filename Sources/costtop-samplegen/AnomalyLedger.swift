/// Adds up, per planted anomaly, the unblended cost the generator really wrote for its series
/// over its days: the "actual" of the labels' impact, taken from the lines themselves rather
/// than from the nominal factor.
final class AnomalyLedger: LineItemSink {
    private let plan: BillPlan
    /// Per profile: the anomalies whose series it belongs to.
    private var anomaliesOfProfile: [Int32: [Int]] = [:]
    /// Per anomaly: unblended cost written over its days (`Amount.raw`).
    private(set) var actual: [Int64]

    /// A ledger for `plan`'s planted anomalies.
    init(plan: BillPlan) {
        self.plan = plan
        actual = Array(repeating: 0, count: plan.anomalies.count)
        for (position, anomaly) in plan.anomalies.enumerated() {
            for profile in anomaly.profiles { anomaliesOfProfile[profile, default: []].append(position) }
        }
    }

    func beginPeriod(_ period: BillingPeriod) throws {}

    func write(_ item: LineItem) throws {
        // Anomalies sit on plain on-demand usage only (no commitment lines, fees, tax or credits).
        guard item.type == .usage, let positions = anomaliesOfProfile[item.profile] else { return }
        let day = (item.startHour - plan.firstHour) / 24
        for position in positions {
            let anomaly = plan.anomalies[position]
            if day >= anomaly.first && day <= anomaly.last { actual[position] += item.unblended.raw }
        }
    }

    func endPeriod() throws {}

    /// Actual − expected of each anomaly, in label order.
    var impacts: [Amount] {
        plan.anomalies.indices.map { Amount(raw: actual[$0] - plan.anomalies[$0].expected.raw) }
    }

    /// Anomalies whose written cost differs from the planner's simulation (none unless the
    /// generator and the planner disagree on the usage formula).
    var mismatches: [Int] {
        plan.anomalies.indices.filter { actual[$0] != plan.anomalies[$0].predicted.raw }
    }
}
