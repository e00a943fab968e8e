/// What explains part of a mover's change (docs/movers.md has the formulas).
public enum MoverDriverKind: String, CaseIterable, Sendable, Codable {
    /// Volume change of continuing usage types at the old unit cost.
    case usage
    /// Unit-cost change at the new volume.
    case rate
    /// Shift of volume between usage types of different unit cost inside the node.
    case mix
    /// Change in what Savings Plans, reservations and CUDs save, net of their fees.
    case commitment
    case credits, refunds, tax, fees
    /// Usage types (or a whole node) with no cost before.
    case new
    /// Usage types (or a whole node) with no cost now.
    case stopped
    /// Change in what a cost category's value received from shared-cost splits less what it
    /// passed on (docs/allocation.md): money moved between values, not spent by them.
    case allocation
}

/// One driver of a mover and the part of the change it carries, in nano-units.
public struct MoverDriver: Sendable, Equatable {
    public var kind: MoverDriverKind
    public var amount: Int128

    public init(kind: MoverDriverKind, amount: Int128) {
        self.kind = kind
        self.amount = amount
    }

    /// The drivers rounded to cents so that they add up exactly to `target` cents (the printed
    /// delta): each is rounded half away from zero, then the cents still missing go one by one to
    /// the drivers whose rounding lost the most (largest remainder). Zero drivers are dropped.
    /// - Returns: (kind, cents) in the order given.
    public static func cents(_ drivers: [MoverDriver], summingTo target: Int128) -> [(kind: MoverDriverKind, cents: Int128)] {
        let cent: Int128 = 10_000_000
        var rounded = drivers.map { roundToCents($0.amount) }
        let remainders = drivers.indices.map { drivers[$0].amount - rounded[$0] * cent }
        var missing = target - rounded.reduce(0, +)
        // Order by how much the rounding lost in the direction needed.
        let order = drivers.indices.sorted { missing > 0 ? remainders[$0] > remainders[$1] : remainders[$0] < remainders[$1] }
        var position = 0
        while missing != 0 && !order.isEmpty {
            let step: Int128 = missing > 0 ? 1 : -1
            rounded[order[position % order.count]] += step
            missing -= step
            position += 1
        }
        return drivers.indices.compactMap { rounded[$0] == 0 ? nil : (drivers[$0].kind, rounded[$0]) }
    }

    /// Nano-units to whole cents, half away from zero.
    public static func roundToCents(_ nanos: Int128) -> Int128 {
        let cent: Int128 = 10_000_000
        let half = cent / 2
        return nanos >= 0 ? (nanos + half) / cent : -((-nanos + half) / cent)
    }
}
