import Foundation

/// Where each output file goes, following AWS's legacy CUR layout in S3 with `--out` as the
/// bucket root:
///
///     aws-cur/costtop-sample/20240701-20240801/costtop-sample-Manifest.json
///     aws-cur/costtop-sample/20240701-20240801/<assemblyId>/costtop-sample-1.csv.gz
///     focus/costtop-sample-focus-2024-07.csv.gz
struct OutputLayout {
    /// The report's S3 path prefix, report name and (manifest-only) bucket name.
    static let prefix = "aws-cur"
    static let reportName = "costtop-sample"
    static let bucket = "costtop-sample-billing"

    let root: String
    let gzip: Bool

    private var dataExtension: String { gzip ? ".csv.gz" : ".csv" }

    /// The billing period's folder key, relative to the root.
    func periodKey(_ period: BillingPeriod) -> String {
        "\(OutputLayout.prefix)/\(OutputLayout.reportName)/\(period.folderName)"
    }

    /// The key (relative to the root, as manifests list them) of an assembly's data file.
    func dataKey(_ period: BillingPeriod, assembly: String) -> String {
        "\(periodKey(period))/\(assembly)/\(OutputLayout.reportName)-1\(dataExtension)"
    }

    /// The key of the period's manifest.
    func manifestKey(_ period: BillingPeriod) -> String {
        "\(periodKey(period))/\(OutputLayout.reportName)-Manifest.json"
    }

    /// The key of the month's FOCUS file.
    func focusKey(_ period: BillingPeriod) -> String {
        "focus/\(OutputLayout.reportName)-focus-\(period.monthText)\(dataExtension)"
    }

    /// The absolute path of `key`.
    func path(_ key: String) -> String { root + "/" + key }

    /// Creates the folder that will hold `key`.
    func prepare(_ key: String) throws {
        let folder = (path(key) as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// The assembly id (a UUID) of a period's report version: stable for a seed.
    static func assemblyId(seed: UInt64, period: Int, variant: UInt64) -> String {
        var rng = SplitMix64(seed: SplitMix64.hash(seed, UInt64(period), variant, 0xA55E))
        return Identifiers.uuid(&rng)
    }
}
