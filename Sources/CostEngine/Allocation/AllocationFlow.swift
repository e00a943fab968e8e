/// Where a category value's cost came from once splits are applied: its own (direct) cost, what it
/// received from each split, and what it passed on. `direct + allocatedIn - allocatedOut` is the
/// value's reported cost.
public struct AllocationFlow: Sendable, Equatable {
    /// The cost of the charges the category's rules gave this value, in nano-units.
    public var direct: Int128
    /// What each split whose target this value is gave it, in split order.
    public var received: [AllocationShare]
    /// What this value's own split passed on to its targets.
    public var allocatedOut: Int128
    /// Cost this value was to pass on but kept: days on which a proportional split's targets had no
    /// positive cost.
    public var unallocatable: Int128
    /// The split method that passed this value's cost on (`proportional`, `even`, `fixed`), if any.
    public var outMethod: String?

    /// A flow; `received` in split order.
    public init(direct: Int128, received: [AllocationShare] = [], allocatedOut: Int128 = 0, unallocatable: Int128 = 0,
                outMethod: String? = nil) {
        self.direct = direct
        self.received = received
        self.allocatedOut = allocatedOut
        self.unallocatable = unallocatable
        self.outMethod = outMethod
    }

    /// Everything received from splits.
    public var allocatedIn: Int128 { received.reduce(0) { $0 + $1.amount } }
    /// The cost reported for the value: direct, plus received, less passed on.
    public var total: Int128 { direct + allocatedIn - allocatedOut }
}

/// What one split gave one target.
public struct AllocationShare: Sendable, Equatable {
    /// The split's source value.
    public var source: String
    /// The split's method (`proportional`, `even`, `fixed`), as FOCUS's `AllocatedMethodId`.
    public var method: String
    /// The amount received, in nano-units.
    public var amount: Int128

    /// A share of `amount` from `source` by `method`.
    public init(source: String, method: String, amount: Int128) {
        self.source = source
        self.method = method
        self.amount = amount
    }
}
