/// Applies a category's splits to its values' daily costs, exactly: every day, each split's source
/// cost is divided among its targets in nano-units with the largest-remainder method, so the
/// shares add up to the source's cost with nothing lost or created.
///
/// Works on the few values the splits involve ("slots"); every other value keeps its cost.
struct SplitAllocator {
    /// One split with its values as slot indexes.
    struct Step {
        var source: Int
        var targets: [Int]
        /// Fixed weights, one per target; nil for proportional (weights are the targets' own costs
        /// of the day) — `even` is fixed weights of 1.
        var weights: [Int128]?
        var method: String
        var sourceName: String
    }

    /// The flows of each slot after `steps` (in dependency order) are applied to `daily`
    /// (`slots × days`, row-major), which then holds each slot's cost per day after the splits.
    static func apply(_ steps: [Step], daily: inout [Int128], slots: Int, days: Int) -> [AllocationFlow] {
        // Proportional weights are each target's own cost that day, before any split.
        let own = daily
        var flows = (0..<slots).map { slot in
            AllocationFlow(direct: (0..<days).reduce(Int128(0)) { $0 + own[slot * days + $1] })
        }
        var shares = [Int128](repeating: 0, count: 0)
        for step in steps {
            flows[step.source].outMethod = step.method
            var received = [Int128](repeating: 0, count: step.targets.count)
            for day in 0..<days {
                let amount = daily[step.source * days + day]
                guard amount != 0 else { continue }
                let weights = step.weights ?? step.targets.map { max(0, own[$0 * days + day]) }
                guard divide(amount, by: weights, into: &shares) else {
                    flows[step.source].unallocatable += amount
                    continue
                }
                daily[step.source * days + day] = 0
                for (index, target) in step.targets.enumerated() {
                    daily[target * days + day] += shares[index]
                    received[index] += shares[index]
                }
                flows[step.source].allocatedOut += amount
            }
            for (index, target) in step.targets.enumerated() where received[index] != 0 {
                flows[target].received.append(AllocationShare(source: step.sourceName, method: step.method, amount: received[index]))
            }
        }
        return flows
    }

    /// Divides `amount` by `weights` into `shares` that add up to `amount` exactly, each share's
    /// sign that of `amount`. Returns false when the weights add up to zero (nothing to divide by).
    static func divide(_ amount: Int128, by weights: [Int128], into shares: inout [Int128]) -> Bool {
        let total = weights.reduce(Int128(0), +)
        guard total > 0 else { return false }
        let magnitude = amount.magnitude
        shares = [Int128](repeating: 0, count: weights.count)
        var remainders = [(remainder: UInt128, index: Int)]()
        remainders.reserveCapacity(weights.count)
        var given: UInt128 = 0
        for (index, weight) in weights.enumerated() {
            // |amount| ≤ ~1e20 nano-units and weights ≤ ~1e20: the product fits in 128 bits.
            let product = magnitude * UInt128(weight)
            let (quotient, remainder) = product.quotientAndRemainder(dividingBy: UInt128(total))
            shares[index] = Int128(quotient)
            given += quotient
            remainders.append((remainder, index))
        }
        // The units left (fewer than the number of targets) go to the largest remainders, ties to
        // the earlier target, so the result does not depend on anything but the input order.
        var left = magnitude - given
        if left > 0 {
            remainders.sort { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
            for entry in remainders where left > 0 && weights[entry.index] > 0 {
                shares[entry.index] += 1
                left -= 1
            }
        }
        if amount < 0 { for index in shares.indices { shares[index] = -shares[index] } }
        return true
    }
}
