/// How a usage type's quantity behaves from hour to hour.
enum UsageShape {
    /// One resource-hour per hour while running (instances, nodes, clusters, gateways).
    case instance
    /// Stored bytes: steady, a little noise, no daily rhythm.
    case storage
    /// Traffic-driven quantity (GB, GB-seconds, DPU-hours): follows the time of day and the week.
    case traffic
    /// Like traffic, but counted in whole requests or events.
    case requests
}

/// What kind of resource id a usage type's line items carry.
enum ResourceKind {
    case none, instance, volume, snapshot, bucket, database, function, table, distribution
    case cluster, cacheCluster, natGateway, queue, topic, stream, warehouse, endpoint
    case domain, fileSystem, key, secret, service, broker, repository, vpcEndpoint, backupVault
    case detector, trail, loadBalancer, hostedZone, glueJob, workgroup, fsx, transitGateway
}

/// Where a usage type is billed.
enum UsageScope {
    /// Regional: the usage type is the region prefix, a dash and the template's name.
    case regional
    /// CloudFront-style: billed per edge geography (US, EU, …) rather than per region.
    case edge
    /// Global with no prefix at all (Route 53 hosted zones and queries).
    case global
}

/// One billable usage type of a service, before it is placed in a region and account.
struct UsageTemplate {
    /// The usage type after the region prefix, e.g. `BoxUsage:m5.xlarge`; `{peer}` stands for
    /// another region's prefix (inter-region transfer).
    let name: String
    /// lineItem/Operation.
    let operation: String
    /// Pricing unit, e.g. `Hrs`, `GB-Mo`, `GB`, `Requests`.
    let unit: String
    /// On-demand price per unit in us-east-1.
    let rate: Double
    /// lineItem/LineItemDescription with `{price}` where the unit price goes.
    let description: String
    let shape: UsageShape
    let resource: ResourceKind
    /// Typical cost of one active hour of one resource, which sets the usage amount.
    let hourlyCost: Double
    /// How often a generic resource of this type reports usage, relative to others.
    let density: Double
    let scope: UsageScope
    /// Compute Savings Plan discount (0 when the usage is not eligible).
    let savingsPlanDiscount: Double
    /// True for Spot usage: billed below the public on-demand price.
    let isSpot: Bool

    /// A template; positional arguments keep the catalog tables compact.
    init(_ name: String, _ operation: String, _ unit: String, _ rate: Double, _ description: String,
         _ shape: UsageShape, _ resource: ResourceKind, cost hourlyCost: Double, density: Double = 1,
         scope: UsageScope = .regional, savingsPlan savingsPlanDiscount: Double = 0, spot isSpot: Bool = false) {
        self.name = name
        self.operation = operation
        self.unit = unit
        self.rate = rate
        self.description = description
        self.shape = shape
        self.resource = resource
        self.hourlyCost = hourlyCost
        self.density = density
        self.scope = scope
        self.savingsPlanDiscount = savingsPlanDiscount
        self.isSpot = isSpot
    }
}

/// An AWS service as the bill names it.
struct Service {
    /// lineItem/ProductCode, e.g. `AmazonEC2`.
    let code: String
    /// product/ProductName, e.g. `Amazon Elastic Compute Cloud` (FOCUS ServiceName).
    let name: String
    /// FOCUS ServiceCategory.
    let category: String
    /// Accounts (by name) that run this service's generic resources; empty means any account.
    let accounts: [String]
    let templates: [UsageTemplate]
}
