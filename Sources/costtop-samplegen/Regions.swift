/// An AWS region as it appears in a bill.
struct Region {
    /// `us-east-1`.
    let code: String
    /// `US East (N. Virginia)`, the product/location text.
    let name: String
    /// The usage-type prefix AWS puts before regional usage types (`USE1`, `EU`, …).
    let prefix: String
    /// Price relative to us-east-1; other regions cost more, as in AWS's price lists.
    let priceFactor: Double
    /// How often generic resources land here, relative to the other regions.
    let weight: Double
}

/// The ten regions the sample organisation runs in.
enum RegionCatalog {
    /// The regions, in a fixed order (indices are used throughout the plan).
    static let all: [Region] = [
        Region(code: "us-east-1", name: "US East (N. Virginia)", prefix: "USE1", priceFactor: 1.0, weight: 30),
        Region(code: "us-west-2", name: "US West (Oregon)", prefix: "USW2", priceFactor: 1.0, weight: 18),
        Region(code: "eu-west-1", name: "EU (Ireland)", prefix: "EU", priceFactor: 1.1, weight: 12),
        Region(code: "eu-central-1", name: "EU (Frankfurt)", prefix: "EUC1", priceFactor: 1.15, weight: 9),
        Region(code: "ap-southeast-1", name: "Asia Pacific (Singapore)", prefix: "APS1", priceFactor: 1.2, weight: 6),
        Region(code: "ap-northeast-1", name: "Asia Pacific (Tokyo)", prefix: "APN1", priceFactor: 1.25, weight: 6),
        Region(code: "ap-south-1", name: "Asia Pacific (Mumbai)", prefix: "APS3", priceFactor: 1.05, weight: 4),
        Region(code: "sa-east-1", name: "South America (Sao Paulo)", prefix: "SAE1", priceFactor: 1.55, weight: 3),
        Region(code: "ca-central-1", name: "Canada (Central)", prefix: "CAN1", priceFactor: 1.1, weight: 4),
        Region(code: "us-east-2", name: "US East (Ohio)", prefix: "USE2", priceFactor: 1.0, weight: 8),
    ]

    /// The index of the region with `code` (the planted stories name their regions).
    static func index(_ code: String) -> Int {
        all.firstIndex { $0.code == code }!
    }

    /// CloudFront bills by edge geography, not by region: these prefixes replace the region's.
    static let cloudFrontPrefixes = ["US", "EU", "AP", "JP", "IN", "SA", "CA"]
}
