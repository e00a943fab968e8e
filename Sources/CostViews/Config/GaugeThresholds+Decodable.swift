import CostConfig

/// The config file's `gauges:` mapping. Settings left out keep their defaults; each must be a whole
/// percentage from 0 to 100, and an alarm threshold may not be above its warning threshold.
extension GaugeThresholds: Decodable {
    /// The config file's names for the four settings, in the order they are documented.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case utilizationWarn = "utilization_warn"
        case utilizationAlarm = "utilization_alarm"
        case coverageWarn = "coverage_warn"
        case coverageAlarm = "coverage_alarm"
    }

    /// Reads the settings present, checks each and the pairs.
    /// - Throws: `ConfigProblem` at the unknown key or the value at fault.
    public init(from decoder: any Decoder) throws {
        self.init()
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func percent(_ key: CodingKeys) throws -> Int? {
            try container.decodeIfPresent(Int.self, forKey: key, in: 0...100, expected: "a whole percentage from 0 to 100")
        }
        utilizationWarn = try percent(.utilizationWarn) ?? utilizationWarn
        utilizationAlarm = try percent(.utilizationAlarm) ?? utilizationAlarm
        coverageWarn = try percent(.coverageWarn) ?? coverageWarn
        coverageAlarm = try percent(.coverageAlarm) ?? coverageAlarm
        // An alarm above the warning would skip the warning stage: surely a typo, so say so, at
        // whichever of the two the file sets (the alarm when it sets both).
        for (alarm, warn, alarmValue, warnValue) in [(CodingKeys.utilizationAlarm, CodingKeys.utilizationWarn, utilizationAlarm, utilizationWarn),
                                                      (.coverageAlarm, .coverageWarn, coverageAlarm, coverageWarn)]
        where alarmValue > warnValue {
            let culprit = container.contains(alarm) ? alarm : warn
            throw ConfigProblem(at: decoder.codingPath + [culprit],
                                "\(alarm.rawValue) (\(alarmValue)) is above \(warn.rawValue) (\(warnValue)); "
                                    + "the alarm threshold must be the lower one")
        }
    }
}
