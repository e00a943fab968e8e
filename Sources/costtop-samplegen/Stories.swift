/// The planted stories: when they happen and which lines they touch, derived from the run's
/// arguments so that the same story appears (scaled) for any `--days`.
struct StoryCalendar {
    /// First hour of generated data.
    let firstHour: Int
    /// Day index (from `--start`) of the first spike day; the spike lasts two days.
    let spikeDay: Int
    /// Day index from which the new service (Amazon SageMaker) has usage.
    let newServiceDay: Int
    /// Multiplier of the spike stream's usage on the spike days.
    static let spikeFactor = 5.0
    /// Daily growth of the ramp stream.
    static let rampGrowth = 1.02

    /// Placement for a run of `days` days starting at `firstHour`: the spike a little before the
    /// middle (day 44 of 90), the new service just after it (day 50 of 90).
    init(firstHour: Int, days: Int) {
        self.firstHour = firstHour
        spikeDay = days * 44 / 90
        newServiceDay = days * 50 / 90
    }

    /// Whether `day` (index from the first day) is a spike day.
    @inline(__always)
    func isSpike(day: Int) -> Bool { day == spikeDay || day == spikeDay + 1 }

    /// The hour (since the epoch) at which the new service starts.
    var newServiceHour: Int { firstHour + newServiceDay * 24 }

    /// 1.02^day for each day, by repeated multiplication so every platform gets the same bits.
    static func rampTable(days: Int) -> [Double] {
        var table: [Double] = []
        table.reserveCapacity(days + 1)
        var factor = 1.0
        for _ in 0...days {
            table.append(factor)
            factor *= rampGrowth
        }
        return table
    }
}

/// The daily and weekly rhythm of traffic-driven usage.
enum Rhythm {
    /// Relative traffic per hour of the day (UTC): quiet at night, busy in the afternoon.
    static let hourly: [Double] = [
        0.55, 0.50, 0.48, 0.47, 0.50, 0.58, 0.70, 0.85, 1.00, 1.12, 1.20, 1.25,
        1.27, 1.28, 1.30, 1.30, 1.28, 1.22, 1.15, 1.05, 0.95, 0.85, 0.72, 0.62,
    ]
    /// Relative traffic per weekday, Monday first: weekends are markedly lower.
    static let weekly: [Double] = [1.0, 1.02, 1.03, 1.02, 0.97, 0.68, 0.62]
}
