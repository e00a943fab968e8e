/// A linked (member) account of the sample organisation, with the tags its resources carry.
struct Account {
    /// 12-digit account id.
    let id: String
    /// Account name (FOCUS SubAccountName).
    let name: String
    /// Value of the `team` tag on its tagged resources.
    let team: String
    /// Value of the `env` tag.
    let env: String
    /// Values of the `app` tag, one picked per resource.
    let apps: [String]
    /// Share of generic resources created here, relative to the other accounts.
    let weight: Double
    /// Sales tax rate applied to the account's monthly charges (0 for untaxed accounts).
    let taxRate: Double
}

/// The payer and the twelve linked accounts.
enum AccountCatalog {
    /// The management (payer) account: bill/PayerAccountId and FOCUS BillingAccountId.
    static let payerId = "999988887777"
    /// FOCUS BillingAccountName.
    static let payerName = "costtop-demo-org"

    /// The linked accounts, in a fixed order (indices are used throughout the plan).
    static let all: [Account] = [
        Account(id: "123456789012", name: "prod-web", team: "web", env: "prod",
                apps: ["storefront", "checkout", "cdn-origin"], weight: 14, taxRate: 0.06),
        Account(id: "210987654321", name: "prod-api", team: "api", env: "prod",
                apps: ["orders-api", "auth", "search"], weight: 14, taxRate: 0.06),
        Account(id: "345678901234", name: "prod-data", team: "data", env: "prod",
                apps: ["orders-db", "events", "reporting"], weight: 10, taxRate: 0.06),
        Account(id: "456789012345", name: "staging", team: "platform", env: "staging",
                apps: ["storefront", "orders-api", "auth"], weight: 8, taxRate: 0),
        Account(id: "567890123456", name: "dev-sandbox", team: "platform", env: "dev",
                apps: ["sandbox", "experiments"], weight: 6, taxRate: 0),
        Account(id: "678901234567", name: "analytics", team: "data", env: "prod",
                apps: ["warehouse", "dashboards", "etl"], weight: 9, taxRate: 0.06),
        Account(id: "789012345678", name: "ml-research", team: "ml", env: "dev",
                apps: ["recommender", "forecasting"], weight: 5, taxRate: 0),
        Account(id: "890123456789", name: "security", team: "security", env: "prod",
                apps: ["audit", "siem"], weight: 4, taxRate: 0),
        Account(id: "901234567890", name: "shared-services", team: "platform", env: "prod",
                apps: ["network", "ci", "observability"], weight: 8, taxRate: 0.06),
        Account(id: "112233445566", name: "mobile-backend", team: "mobile", env: "prod",
                apps: ["push", "sync", "media"], weight: 8, taxRate: 0.06),
        Account(id: "223344556677", name: "data-lake", team: "data", env: "prod",
                apps: ["lake-raw", "lake-curated"], weight: 7, taxRate: 0),
        Account(id: "334455667788", name: "qa", team: "qa", env: "test",
                apps: ["load-tests", "e2e"], weight: 4, taxRate: 0),
    ]

    /// The index of the account named `name` (the planted stories name their accounts).
    static func index(_ name: String) -> Int {
        all.firstIndex { $0.name == name }!
    }
}
