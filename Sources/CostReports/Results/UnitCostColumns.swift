import CostEngine
import CostModel

/// The unit-cost columns and JSON fields, described once for every report that shows unit costs
/// (`query --per`, `showback --per`): VOLUME, PER UNIT, PREVIOUS PER UNIT, UNIT Δ %, COST Δ %,
/// VOLUME Δ %, with — (JSON `null`) where a volume is missing or zero.
enum UnitCostColumns {
    /// The columns, after a report's own.
    static let columns = [
        ReportColumn("VOLUME", field: "volume"),
        ReportColumn("PER UNIT", field: "unit_cost"),
        ReportColumn("PREVIOUS PER UNIT", field: "previous_unit_cost"),
        ReportColumn("UNIT Δ %", field: "unit_delta_pct"),
        ReportColumn("COST Δ %", field: "cost_growth_pct"),
        ReportColumn("VOLUME Δ %", field: "volume_growth_pct"),
    ]

    /// A row's cells for `columns`.
    static func cells(_ figures: UnitCost) -> [ReportValue] {
        func number(_ value: Double?) -> ReportValue { value.map { .decimal($0) } ?? .percent(nil, missing: "—") }
        func unit(_ value: Double?) -> ReportValue { value.map { .unitCost($0) } ?? .percent(nil, missing: "—") }
        return [number(figures.volume), unit(figures.unit), unit(figures.previousUnit),
                .percent(figures.unitChange, signed: true, missing: "—"), .percent(figures.costChange, signed: true, missing: "—"),
                .percent(figures.volumeChange, signed: true, missing: "—")]
    }

    /// Empty cells, for a row without unit costs (a total in a report of several units).
    static var blank: [ReportValue] { columns.map { _ in .text("") } }

    /// A row's JSON fields.
    static func fields(_ figures: UnitCost) -> UnitCostFields {
        func decimal(_ value: Double?) -> Nullable<JSONDecimal> { Nullable(value.map(JSONDecimal.init)) }
        func unit(_ value: Double?) -> Nullable<JSONDecimal> { Nullable(value.map(JSONDecimal.unitCost)) }
        return UnitCostFields(volume: decimal(figures.volume), unitCost: unit(figures.unit),
                              previousUnitCost: unit(figures.previousUnit), unitDeltaPct: decimal(figures.unitChange),
                              costGrowthPct: decimal(figures.costChange), volumeGrowthPct: decimal(figures.volumeChange))
    }
}

/// A row's unit-cost fields in JSON, in this order; `null` where a volume is missing or zero.
public struct UnitCostFields: Codable, Sendable {
    public var volume: Nullable<JSONDecimal>
    public var unitCost: Nullable<JSONDecimal>
    public var previousUnitCost: Nullable<JSONDecimal>
    public var unitDeltaPct: Nullable<JSONDecimal>
    public var costGrowthPct: Nullable<JSONDecimal>
    public var volumeGrowthPct: Nullable<JSONDecimal>
}
