import CostCache

/// Which Google Cloud and Azure usage a commitment could cover, by service and usage type (SKU or
/// meter). AWS's rule is by usage type alone (`CommitmentEligibility`); Google's and Azure's
/// commitments are bought per service, so their rule names the service (`service.description`,
/// Azure's `MeterCategory`) and, where a commitment covers only part of a service, the words of the
/// usage types it covers. Sources and the full table: docs/commitments.md.
///
/// - Google Cloud, resource-based committed use discounts: Compute Engine vCPUs, memory, GPUs and
///   local SSD (`… Instance Core running …`, `… Instance Ram running …`, `… GPU running …`, `SSD backed
///   Local Storage …`, sole-tenant nodes), never preemptible or Spot VMs.
/// - Google Cloud, spend-based (flexible) committed use discounts: the vCPU and memory of Cloud
///   SQL, AlloyDB, Cloud Run, GKE Autopilot pods, Cloud Spanner compute and Memorystore capacity.
/// - Azure reservations and savings plans for compute: every usage of Virtual Machines (Spot is
///   `Dynamic` and excluded before this rule), Azure Dedicated Host, Container Instances and Azure
///   VMware Solution; the compute meters (vCores, RU/s, cache instances, Premium v3 / Isolated v2
///   plans) of the database, cache, analytics and App Service categories.
struct CloudEligibilityRule: Sendable {
    /// The service (`service` dimension) the rule applies to, matched exactly.
    let service: String
    /// Words of eligible usage types (any matches; empty: all usage of the service).
    let include: [String]
    /// Words of usage types never eligible (checked after `include`).
    let exclude: [String]

    init(_ service: String, include: [String] = [], exclude: [String] = []) {
        self.service = service
        self.include = include
        self.exclude = exclude
    }

    /// Every rule, Google Cloud first.
    static let all: [CloudEligibilityRule] = {
        // `N2 Instance Core running in Americas`, `N2 Custom Instance Ram running in EMEA`, `Nvidia Tesla T4 GPU running in …`.
        let gceWords = ["Core running", "Ram running", "GPU running", "Local Storage", "Sole Tenancy"]
        let noSpot = ["Preemptible", "Spot"]
        let gcpSpendBased = ["vCPU", "RAM", "Memory", "CPU", "CORE", "Capacity", "Compute", "Processing Unit", "Node"]
        let azureCompute = ["vCore", "Compute", "RU/s", "Cache Instance", "Premium v3", "Isolated v2"]
        return [
            CloudEligibilityRule("Compute Engine", include: gceWords, exclude: noSpot),
            CloudEligibilityRule("Cloud SQL", include: gcpSpendBased, exclude: ["Storage", "Backup", "Network", "License"]),
            CloudEligibilityRule("AlloyDB", include: gcpSpendBased, exclude: ["Storage", "Backup", "Network"]),
            CloudEligibilityRule("Cloud Run", include: gcpSpendBased, exclude: ["Request", "Network"]),
            CloudEligibilityRule("Kubernetes Engine", include: ["Autopilot"], exclude: ["Storage", "Spot"]),
            CloudEligibilityRule("Cloud Spanner", include: gcpSpendBased, exclude: ["Storage", "Backup", "Network"]),
            CloudEligibilityRule("Cloud Memorystore for Redis", include: gcpSpendBased, exclude: ["Network"]),
            CloudEligibilityRule("Virtual Machines", exclude: ["Spot", "Low Priority"]),
            CloudEligibilityRule("Azure Dedicated Host"),
            CloudEligibilityRule("Container Instances"),
            CloudEligibilityRule("Azure VMware Solution"),
            CloudEligibilityRule("SQL Database", include: azureCompute, exclude: ["Storage", "Backup"]),
            CloudEligibilityRule("SQL Managed Instance", include: azureCompute, exclude: ["Storage", "Backup"]),
            CloudEligibilityRule("Azure Database for MySQL", include: azureCompute, exclude: ["Storage", "Backup"]),
            CloudEligibilityRule("Azure Database for PostgreSQL", include: azureCompute, exclude: ["Storage", "Backup"]),
            CloudEligibilityRule("Azure Database for MariaDB", include: azureCompute, exclude: ["Storage", "Backup"]),
            CloudEligibilityRule("Azure Cosmos DB", include: azureCompute, exclude: ["Storage", "Backup"]),
            CloudEligibilityRule("Azure Synapse Analytics", include: ["Compute", "Data Warehouse"], exclude: ["Storage"]),
            CloudEligibilityRule("Redis Cache", include: azureCompute + ["Cache"], exclude: ["Network"]),
            CloudEligibilityRule("Azure Cache for Redis", include: azureCompute + ["Cache"], exclude: ["Network"]),
            CloudEligibilityRule("Azure Data Explorer", include: azureCompute + ["Markup"], exclude: ["Storage"]),
            CloudEligibilityRule("Azure App Service", include: azureCompute, exclude: []),
            CloudEligibilityRule("App Service", include: azureCompute, exclude: []),
            CloudEligibilityRule("Functions", include: ["Premium"], exclude: []),
        ]
    }()

    /// Whether a usage type of this rule's service is eligible.
    func covers(usageType: String) -> Bool {
        if !include.isEmpty && !include.contains(where: usageType.contains) { return false }
        return !exclude.contains(where: usageType.contains)
    }

    /// Per service code, the index of its rule in `all` (nil: no rule; the AWS usage-type rule applies).
    static func serviceRules(_ cache: CacheFile) -> [Int?] {
        let services = cache.dictionary(.service)
        let byName = Dictionary(all.enumerated().map { ($1.service, $0) }, uniquingKeysWith: { first, _ in first })
        return (0..<services.count).map { byName[services[$0]] }
    }

    /// Per rule, per usage-type code: whether the usage type is eligible under that rule. Only the
    /// rules of services present are evaluated, once per analysis.
    static func usageTypeTables(_ cache: CacheFile, serviceRules: [Int?]) -> [[Bool]] {
        let present = Set(serviceRules.compactMap { $0 })
        let usageTypes = cache.dictionary(.usageType)
        return all.indices.map { index in
            guard present.contains(index) else { return [] }
            let rule = all[index]
            return (0..<usageTypes.count).map { $0 != 0 && rule.covers(usageType: usageTypes[$0]) }
        }
    }
}
