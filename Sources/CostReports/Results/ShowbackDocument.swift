/// `costtop showback --format json` (docs/allocation.md): per category value, its direct cost, what
/// splits moved in and out, its total, share and change, and the allocations it received with
/// FOCUS 1.3-style `AllocatedMethodId` and ratio. Money to the cent, percentages 0-100 to 0.01.
public struct ShowbackDocument: Codable, Sendable {
    /// One split's share received by a value.
    public struct Allocation: Codable, Sendable {
        /// The split's source value.
        public var source: String
        /// `proportional`, `even` or `fixed`.
        public var AllocatedMethodId: String
        public var amount: JSONDecimal
        /// The fraction (0-1, six decimals) of what the source passed on that this value received.
        public var AllocatedRatio: String
    }

    /// One category value.
    public struct Row: Codable, Sendable {
        public var value: String
        public var direct: JSONDecimal
        public var allocatedIn: JSONDecimal
        public var allocatedOut: JSONDecimal
        /// What a split could not pass on (proportional days whose targets had no cost).
        public var unallocatable: JSONDecimal
        public var total: JSONDecimal
        public var share: Nullable<JSONDecimal>
        public var previous: JSONDecimal
        public var delta: JSONDecimal
        public var deltaPct: Nullable<JSONDecimal>
        public var allocations: [Allocation]
        /// With `--per METRIC`: the value's volume, unit costs and the unit cost's change split into
        /// cost and volume growth; absent without `--per`.
        public var perUnit: UnitCostFields?
    }

    public var by: String
    public var from: String
    public var to: String
    public var compareFrom: String
    public var compareTo: String
    public var metric: String
    public var currency: Nullable<String>
    public var filters: [String]
    public var rules: Nullable<String>
    /// The business metric of `perUnit` (`--per`); absent without it.
    public var per: String?
    /// Totals over every value: `total` equals `query`'s total for the same selection.
    public var total: JSONDecimal
    public var previousTotal: JSONDecimal
    public var rows: [Row]
}
