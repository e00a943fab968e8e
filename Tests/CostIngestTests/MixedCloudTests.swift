import CostIngest
import CostModel
import CosttopTestSupport
import Foundation
import Testing

/// AWS, Google Cloud and Azure in one cache, and JSON Lines cut into chunks across threads.
@Suite("Mixed clouds and chunked JSON Lines", .serialized)
struct MixedCloudTests {
    static func generateGCP(rows: Int) -> String {
        let folder = Support.temporaryFolder()
        let result = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/gcp-samplegen.py",
                                                  "--rows", "\(rows)", "--shapes", "jsonl", folder])
        #expect(result.status == 0, "\(result.err)")
        return folder + "/gcp-billing.jsonl"
    }

    @Test("one cache holds AWS, Google Cloud and Azure; provider is a dimension; each provider's total is its own ingest's")
    func mixed() throws {
        let gcp = Self.generateGCP(rows: 2000)
        var inputs = [Support.repository + "/sample-data/aws-cur", gcp]
        if let samples = Support.samples { inputs.append(samples + "/finops-toolkit/EA_AmortizedCost_Small.csv") }
        let (summary, cache) = try Support.ingest(inputs)
        #expect(summary.formats.map(\.format).contains("gcp"))
        let byProvider = try totals(cache, by: .fixed(.provider))
        #expect(byProvider["Google Cloud"] != nil)
        for input in inputs {
            let (_, alone) = try Support.ingest([input])
            for (provider, cost) in try totals(alone, by: .fixed(.provider)) {
                #expect(byProvider[provider] == cost, "\(provider)")
            }
        }
        if Support.samples != nil { #expect(byProvider["Microsoft Azure"] != nil) }
    }

    @Test("a JSON Lines file cut into small chunks on four threads gives the same cache as one piece")
    func chunked() throws {
        let gcp = Self.generateGCP(rows: 3000)
        let (_, whole) = try Support.ingest([gcp]) { $0.workerThreads = 1 }
        let (wholeSummary, _) = try Support.ingest([gcp]) { $0.workerThreads = 1 }
        let (summary, pieces) = try Support.ingest([gcp]) { $0.workerThreads = 4; $0.chunkBytes = 64 << 10 }
        #expect(summary.lineItems == 3000)
        #expect(summary.lineItems == wholeSummary.lineItems)
        for dimension: CostDimension in [.fixed(.account), .fixed(.service), .fixed(.chargeCategory), .tag("env"), .day] {
            for metric: Metric in [.billed, .list] {
                #expect(try totals(pieces, by: dimension, metric: metric) == totals(whole, by: dimension, metric: metric))
            }
        }
    }
}
