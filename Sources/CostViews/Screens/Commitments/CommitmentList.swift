import CostEngine
import CostModel

/// Every commitment with cost in a period, for the commitments screen, and the question it answers.
public struct CommitmentList: Sendable {
    public var period: DayRange
    public var currency: String?
    /// The `:where` filters it was computed with (never the drill path: the screen shows the whole bill).
    public var filters: [Filter]
    /// Largest total commitment first, as the engine orders them.
    public var rows: [CommitmentRow]

    /// Total commitment of all rows, nano-units.
    public var totalCommitment: Int128 { rows.reduce(0) { $0 + $1.totalCommitment } }
    /// Used commitment of all rows, nano-units.
    public var used: Int128 { rows.reduce(0) { $0 + $1.used } }
    /// Utilization of all rows together in percent, nil when nothing was committed.
    public var utilization: Double? { totalCommitment == 0 ? nil : Double(used) / Double(totalCommitment) * 100 }
}
