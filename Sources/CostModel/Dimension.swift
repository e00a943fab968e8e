/// A dimension a charge can be grouped or filtered by.
///
/// The fixed dimensions are columns of every cache; `tag(key)` refers to a tag key found in the data.
/// `day` and `month` are derived from the row's day and exist only for grouping. `category(name)` is
/// a cost category of the rules file (docs/allocation.md), computed at query time.
public enum CostDimension: Hashable, Sendable, CustomStringConvertible {
    case fixed(FixedDimension)
    case tag(String)
    case category(String)
    case day
    case month

    /// Parses the command-line spelling: `service`, `usage-type`, `tag:team`, `day`, ...
    public init?(_ text: String) {
        if text.hasPrefix("tag:") {
            let key = String(text.dropFirst(4))
            guard !key.isEmpty else { return nil }
            self = .tag(key)
        } else if text.hasPrefix("category:") {
            let name = String(text.dropFirst(9))
            guard !name.isEmpty else { return nil }
            self = .category(name)
        } else if text == "day" {
            self = .day
        } else if text == "month" {
            self = .month
        } else if let fixed = FixedDimension(rawValue: text) {
            self = .fixed(fixed)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .fixed(let fixed): return fixed.rawValue
        case .tag(let key): return "tag:\(key)"
        case .category(let name): return "category:\(name)"
        case .day: return "day"
        case .month: return "month"
        }
    }

    /// How a missing value of this dimension is shown: `(untagged)` for tags, `(none)` otherwise.
    public var missingLabel: String {
        if case .tag = self { return "(untagged)" }
        return "(none)"
    }

    /// Every spelling accepted on the command line, for help texts.
    public static let spellings: String =
        (FixedDimension.allCases.map(\.rawValue) + ["tag:KEY", "category:NAME", "day", "month"]).joined(separator: ", ")
}

/// The dimensions stored as dictionary-encoded columns in every cache, in column order.
///
/// The raw values are the stable names used on the command line and in the cache footer.
public enum FixedDimension: String, CaseIterable, Sendable {
    case provider
    case billingAccount = "billing-account"
    case account
    case service
    case usageType = "usage-type"
    case region
    case resource
    case chargeCategory = "charge-category"
    case pricingCategory = "pricing-category"
    case commitment
    case commitmentType = "commitment-type"
    case commitmentStatus = "commitment-status"
    case currency
    /// The source file a row came from; lets a re-ingest replace one file's rows.
    case source
}
