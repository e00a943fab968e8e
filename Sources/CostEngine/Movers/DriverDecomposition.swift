/// Splits a node's change between two windows into drivers that add up to it exactly.
///
/// Every figure is an exact nano-unit sum; only usage and mix multiply by a unit cost (a `Double`
/// ratio) and are rounded to the nano-unit, and rate is what is left of the continuing usage types'
/// change, so the identity `Σ drivers = delta` holds exactly in nano-units. docs/movers.md has the
/// formulas and a worked example.
enum DriverDecomposition {
    /// The drivers of the change from `before` to `now`, zero drivers left out, in
    /// `MoverDriverKind.allCases` order.
    /// - Parameter family: the unit family of a usage type (`UsageFamilies`): mix is measured only
    ///   between usage types of one family, whose quantities are in the same unit.
    static func drivers(before: WindowFigures, now: WindowFigures, family: (UInt32) -> Int = { Int($0) }) -> [MoverDriver] {
        let delta = now.total - before.total
        if delta == 0 { return [] }
        // Split money is its own driver; the node's charges are explained below.
        let allocation = now.allocated - before.allocated
        let charged = delta - allocation
        func with(_ kind: MoverDriverKind) -> [MoverDriver] {
            [MoverDriver(kind: kind, amount: charged), MoverDriver(kind: .allocation, amount: allocation)].filter { $0.amount != 0 }
        }
        // A node with no charges before (or none now) is new (stopped) as a whole: its tax or
        // credits are part of its arrival, not a change of their own.
        if before.charged == 0 && before.usage.values.allSatisfy(\.isEmpty) { return with(.new) }
        if now.charged == 0 && now.usage.values.allSatisfy(\.isEmpty) { return with(.stopped) }

        var amounts: [MoverDriverKind: Int128] = [:]
        var priced: [Int: [(before: UsageFigures, now: UsageFigures)]] = [:]
        // In code order: the price-volume-mix sums are floating point, and a Set's order changes
        // from process to process (Swift seeds its hashing per process), so the same windows could
        // otherwise differ by a nano-unit, and a report by a cent, from one run to the next.
        for type in Set(before.usage.keys).union(now.usage.keys).sorted() {
            let old = before.usage[type] ?? UsageFigures(), new = now.usage[type] ?? UsageFigures()
            if old.isEmpty {
                amounts[.new, default: 0] += new.cost
            } else if new.isEmpty {
                amounts[.stopped, default: 0] -= old.cost
            } else if old.quantity > 0 && new.quantity > 0 {
                priced[family(type), default: []].append((old, new))
            } else if old.quantity == 0 && new.quantity == 0 {
                // No quantity in either window (flat charges, exports without quantities): the cost
                // is the only measure of volume, so its change is usage.
                amounts[.usage, default: 0] += new.cost - old.cost
            } else {
                // Quantity in one window only: no unit cost to compare, the cost moved without volume.
                amounts[.rate, default: 0] += new.cost - old.cost
            }
        }
        for group in priced.values {
            let (usage, rate, mix) = volumeRateMix(group)
            amounts[.usage, default: 0] += usage
            amounts[.rate, default: 0] += rate
            amounts[.mix, default: 0] += mix
        }
        amounts[.commitment] = now.commitment - before.commitment
        amounts[.credits] = now.credits - before.credits
        amounts[.refunds] = now.refunds - before.refunds
        amounts[.tax] = now.tax - before.tax
        amounts[.fees] = now.fees - before.fees
        amounts[.allocation] = allocation
        return MoverDriverKind.allCases.compactMap { kind in
            guard let amount = amounts[kind], amount != 0 else { return nil }
            return MoverDriver(kind: kind, amount: amount)
        }
    }

    /// Price-volume-mix of usage types of one unit, all with quantity in both windows:
    /// usage = (V₁ − V₀)·P₀, mix = Σ q₁·p₀ − V₁·P₀, rate = the rest (= Σ q₁·(p₁ − p₀) up to nano rounding),
    /// with V the summed quantity, P₀ = C₀ / V₀ the old average unit cost and p₀ each type's.
    static func volumeRateMix(_ priced: [(before: UsageFigures, now: UsageFigures)]) -> (usage: Int128, rate: Int128, mix: Int128) {
        let volumeBefore = priced.reduce(0.0) { $0 + $1.before.quantity }
        let volumeNow = priced.reduce(0.0) { $0 + $1.now.quantity }
        let costBefore = priced.reduce(Int128(0)) { $0 + $1.before.cost }
        let costNow = priced.reduce(Int128(0)) { $0 + $1.now.cost }
        let averageBefore = Double(costBefore) / volumeBefore
        // Σ new volume × old unit cost, per usage type.
        let nowAtOldRates = priced.reduce(0.0) { $0 + $1.now.quantity * (Double($1.before.cost) / $1.before.quantity) }
        let usage = Int128(((volumeNow - volumeBefore) * averageBefore).rounded())
        // One usage type has no mix (its formula gives 0 up to floating-point noise).
        let mix = priced.count > 1 ? Int128((nowAtOldRates - volumeNow * averageBefore).rounded()) : 0
        return (usage, costNow - costBefore - usage - mix, mix)
    }
}
