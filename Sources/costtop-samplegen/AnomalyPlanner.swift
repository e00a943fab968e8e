/// Chooses the anomalies `--anomalies N` plants: kind, series, days and strength.
///
/// All choices come from its own generator seeded from `--seed`, and it runs after every other
/// resource exists, so the rest of the bill is the same with or without anomalies. Each choice
/// is checked against the simulated cost of the series (`SeriesTable`), the same numbers the
/// files will hold: an anomaly is kept only when its impact (actual − expected over its days)
/// is at least 30% of the expected cost and at least $50.
struct AnomalyPlanner {
    /// Earliest first day: a detector gets four weeks of baseline plus a week of history.
    static let earliestDay = 35
    /// Days of data after the latest possible first day, so a detector can see each anomaly.
    static let visibleDays = 7
    /// Clean days between two anomalies on one series (a detector's four-week baseline).
    static let baselineDays = 28
    static let minimumImpact = Amount(whole: 50)
    static let minimumShare = 0.3
    /// Random placements tried per anomaly before giving up.
    static let attempts = 64

    /// Creates the numbers of a resource without adding it: (placement, first hour, hourly cost).
    typealias Draft = (Placement, Int, Double) -> UsageStream
    /// Adds a resource to the plan and returns its index and stream.
    typealias Add = (Placement, Int, Double) -> (index: Int, stream: UsageStream)

    private let days: Int
    private let firstHour: Int
    private let stories: Bool
    private let storyPlacements: [Placement]
    private var rng: SplitMix64
    private var table: SeriesTable
    /// The plan's streams, including those the planner adds.
    private var streams: ContiguousArray<UsageStream>
    private var planted: [PlantedAnomaly] = []
    /// Day multipliers per touched series (`UsageModel.dayFactors`).
    private(set) var dayFactors: [[Double]] = []
    /// Which streams use which multiplier table.
    private(set) var assignments: [(stream: Int, table: Int)] = []
    private var tableOfSeries: [Int: Int] = [:]

    /// A planner for the plan's resources so far.
    init(seed: UInt64, days: Int, firstHour: Int, stories: Bool, model: UsageModel,
         streams: ContiguousArray<UsageStream>, placements: [Placement], storyPlacements: [Placement]) {
        self.days = days
        self.firstHour = firstHour
        self.stories = stories
        self.storyPlacements = storyPlacements
        self.streams = streams
        rng = SplitMix64(seed: seed ^ 0xA40_3A1E_5EED)
        table = SeriesTable(streams: streams, placements: placements, model: model, firstHour: firstHour, days: days)
    }

    /// The latest first day of `kind` in a bill of `days` days (below `earliestDay`: impossible).
    static func latestFirstDay(_ kind: AnomalyKind, days: Int) -> Int {
        switch kind {
        case .spike, .stoppedSpend, .newSpend: return days - 1 - visibleDays
        case .levelShift: return days - 14
        case .gradualGrowth: return days - 21
        }
    }

    /// The fewest days in which any anomaly fits.
    static var minimumDays: Int { earliestDay + visibleDays + 1 }

    /// Plants `count` anomalies, kinds in turn (so each kind gets an equal share, ±1) from a
    /// random starting kind. Returns them sorted by first day.
    mutating func plant(_ count: Int, draft: Draft, add: Add) throws -> [PlantedAnomaly] {
        let kinds = AnomalyKind.allCases.filter { AnomalyPlanner.latestFirstDay($0, days: days) >= AnomalyPlanner.earliestDay }
        guard !kinds.isEmpty else { throw PlanError("--anomalies needs at least \(AnomalyPlanner.minimumDays) days") }
        let offset = rng.below(kinds.count)
        for number in 0..<count {
            let kind = kinds[(offset + number) % kinds.count]
            let done: Bool
            if kind == .newSpend {
                done = plantNewSpend(draft: draft, add: add)
            } else {
                done = plantOnSeries(kind) || plantOnNewHost(kind, draft: draft, add: add)
            }
            guard done else {
                throw PlanError("could plant only \(number) of \(count) anomalies (no room left for a \(kind.rawValue))")
            }
        }
        return planted.sorted {
            ($0.first, $0.series.account, $0.series.service, $0.series.usageType)
                < ($1.first, $1.series.account, $1.series.service, $1.series.usageType)
        }
    }

    // MARK: Days and strength

    /// An anomaly's days and the cost multiplier of each day of data (1 outside its days).
    private struct Shape {
        var first: Int
        var last: Int
        var factors: [Double]
    }

    /// A random first day for `kind`.
    private mutating func firstDay(_ kind: AnomalyKind) -> Int {
        let latest = AnomalyPlanner.latestFirstDay(kind, days: days)
        return AnomalyPlanner.earliestDay + rng.below(latest - AnomalyPlanner.earliestDay + 1)
    }

    /// Random days and strength for `kind` (not new spend) from `first`.
    private mutating func shape(_ kind: AnomalyKind, first: Int) -> Shape {
        var factors = [Double](repeating: 1, count: days)
        var last = days - 1
        switch kind {
        case .spike:
            last = first + rng.below(3)
            let factor = rng.between(3, 6)
            for day in first...last { factors[day] = factor }
        case .levelShift:
            let factor = rng.between(1.6, 3)
            for day in first...last { factors[day] = factor }
        case .stoppedSpend:
            // Half of the stops last to the end; the others 5 days to three weeks.
            let remaining = days - first
            if !rng.chance(0.5) { last = first + min(remaining, 5 + rng.below(17)) - 1 }
            for day in first...last { factors[day] = 0 }
        case .gradualGrowth:
            // Repeated multiplication, so every platform gets the same bits.
            let growth = rng.between(1.03, 1.05)
            var factor = 1.0
            for day in first...last {
                factor *= growth
                factors[day] = factor
            }
        case .newSpend:
            break
        }
        return Shape(first: first, last: last, factors: factors)
    }

    /// Σ (factor − 1) over the shape's days: the impact per dollar of daily cost.
    private func gain(_ shape: Shape) -> Double {
        (shape.first...shape.last).reduce(0) { $0 + shape.factors[$1] - 1 }
    }

    /// Whether an impact qualifies: at least $50 and at least 30% of the expected cost.
    private func qualifies(expected: Int64, actual: Int64) -> Bool {
        let impact = (actual - expected).magnitude
        return impact >= AnomalyPlanner.minimumImpact.raw.magnitude
            && Double(impact) >= AnomalyPlanner.minimumShare * Double(expected)
    }

    // MARK: Existing series

    /// Plants `kind` on an existing series that has cost every day before it.
    private mutating func plantOnSeries(_ kind: AnomalyKind) -> Bool {
        for _ in 0..<AnomalyPlanner.attempts {
            let shape = shape(kind, first: firstDay(kind))
            let gain = gain(shape)
            let candidates = table.series.indices.filter { slot in
                let series = table.series[slot]
                guard series.onDemand, !series.inStory, series.freeFrom <= shape.first,
                      kind == .stoppedSpend || !series.hasInstances,
                      series.firstEmptyDay >= shape.first else { return false }
                // A cheap estimate first; `place` checks the exact numbers.
                let expected = series.daily[shape.first...shape.last].reduce(0, +)
                return abs(gain) * Double(expected) >= Double(AnomalyPlanner.minimumImpact.raw)
            }
            guard !candidates.isEmpty else { continue }
            if place(kind, shape, on: candidates[rng.below(candidates.count)]) { return true }
        }
        return false
    }

    /// Plants `kind` with `shape` on the series at `slot` when the simulated impact qualifies.
    private mutating func place(_ kind: AnomalyKind, _ shape: Shape, on slot: Int) -> Bool {
        let series = table.series[slot]
        let span = shape.first..<(shape.last + 1)
        let expected = series.daily[span].reduce(0, +)
        var actual: Int64 = 0
        for position in series.streams {
            actual += table.dailyCost(streams[position], days: span, factors: shape.factors).reduce(0, +)
        }
        guard qualifies(expected: expected, actual: actual) else { return false }

        let factorTable: Int
        if let existing = tableOfSeries[slot] {
            factorTable = existing
        } else {
            factorTable = dayFactors.count
            dayFactors.append([Double](repeating: 1, count: days))
            tableOfSeries[slot] = factorTable
            for position in series.streams { assignments.append((position, factorTable)) }
        }
        for day in span { dayFactors[factorTable][day] = shape.factors[day] }
        let isolated = kind == .spike
        table.reserve(slot, until: isolated ? shape.last + 1 + AnomalyPlanner.baselineDays : Int.max)
        planted.append(PlantedAnomaly(
            kind: kind, series: series.key, first: shape.first, last: shape.last,
            profiles: series.streams.map { streams[$0].profile },
            expected: Amount(raw: expected), predicted: Amount(raw: actual)))
        return true
    }

    // MARK: New series

    /// Plants `kind` on a new, steady resource of a usage type the account does not have,
    /// running from the first day of data: for sparse bills, where few series have cost every
    /// day (the default 33,000-row bill has almost none outside the stories).
    private mutating func plantOnNewHost(_ kind: AnomalyKind, draft: Draft, add: Add) -> Bool {
        for _ in 0..<AnomalyPlanner.attempts {
            let shape = shape(kind, first: firstDay(kind))
            guard let placement = freshPlacement() else { continue }
            // Like the account's other usage types, and enough for the minimum impact.
            let level = max(comparableLevel(account: placement.account, before: shape.first),
                            impactFloor() / abs(gain(shape)))
            let draftStream = draft(placement, firstHour, level / 24)
            let span = shape.first..<(shape.last + 1)
            let expected = table.dailyCost(draftStream, days: span, factors: nil).reduce(0, +)
            let actual = table.dailyCost(draftStream, days: span, factors: shape.factors).reduce(0, +)
            guard qualifies(expected: expected, actual: actual) else { continue }
            let slot = addResource(placement, firstHour: firstHour, hourlyCost: level / 24, add: add)
            if place(kind, shape, on: slot) { return true }
        }
        return false
    }

    /// Plants new spend: a usage type the account never had, from a random day to the end, at a
    /// level like the account's other usage types.
    private mutating func plantNewSpend(draft: Draft, add: Add) -> Bool {
        for _ in 0..<AnomalyPlanner.attempts {
            let first = firstDay(.newSpend)
            guard let placement = freshPlacement() else { continue }
            let level = max(comparableLevel(account: placement.account, before: first), impactFloor() / Double(days - first))
            let start = firstHour + first * 24
            let draftStream = draft(placement, start, level / 24)
            let actual = table.dailyCost(draftStream, days: first..<days, factors: nil).reduce(0, +)
            guard qualifies(expected: 0, actual: actual) else { continue }
            let slot = addResource(placement, firstHour: start, hourlyCost: level / 24, add: add)
            table.reserve(slot, until: Int.max)
            planted.append(PlantedAnomaly(
                kind: .newSpend, series: table.series[slot].key, first: first, last: days - 1,
                profiles: table.series[slot].streams.map { streams[$0].profile },
                expected: .zero, predicted: Amount(raw: actual)))
            return true
        }
        return false
    }

    /// Adds an always-on resource to the plan and the table; returns its series' slot.
    private mutating func addResource(_ placement: Placement, firstHour: Int, hourlyCost: Double, add: Add) -> Int {
        let added = add(placement, firstHour, hourlyCost)
        precondition(added.index == streams.count, "the planner's copy of the streams is out of step")
        streams.append(added.stream)
        let key = SeriesTable.key(placement)
        table.add(added.stream, at: added.index, key: key)
        return table.position(of: key)!
    }

    /// A random placement whose usage type the account has never billed: metered (not instance
    /// hours, so its level can be set), on demand, outside the stories.
    private mutating func freshPlacement() -> Placement? {
        let account = rng.below(AccountCatalog.all.count)
        let name = AccountCatalog.all[account].name
        let sageMaker = ServiceCatalog.index("AmazonSageMaker")
        let services = ServiceCatalog.all.indices.filter { service in
            let info = ServiceCatalog.all[service]
            // With stories on, SageMaker belongs to the new-service story.
            return (info.accounts.isEmpty || info.accounts.contains(name)) && !(stories && service == sageMaker)
        }
        let service = services[rng.below(services.count)]
        let info = ServiceCatalog.all[service]
        let templates = info.templates.indices.filter {
            info.templates[$0].shape != .instance && info.templates[$0].savingsPlanDiscount == 0 && !info.templates[$0].isSpot
        }
        guard !templates.isEmpty else { return nil }
        let template = templates[rng.below(templates.count)]
        var placement = Placement(account: account, service: service, template: template, region: nil)
        switch info.templates[template].scope {
        case .regional:
            let region = rng.weighted(RegionCatalog.all.map(\.weight))
            placement.region = region
            if info.templates[template].name.contains("{peer}") {
                placement.peerPrefix = RegionCatalog.all[(region + 1 + rng.below(RegionCatalog.all.count - 1)) % RegionCatalog.all.count].prefix
            }
        case .edge:
            placement.edgePrefix = RegionCatalog.cloudFrontPrefixes[rng.below(RegionCatalog.cloudFrontPrefixes.count)]
        case .global:
            break
        }
        guard !storyPlacements.contains(placement), table.position(of: SeriesTable.key(placement)) == nil else { return nil }
        return placement
    }

    /// A random total impact in dollars to size a new resource for when the account's usual
    /// level would give less: above the $50 minimum with a margin (traffic averages a little
    /// under its nominal hourly cost), and varied so that the impacts are not all alike.
    private mutating func impactFloor() -> Double {
        rng.between(65, 130)
    }

    /// A daily cost in dollars typical of the account's usage types before `day`: a random one of
    /// the upper half of their average daily costs ($10 when the account has none).
    private mutating func comparableLevel(account: Int, before day: Int) -> Double {
        var levels: [Double] = []
        for series in table.series where series.key.account == account && series.onDemand {
            let total = series.daily[0..<day].reduce(0, +)
            if total > 0 { levels.append(Amount(raw: total).double / Double(day)) }
        }
        guard !levels.isEmpty else { return 10 }
        levels.sort()
        let quantile = rng.between(0.5, 0.9)
        return levels[Int(quantile * Double(levels.count - 1))]
    }
}

/// A plan that cannot be made with the given arguments.
struct PlanError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
