/// The raw export a roll-up SELECT reads (`costtop sql --source`).
public enum RollupSource: String, CaseIterable, Sendable {
    /// AWS legacy CUR with Athena integration.
    case cur
    /// AWS CUR 2.0 from Data Exports.
    case cur2
    /// A FOCUS 1.0–1.2 export or view.
    case focus
    /// Google Cloud's BigQuery billing export.
    case gcp
    /// Azure Cost Management's cost and usage details export.
    case azure
}
