import CostModel

/// One row's cost per unit of a business metric in a period and its comparison, and the unit
/// cost's change split into cost growth and volume growth:
/// `1 + unit change = (1 + cost growth) ÷ (1 + volume growth)`.
///
/// The one place unit costs are worked out: `query --per`, `showback --per` and the explorer's
/// unit-cost column all build their rows from it. A missing or zero volume gives nil (shown as —),
/// never a division by zero.
public struct UnitCost: Sendable, Equatable {
    /// Volumes of the metric in the period and the comparison; nil when no day has a value.
    public var volume: Double?
    public var previousVolume: Double?
    /// Cost per unit, in currency units; nil without a positive volume.
    public var unit: Double?
    public var previousUnit: Double?
    /// Changes against the comparison, percent; nil where the earlier figure is missing or zero.
    public var unitChange: Double?
    public var costChange: Double?
    public var volumeChange: Double?

    /// The unit cost of a row costing `cost` (and `previous` in the comparison), nano-units.
    /// - Parameters:
    ///   - metric: the business metric's name.
    ///   - key: the row's category value, whose own volumes the metric may have; nil for the whole bill.
    ///   - metrics: the metrics kept beside the cache.
    ///   - period: the period `cost` covers; `comparison` the one `previous` covers.
    public init(cost: Int128, previous: Int128, metric: String, key: String?, metrics: BusinessMetrics,
                period: DayRange, comparison: DayRange?) {
        volume = metrics.volume(metric, key: key, in: period)
        previousVolume = comparison.flatMap { metrics.volume(metric, key: key, in: $0) }
        unit = Self.per(cost, volume)
        previousUnit = comparison == nil ? nil : Self.per(previous, previousVolume)
        unitChange = Self.growth(unit, previousUnit)
        costChange = comparison == nil ? nil : Self.growth(Double(cost), Double(previous))
        volumeChange = Self.growth(volume, previousVolume)
    }

    /// `cost` (nano-units) per unit of `volume`; nil without a positive volume.
    public static func per(_ cost: Int128, _ volume: Double?) -> Double? {
        guard let volume, volume > 0 else { return nil }
        return Double(cost) / 1e9 / volume
    }

    /// `now` against `before`, percent; nil when either is missing or `before` is zero.
    static func growth(_ now: Double?, _ before: Double?) -> Double? {
        guard let now, let before, before != 0 else { return nil }
        return (now / before - 1) * 100
    }

    /// Each day's unit cost of a daily cost series starting on `first` (the explorer's sparkline);
    /// nil on days without a positive volume.
    public static func daily(_ series: [Int128], from first: Day, metric: String, key: String?,
                             metrics: BusinessMetrics) -> [Double?] {
        series.enumerated().map { offset, cost in
            let day = first.adding(days: offset)
            return per(cost, metrics.volume(metric, key: key, in: DayRange(from: day, to: day)))
        }
    }
}
