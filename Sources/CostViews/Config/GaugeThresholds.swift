/// When a commitment gauge turns from healthy to warning to alarm, in percent: the `gauges:`
/// mapping of the config file (decoded in `GaugeThresholds+Decodable.swift`). A gauge below `…Warn` warns, below `…Alarm` alarms.
///
/// The defaults follow common FinOps targets: an unused commitment is money spent for nothing, so
/// utilization should stay above 90%; coverage depends on how steady the usage is, so its bar is lower.
public struct GaugeThresholds: Sendable, Equatable {
    public var utilizationWarn = 90
    public var utilizationAlarm = 70
    public var coverageWarn = 60
    public var coverageAlarm = 40

    /// The defaults: utilization warns below 90% and alarms below 70%; coverage 60% and 40%.
    public init() {}

    /// The level of a utilization in percent (nil: nothing to measure).
    public func utilization(_ percent: Double?) -> GaugeLevel? {
        percent.map { GaugeLevel.of($0, warn: utilizationWarn, alarm: utilizationAlarm) }
    }

    /// The level of a coverage in percent (nil: nothing to measure).
    public func coverage(_ percent: Double?) -> GaugeLevel? {
        percent.map { GaugeLevel.of($0, warn: coverageWarn, alarm: coverageAlarm) }
    }
}

/// How healthy a gauge's value is. Each level has a theme role and a mark, so it reads without colour.
public enum GaugeLevel: Sendable, Equatable {
    case healthy
    case warn
    case alarm

    /// Below `alarm` alarms, below `warn` warns (both in whole percent). The value is compared as
    /// shown, to one decimal, so a gauge reading `90.0%` never carries a "below 90" mark.
    static func of(_ percent: Double, warn: Int, alarm: Int) -> GaugeLevel {
        let shown = (percent * 10).rounded() / 10
        if shown < Double(alarm) { return .alarm }
        if shown < Double(warn) { return .warn }
        return .healthy
    }

    /// The theme role of the gauge's fill and figure.
    public var role: StyleRole {
        switch self {
        case .healthy: return .gaugeFill
        case .warn: return .gaugeWarn
        case .alarm: return .gaugeAlarm
        }
    }

    /// The mark after the figure: nothing, `!` or `!!` (ASCII, so it survives any terminal).
    public var mark: String {
        switch self {
        case .healthy: return ""
        case .warn: return "!"
        case .alarm: return "!!"
        }
    }
}
