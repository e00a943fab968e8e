import CostCache
import CostEngine
import CostModel

/// Each group's cost over the whole cache, keyed by the group's key.
public func totals(_ cache: CacheFile, by dimension: CostDimension, metric: Metric = .billed, filters: [Filter] = []) throws -> [String: Int128] {
    guard let days = cache.dayRange else { return [:] }
    let spec = QuerySpec(groupBy: dimension, filters: filters, period: days, comparison: nil, metric: metric)
    let result = try QueryEngine(cache: cache).run(spec)
    return Dictionary(uniqueKeysWithValues: result.rows.map { ($0.key, $0.cost) })
}

/// Three line items of a legacy CUR: two EC2 hours on one day, an S3 charge the next.
public let minimalCUR = """
    lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost
    2024-03-01T00:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:m5.large,0.096
    2024-03-01T01:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:m5.large,0.096
    2024-03-02T00:00:00.000Z,222222222222,AmazonS3,USE1-TimedStorage-ByteHrs,1.5E-3

    """

