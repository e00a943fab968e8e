import CostCache
import CostModel

/// Which usage a commitment could cover: the denominator of coverage.
///
/// AWS CUR has no eligibility flag, so the rule is by usage type (after the region prefix), as AWS
/// documents the services each commitment applies to:
/// - EC2 instances (`BoxUsage`, `DedicatedUsage`, `HostUsage`): Compute and EC2 Instance Savings Plans, EC2 RIs;
/// - Fargate vCPU and memory (`Fargate-vCPU-Hours`, `Fargate-GB-Hours`) and Lambda duration
///   (`Lambda-GB-Second`): Compute Savings Plans;
/// - RDS (`InstanceUsage`, `Multi-AZUsage`), ElastiCache (`NodeUsage`), Redshift (`Node:`),
///   OpenSearch (`ESInstance`): reserved instances and nodes;
/// - SageMaker instances (`ml.` with `Host`, `Notebook`, `Train`): SageMaker Savings Plans.
/// Anything priced `Committed` is eligible by definition (it was covered); Spot (`Dynamic`) never is.
/// Only line items whose charge category is `Usage` count. The same rule applies to FOCUS data,
/// where the usage type is `x_UsageType`, else `SkuId`, else `ChargeDescription`.
public enum CommitmentEligibility {
    /// Whether a usage type is eligible for some commitment.
    public static func isEligible(usageType: String) -> Bool {
        let patterns = ["BoxUsage", "DedicatedUsage", "HostUsage", "Fargate-vCPU-Hours", "Fargate-GB-Hours",
                        "Lambda-GB-Second", "InstanceUsage", "Multi-AZUsage", "NodeUsage", "Node:", "ESInstance"]
        if patterns.contains(where: usageType.contains) { return true }
        return usageType.contains("ml.") && ["Host", "Notebook", "Train"].contains(where: usageType.contains)
    }

    /// Whether the usage type is measured in instance hours (for coverage in hours).
    public static func isInstanceHours(usageType: String) -> Bool {
        ["BoxUsage", "DedicatedUsage", "HostUsage", "InstanceUsage", "Multi-AZUsage", "NodeUsage", "Node:", "ESInstance"]
            .contains(where: usageType.contains)
    }

    /// Per usage-type code: (eligible, measured in instance hours).
    static func table(_ cache: CacheFile) -> (eligible: [Bool], hours: [Bool]) {
        let dictionary = cache.dictionary(.usageType)
        var eligible = [Bool](repeating: false, count: dictionary.count)
        var hours = [Bool](repeating: false, count: dictionary.count)
        for code in 1..<max(1, dictionary.count) {
            let name = dictionary[code]
            eligible[code] = isEligible(usageType: name)
            hours[code] = isInstanceHours(usageType: name)
        }
        return (eligible, hours)
    }
}
