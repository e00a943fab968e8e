import CostCache
import Foundation

/// A hand-made FOCUS CSV bill for the allocation cases: one line per account, service, day of
/// September 2024 and cost, each with an optional `team` tag.
public struct TeamBill {
    private var lines = ["SubAccountId,ServiceName,ChargePeriodStart,BilledCost,EffectiveCost,ListCost,Tags"]

    public init() {}

    /// Adds a line: `cost` as the export writes it (billed, effective and list alike).
    public mutating func add(_ account: String, _ service: String, day: Int, _ cost: String, team: String?) {
        let tags = team.map { "\"{\"\"team\"\":\"\"\($0)\"\"}\"" } ?? ""
        lines.append("\(account),\(service),2024-09-0\(day)T00:00:00Z,\(cost),\(cost),\(cost),\(tags)")
    }

    /// The bill ingested into a cache of its own.
    public func ingest() throws -> CacheFile {
        let file = Support.write(lines.joined(separator: "\n") + "\n", to: Support.temporaryFolder(), "f.csv")
        return try Support.ingest([file]).1
    }
}
