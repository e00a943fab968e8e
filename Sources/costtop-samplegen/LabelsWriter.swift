import Foundation

/// Writes the planted anomalies as CSV (`--labels`), the answer key for a detector:
///
///     kind,account,service,usage_type,start,end,impact
///     spike,123456789012,AmazonS3,USE1-Requests-Tier1,2024-08-09,2024-08-10,412.37
///
/// `start` and `end` are the first and last anomalous days (`end` is the last day of data for
/// kinds that run to the end); `impact` is actual − expected unblended cost over those days,
/// in dollars with two decimals (negative for stopped spend).
enum LabelsWriter {
    static let header = ["kind", "account", "service", "usage_type", "start", "end", "impact"]

    /// Writes `plan`'s anomalies with their measured `impacts` to `path`.
    static func write(_ path: String, plan: BillPlan, start: CivilDate, impacts: [Amount]) throws {
        var text = CSV.line(header)
        for (anomaly, impact) in zip(plan.anomalies, impacts) {
            let series = anomaly.series
            text += CSV.line([
                anomaly.kind.rawValue,
                AccountCatalog.all[series.account].id,
                ServiceCatalog.all[series.service].code,
                series.usageType,
                CivilDate(daysSinceEpoch: start.daysSinceEpoch + anomaly.first).isoText,
                CivilDate(daysSinceEpoch: start.daysSinceEpoch + anomaly.last).isoText,
                dollars(impact),
            ])
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try Data(text).write(to: URL(fileURLWithPath: path))
    }

    /// `amount` rounded to cents (half away from zero) with exactly two decimals: `-12.30`.
    static func dollars(_ amount: Amount) -> String {
        let unit = Amount.scale / 100
        let magnitude = amount.raw.magnitude
        let cents = (magnitude + UInt64(unit / 2)) / UInt64(unit)
        let fraction = cents % 100
        let sign = amount.raw < 0 && cents > 0 ? "-" : ""
        return "\(sign)\(cents / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
