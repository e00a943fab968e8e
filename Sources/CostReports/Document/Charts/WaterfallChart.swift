/// A waterfall: a start total, signed steps, an end total that equals start plus the steps.
public struct WaterfallChart: Sendable, Equatable {
    /// One bar: a total (drawn from zero) or a step (drawn from the running level).
    public struct Bar: Sendable, Equatable {
        public var label: String
        /// Nano-units: the total, or the signed step.
        public var amount: Int128
        public var isTotal: Bool

        /// A bar labelled `label`.
        public init(label: String, amount: Int128, isTotal: Bool) {
            self.label = label
            self.amount = amount
            self.isTotal = isTotal
        }
    }

    public var bars: [Bar]
    public var currency: String

    /// A waterfall of `bars`, in order; totals reset the running level.
    public init(bars: [Bar], currency: String) {
        self.bars = bars
        self.currency = currency
    }

    /// Each bar's span (low, high) on the running level, nano-units.
    var spans: [(low: Int128, high: Int128)] {
        var level: Int128 = 0
        return bars.map { bar in
            if bar.isTotal {
                level = bar.amount
                return (min(0, bar.amount), max(0, bar.amount))
            }
            let start = level
            level += bar.amount
            return (min(start, level), max(start, level))
        }
    }
}
