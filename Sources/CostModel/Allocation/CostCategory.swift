/// A cost category: ordered rules map each charge to one value; the first rule that matches wins,
/// and a charge no rule matches gets the default value.
public struct CostCategory: Sendable, Equatable {
    /// The name queried as `category:NAME`.
    public var name: String
    /// The rules, first match wins.
    public var rules: [CategoryRule]
    /// The value of every charge no rule matches.
    public var defaultValue: String

    /// A category with its rules and default value.
    public init(name: String, rules: [CategoryRule], defaultValue: String) {
        self.name = name
        self.rules = rules
        self.defaultValue = defaultValue
    }
}

/// One rule of a category: when every condition holds, the charge gets the rule's value.
public struct CategoryRule: Sendable, Equatable {
    /// What a matching charge's value is.
    public enum Outcome: Sendable, Equatable {
        /// A fixed value.
        case value(String)
        /// The charge's own value of a dimension (`tag:team`, `account`); the rule matches only
        /// when the charge has one (not `(untagged)` / `(none)`).
        case inherit(CostDimension)
    }

    /// The value given.
    public var outcome: Outcome
    /// Conditions that must all hold (AND); none means every charge matches.
    public var conditions: [MatchCondition]

    /// A rule giving `outcome` to charges matching every condition.
    public init(_ outcome: Outcome, conditions: [MatchCondition] = []) {
        self.outcome = outcome
        self.conditions = conditions
    }

    /// The rule as a user would name it in a message: `value data` or `inherit tag:team`.
    public var summary: String {
        switch outcome {
        case .value(let value): return "value \(value)"
        case .inherit(let dimension): return "inherit \(dimension)"
        }
    }
}

/// One condition of a rule: the charge's value of `dimension` is one of `values` (OR).
///
/// The missing value is written `(none)`, or `(untagged)` for tags, as in `--where`.
public struct MatchCondition: Sendable, Equatable {
    /// The dimension tested: a fixed dimension or `tag:KEY`.
    public var dimension: CostDimension
    /// The accepted values; a charge matches when its value is any of them.
    public var values: [String]

    /// A condition accepting any of `values` for `dimension`.
    public init(dimension: CostDimension, values: [String]) {
        self.dimension = dimension
        self.values = values
    }
}
