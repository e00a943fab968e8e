import ArgumentParser
import CostEngine
import CostModel

/// `--period P | --from DAY --to DAY`, shared by the commands that report over a period.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("last-7d, last-30d, mtd, last-month, all, or FROM..TO.", valueName: "P"))
    var period: String?

    @Option(help: ArgumentHelp("First day (inclusive), YYYY-MM-DD.", valueName: "DAY"))
    var from: String?

    @Option(help: ArgumentHelp("Last day (inclusive), YYYY-MM-DD.", valueName: "DAY"))
    var to: String?

    /// Checks a `--period` value, naming the accepted forms (also for `movers` and `report`).
    static func check(period: String?) throws {
        if let period, PeriodSpec(period) == nil {
            throw ValidationError("bad --period '\(period)'; use last-7d, last-30d, mtd, last-month, all or YYYY-MM-DD..YYYY-MM-DD")
        }
    }

    func validate() throws {
        try Self.check(period: period)
        if period != nil && (from != nil || to != nil) { throw ValidationError("use either --period or --from/--to, not both") }
        if let from, Day(from) == nil { throw ValidationError("bad --from '\(from)'; write YYYY-MM-DD") }
        if let to, Day(to) == nil { throw ValidationError("bad --to '\(to)'; write YYYY-MM-DD") }
        if let from = from.flatMap(Day.init), let to = to.flatMap(Day.init), to < from {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
    }

    /// The period named, counted back from the last day of `data`; `fallback` when none is given.
    func resolve(in data: DayRange, fallback: PeriodSpec) throws -> (spec: PeriodSpec, range: DayRange) {
        if from != nil || to != nil {
            let start = from.flatMap(Day.init) ?? data.from
            let end = to.flatMap(Day.init) ?? data.to
            guard start <= end else { throw QueryError("--from \(start) is after the last day \(end)") }
            let range = DayRange(from: start, to: end)
            return (.custom(range), range)
        }
        let spec = period.flatMap(PeriodSpec.init) ?? fallback
        return (spec, spec.resolve(in: data))
    }
}
