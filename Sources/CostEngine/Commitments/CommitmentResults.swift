import CostModel

/// Coverage of one group.
public struct CoverageRow: Sendable, Equatable {
    public var key: String
    public var name: String?
    /// On-demand-equivalent (list) cost of eligible usage that a commitment covered, nano-units.
    public var coveredCost: Int128 = 0
    /// On-demand-equivalent cost of all eligible usage, nano-units.
    public var eligibleCost: Int128 = 0
    /// Instance hours covered and eligible (instance-hour usage types only).
    public var coveredHours: Double = 0
    public var eligibleHours: Double = 0

    public init(key: String, name: String?) {
        self.key = key
        self.name = name
    }

    /// Eligible on-demand spend no commitment covered: the purchase opportunity.
    public var onDemandCost: Int128 { eligibleCost - coveredCost }
    /// Coverage in percent, nil without eligible usage.
    public var coverage: Double? { eligibleCost == 0 ? nil : Double(coveredCost) / Double(eligibleCost) * 100 }
    /// Coverage in instance hours, percent.
    public var hoursCoverage: Double? { eligibleHours == 0 ? nil : coveredHours / eligibleHours * 100 }
}

/// Coverage grouped by a dimension.
public struct CoverageResult: Sendable {
    public var period: DayRange
    public var currency: String?
    public var rows: [CoverageRow]
    public var total: CoverageRow
}

/// One commitment (Savings Plan, reservation, FOCUS commitment discount) over a period.
public struct CommitmentRow: Sendable, Equatable {
    public var id: String
    public var type: String
    public var totalCommitment: Int128
    public var used: Int128
    /// Accounts whose usage it covered in the period: 1 for a single account, more when shared.
    public var accountsCovered: Int
    /// Used and total commitment per day of the period.
    public var dailyUsed: [Int128]
    public var dailyTotal: [Int128]

    public var unused: Int128 { totalCommitment - used }
    /// Utilization in percent, nil when nothing was committed in the period.
    public var utilization: Double? { totalCommitment == 0 ? nil : Double(used) / Double(totalCommitment) * 100 }
    /// Daily utilization in percent (nil on days without commitment).
    public var dailyUtilization: [Double?] {
        zip(dailyUsed, dailyTotal).map { used, total in total == 0 ? nil : Double(used) / Double(total) * 100 }
    }
}

/// The gauges of a drill context.
public struct CommitmentSummary: Sendable, Equatable {
    public var coverage: Double?
    public var utilization: Double?
    public var unused: Int128
    public var totalCommitment: Int128
    public var uncoveredOnDemand: Int128
    public var effectiveSavingsRate: Double?
    public var commitmentCount: Int

    public init(coverage: Double?, utilization: Double?, unused: Int128, totalCommitment: Int128, uncoveredOnDemand: Int128,
                effectiveSavingsRate: Double?, commitmentCount: Int) {
        self.coverage = coverage
        self.utilization = utilization
        self.unused = unused
        self.totalCommitment = totalCommitment
        self.uncoveredOnDemand = uncoveredOnDemand
        self.effectiveSavingsRate = effectiveSavingsRate
        self.commitmentCount = commitmentCount
    }
}
