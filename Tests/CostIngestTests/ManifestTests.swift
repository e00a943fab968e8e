import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostIngest

/// AWS manifests as users sync them: keys with the bucket prefix, a leading `/` or an `s3://` URL,
/// local folders rooted anywhere between the bucket and the period, manifest copies inside
/// assembly folders, and CUR 2.0 `metadata/` manifests.
@Suite("AWS manifests")
struct ManifestTests {
    private let restated = minimalCUR.replacingOccurrences(of: "0.096", with: "0.100")

    /// A legacy report folder with an old and a current assembly, the period manifest and its copy
    /// inside the current assembly (as AWS writes them); keys as `key` gives them.
    private func legacyReport(key: (String) -> String) -> String {
        let root = Support.temporaryFolder()
        let period = root + "/sync/cur-legacy/20240301-20240401"
        Support.write(minimalCUR, to: period, "old-assembly/cur-legacy-1.csv")
        Support.write(restated, to: period, "new-assembly/cur-legacy-1.csv")
        let manifest = #"{"assemblyId":"new-assembly","reportKeys":["\#(key("cur-legacy/20240301-20240401/new-assembly/cur-legacy-1.csv"))"]}"#
        Support.write(manifest, to: period, "cur-legacy-Manifest.json")
        Support.write(manifest, to: period + "/new-assembly", "cur-legacy-Manifest.json")
        return root + "/sync"
    }

    @Test("report keys with a leading slash, the bucket prefix or an s3:// URL resolve, whatever folder was synced",
          arguments: ["/%@", "bucket-prefix/%@", "s3://my-bucket/exports/%@", "%@"])
    func keysResolve(pattern: String) throws {
        let folder = legacyReport { pattern.replacingOccurrences(of: "%@", with: $0) }
        for given in [folder, folder + "/cur-legacy", folder + "/cur-legacy/20240301-20240401"] {
            let (summary, cache) = try Support.ingest([given])
            #expect(summary.filesSuperseded == 1, "from \(given)")
            #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 200_000_000, "AmazonS3": 1_500_000])
        }
    }

    @Test("a manifest naming files that are not there is an error listing them")
    func missingFiles() throws {
        let root = Support.temporaryFolder()
        let period = root + "/cur/20240301-20240401"
        Support.write(minimalCUR, to: period, "a1/cur-1.csv")
        Support.write(#"{"assemblyId":"a1","reportKeys":["/cur/20240301-20240401/a1/cur-1.csv","/cur/20240301-20240401/a1/cur-2.csv","/cur/20240301-20240401/a1/cur-3.csv"]}"#,
                      to: period, "cur-Manifest.json")
        #expect {
            _ = try Support.ingest([root])
        } throws: { error in
            let text = "\(error)"
            return text.contains("cur-Manifest.json") && text.contains("2 files not found")
                && text.contains("a1/cur-2.csv") && text.contains("a1/cur-3.csv") && !text.contains("cur-1.csv,")
        }
    }

    @Test("a CUR 2.0 manifest keeps the files it lists and supersedes the period's others")
    func dataExport() throws {
        let root = Support.temporaryFolder()
        let export = root + "/exports/my-export"
        let snake = minimalCUR.replacingOccurrences(of: "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost",
                                                    with: "line_item_usage_start_date,line_item_usage_account_id,line_item_product_code,line_item_usage_type,line_item_unblended_cost")
        Support.write(snake, to: export + "/data/BILLING_PERIOD=2024-03", "my-export-00001.csv")
        Support.write(snake.replacingOccurrences(of: "0.096", with: "0.100"), to: export + "/data/BILLING_PERIOD=2024-03", "my-export-00002.csv")
        Support.write(#"{"dataFiles":["s3://bucket/exports/my-export/data/BILLING_PERIOD=2024-03/my-export-00002.csv"]}"#,
                      to: export + "/metadata/BILLING_PERIOD=2024-03", "my-export-Manifest.json")
        let (summary, cache) = try Support.ingest([root])
        #expect(summary.filesSuperseded == 1)
        #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 200_000_000, "AmazonS3": 1_500_000])
    }

    @Test("the longest matching suffix wins over a file of the same name in another assembly")
    func longestSuffix() {
        let resolver = ManifestKeyResolver(files: ["/d/p/old/r-1.csv", "/d/p/new/r-1.csv", "/elsewhere/new/r-1.csv"])
        #expect(resolver.resolve("/prefix/p/new/r-1.csv", near: "/d/p/r-Manifest.json") == "/d/p/new/r-1.csv")
        #expect(resolver.resolve("r-2.csv", near: "/d/p/r-Manifest.json") == nil)
    }
}
