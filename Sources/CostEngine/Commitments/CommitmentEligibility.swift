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
///
/// Google Cloud and Azure services have rules of their own by service and usage type
/// (`CloudEligibilityRule`): a row of a service with such a rule is judged by it alone.
public enum CommitmentEligibility {
    /// Whether a usage type is eligible for some commitment.
    public static func isEligible(usageType: String) -> Bool {
        let patterns = ["BoxUsage", "DedicatedUsage", "HostUsage", "Fargate-vCPU-Hours", "Fargate-GB-Hours",
                        "Lambda-GB-Second", "InstanceUsage", "Multi-AZUsage", "NodeUsage", "Node:", "ESInstance"]
        if patterns.contains(where: usageType.contains) { return true }
        return usageType.contains("ml.") && ["Host", "Notebook", "Train"].contains(where: usageType.contains)
    }

    /// Whether a usage type of a service is eligible: by the service's Google Cloud or Azure rule
    /// when it has one (`CloudEligibilityRule`), else by the AWS usage-type rule.
    public static func isEligible(service: String, usageType: String) -> Bool {
        if let rule = CloudEligibilityRule.all.first(where: { $0.service == service }) { return rule.covers(usageType: usageType) }
        return isEligible(usageType: usageType)
    }

    /// Whether the cache holds usage some commitment could cover (any provider's rule).
    public static func hasEligibleUsage(_ cache: CacheFile) -> Bool {
        let rules = CloudEligibilityRule.serviceRules(cache)
        if rules.contains(where: { $0 != nil }) { return true }
        let usageTypes = cache.dictionary(.usageType)
        return (1..<max(1, usageTypes.count)).contains { isEligible(usageType: usageTypes[$0]) }
    }

    /// Whether the usage type is measured in instance hours (for coverage in hours).
    public static func isInstanceHours(usageType: String) -> Bool {
        ["BoxUsage", "DedicatedUsage", "HostUsage", "InstanceUsage", "Multi-AZUsage", "NodeUsage", "Node:", "ESInstance"]
            .contains(where: usageType.contains)
    }

    /// Per usage-type code: (eligible, measured in instance hours). Searches the dictionary's bytes
    /// directly: `String.contains` over thousands of usage types took 11 ms, too much for a keypress.
    static func table(_ cache: CacheFile) -> (eligible: [Bool], hours: [Bool]) {
        let dictionary = cache.dictionary(.usageType)
        var eligible = [Bool](repeating: false, count: dictionary.count)
        var hours = [Bool](repeating: false, count: dictionary.count)
        let hourPatterns = ["BoxUsage", "DedicatedUsage", "HostUsage", "InstanceUsage", "Multi-AZUsage", "NodeUsage", "Node:",
                            "ESInstance"].map { Array($0.utf8) }
        let otherPatterns = ["Fargate-vCPU-Hours", "Fargate-GB-Hours", "Lambda-GB-Second"].map { Array($0.utf8) }
        let ml = Array("ml.".utf8)
        let sageMaker = ["Host", "Notebook", "Train"].map { Array($0.utf8) }
        for code in 1..<max(1, dictionary.count) {
            let bytes = dictionary.bytes(at: code)
            let isHours = hourPatterns.contains { contains(bytes, $0) }
            hours[code] = isHours
            eligible[code] = isHours || otherPatterns.contains { contains(bytes, $0) }
                || (contains(bytes, ml) && sageMaker.contains { contains(bytes, $0) })
        }
        return (eligible, hours)
    }

    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count, let first = needle.first else { return false }
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == first {
                var index = 1
                while index < needle.count, haystack[start + index] == needle[index] { index += 1 }
                if index == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}
