import CostModel
import Foundation
import Testing
@testable import CostEngine

/// Hand-computed decompositions (docs/movers.md): each case's drivers worked out on paper.
@Suite("Mover drivers")
struct MoverDriverTests {
    /// Dollars to nano-units.
    func usd(_ value: Double) -> Int128 { Int128((value * 1e9).rounded()) }

    func window(_ usage: [UInt32: (quantity: Double, cost: Double)], commitment: Double = 0, credits: Double = 0,
                refunds: Double = 0, tax: Double = 0, fees: Double = 0) -> WindowFigures {
        var figures = WindowFigures()
        for (type, value) in usage { figures.usage[type] = UsageFigures(cost: usd(value.cost), quantity: value.quantity) }
        figures.commitment = usd(commitment)
        figures.credits = usd(credits)
        figures.refunds = usd(refunds)
        figures.tax = usd(tax)
        figures.fees = usd(fees)
        return figures
    }

    func drivers(_ before: WindowFigures, _ now: WindowFigures, family: @escaping (UInt32) -> Int = { _ in 0 }) -> [MoverDriverKind: Double] {
        let found = DriverDecomposition.drivers(before: before, now: now, family: family)
        #expect(found.reduce(0) { $0 + $1.amount } == now.total - before.total, "the drivers add up to the delta exactly")
        return Dictionary(uniqueKeysWithValues: found.map { ($0.kind, Double($0.amount) / 1e9) })
    }

    @Test("price change only: 100 units at $0.10, then at $0.12 → rate +$2")
    func priceOnly() {
        #expect(drivers(window([1: (100, 10)]), window([1: (100, 12)])) == [.rate: 2])
    }

    @Test("usage change only: 100 → 150 units at $0.10 → usage +$5")
    func usageOnly() {
        #expect(drivers(window([1: (100, 10)]), window([1: (150, 15)])) == [.usage: 5])
    }

    @Test("both: 100 at $0.10 → 150 at $0.12 → usage +$5 (50 × 0.10), rate +$3 (150 × 0.02)")
    func both() {
        #expect(drivers(window([1: (100, 10)]), window([1: (150, 18)])) == [.usage: 5, .rate: 3])
    }

    @Test("mix shift: 100 h small ($0.10) + 100 h large ($0.40) → 50 h + 150 h at the same prices → mix +$15")
    func mix() {
        // V₀ = V₁ = 200 h, P₀ = $50 / 200 = $0.25; Σ q₁·p₀ = 5 + 60 = 65; mix = 65 − 200 × 0.25 = 15.
        let before = window([1: (100, 10), 2: (100, 40)]), now = window([1: (50, 5), 2: (150, 60)])
        #expect(drivers(before, now) == [.mix: 15])
        // In different unit families (hours and GB) there is no mix: each type's own volume change.
        #expect(drivers(before, now, family: { Int($0) }) == [.usage: 15])
    }

    @Test("a commitment expiring: $10 of list-price usage covered for a $6 fee, then paid on demand → commitment +$4")
    func commitmentExpiring() {
        // Before: covered usage at its on-demand $10 counts as usage; the commitment part is
        // (billed 0 − on-demand 10) + fee 6 = −4. After: $10 plain usage, no commitment.
        #expect(drivers(window([1: (100, 10)], commitment: -4), window([1: (100, 10)])) == [.commitment: 4])
    }

    @Test("a credit ending: −$3 of credits, then none → credits +$3; tax, refunds and fees likewise")
    func creditEnding() {
        #expect(drivers(window([1: (100, 10)], credits: -3), window([1: (100, 10)])) == [.credits: 3])
        #expect(drivers(window([1: (100, 10)], refunds: -2, tax: 0.6, fees: 1),
                        window([1: (100, 10)], tax: 0.9, fees: 0.5)) == [.refunds: 2, .tax: 0.3, .fees: -0.5])
    }

    @Test("a new and a stopped usage type inside a node; a node new or stopped as a whole")
    func newAndStopped() {
        #expect(drivers(window([1: (100, 10)]), window([1: (100, 10), 2: (5, 7)])) == [.new: 7])
        #expect(drivers(window([1: (100, 10), 2: (5, 7)]), window([1: (100, 10)])) == [.stopped: -7])
        // Tax and credits of a new node are part of its arrival.
        #expect(drivers(window([:]), window([2: (5, 7)], credits: -1, tax: 0.4)) == [.new: 6.4])
        #expect(drivers(window([2: (5, 7)], tax: 0.4), window([:])) == [.stopped: -7.4])
    }

    @Test("zero usage: no quantity in either window is usage; quantity in one window only is rate")
    func zeroUsage() {
        #expect(drivers(window([1: (0, 10)]), window([1: (0, 14)])) == [.usage: 4])
        #expect(drivers(window([1: (100, 10)]), window([1: (0, 14)])) == [.rate: 4])
    }

    @Test("negative costs (a usage type that is a refund of usage) still add up")
    func negative() {
        // −$10 for 100 units, then −$15 for 120: usage −2 (20 × −0.10), rate −3.
        #expect(drivers(window([1: (100, -10)]), window([1: (120, -15)])) == [.usage: -2, .rate: -3])
    }

    @Test("the worked example of docs/movers.md: new +6.40, credits +5, mix +15, rate +1")
    func workedExample() {
        let before = window([1: (100, 10), 2: (100, 40)], credits: -5)
        let now = window([1: (50, 6), 2: (150, 60), 3: (80, 6.4)])
        #expect(drivers(before, now, family: { $0 == 3 ? 1 : 0 }) == [.mix: 15, .rate: 1, .credits: 5, .new: 6.4])
    }

    @Test("cents: three thirds of a cent round to drivers that still add up to the printed delta")
    func cents() {
        let third = MoverDriver(kind: .usage, amount: 3_333_333)
        let split = MoverDriver.cents([third, MoverDriver(kind: .rate, amount: 3_333_333), MoverDriver(kind: .tax, amount: 3_333_334)],
                                      summingTo: 1)
        #expect(split.reduce(0) { $0 + $1.cents } == 1)
        #expect(MoverDriver.cents([MoverDriver(kind: .usage, amount: -14_999_999), MoverDriver(kind: .rate, amount: -5_000_001)],
                                  summingTo: -2).map(\.cents) == [-1, -1])
    }

    @Test("usage families drop region prefixes and the detail")
    func families() {
        #expect(UsageFamilies.family(of: "USE1-BoxUsage:m5.xlarge") == "BoxUsage")
        #expect(UsageFamilies.family(of: "BoxUsage:c6i.8xlarge") == "BoxUsage")
        #expect(UsageFamilies.family(of: "EU-DataTransfer-Out-Bytes") == UsageFamilies.family(of: "USE1-DataTransfer-Out-Bytes"))
        #expect(UsageFamilies.family(of: "USE1-TimedStorage-ByteHrs") != UsageFamilies.family(of: "USE1-BoxUsage:m5.xlarge"))
        #expect(UsageFamilies.family(of: "Requests-Tier1") == "Requests-Tier1")
    }
}
