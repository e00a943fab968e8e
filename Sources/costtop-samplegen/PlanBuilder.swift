/// The arguments that shape the bill.
struct PlanOptions {
    var seed: UInt64
    var start: CivilDate
    var days: Int
    /// Approximate number of CUR line items wanted.
    var rows: Int
    /// False for a quiet bill (`--no-stories`): no planted stories, no resources that start or
    /// stop mid-range, and sparse usage spread evenly over the days with damped noise.
    var stories = true
    /// How many labelled anomalies to plant (`--anomalies`).
    var anomalies = 0
}

/// Where a resource's usage is billed: account, service, usage type template and region.
struct Placement: Equatable {
    var account: Int
    var service: Int
    var template: Int
    /// Index into `RegionCatalog.all`, or nil for edge and global usage.
    var region: Int?
    /// CloudFront edge geography prefix for `.edge` usage.
    var edgePrefix: String? = nil
    /// The other region's prefix for inter-region transfer (`{peer}` in the template).
    var peerPrefix: String? = nil

    var serviceInfo: Service { ServiceCatalog.all[service] }
    var templateInfo: UsageTemplate { serviceInfo.templates[template] }
    var regionInfo: Region? { region.map { RegionCatalog.all[$0] } }

    /// The full usage type, e.g. `USE1-BoxUsage:m5.xlarge`, `US-Requests-Tier1`, `HostedZone`.
    var usageType: String {
        let name = templateInfo.name.replacing("{peer}", with: peerPrefix ?? "USW2")
        switch templateInfo.scope {
        case .regional: return "\(regionInfo?.prefix ?? "USE1")-\(name)"
        case .edge: return "\(edgePrefix ?? "US")-\(name)"
        case .global: return name
        }
    }

    /// The billed unit price here: the template's us-east-1 price times the region's factor.
    var rate: Amount { Amount(templateInfo.rate * (regionInfo?.priceFactor ?? 1)) }
}

/// How much of the tag set a resource carries; untagged spend is part of the story.
enum TagCoverage {
    case full, noApp, none
}

/// Builds a `BillPlan`: interns all text, creates the core and planted resources, the
/// commitments, then enough generic resources to reach the requested row count.
final class PlanBuilder {
    private let options: PlanOptions
    private let arena = TextArena()
    private var rng: SplitMix64
    private var profiles = ContiguousArray<LineProfile>()
    private var streams = ContiguousArray<UsageStream>()
    private var commitments: [CommitmentInfo] = []
    private var reservations: [Reservation] = []
    private let firstHour: Int
    private let endHour: Int
    private let stories: StoryCalendar
    private var nextStreamId: UInt64 = 1
    /// Placements of the planted stories, kept free of generic resources so the stories stay clean.
    private var reservedPlacements: [Placement] = []
    /// Where each stream is billed, parallel to `streams` (the anomaly planner's series keys).
    private var placements: [Placement] = []

    /// A builder for the bill `options` describe.
    init(options: PlanOptions) {
        self.options = options
        rng = SplitMix64(seed: options.seed ^ 0x5EED_0F_C057_7011)
        firstHour = options.start.hoursSinceEpoch
        endHour = firstHour + options.days * 24
        stories = StoryCalendar(firstHour: firstHour, days: options.days)
    }

    /// Assembles the whole plan; throws when the requested anomalies cannot all be planted.
    func build() throws -> BillPlan {
        let savingsPlanInfo = addCommitment(
            arn: "arn:aws:savingsplans::\(AccountCatalog.all[AccountCatalog.index("shared-services")].id):savingsplan/\(Identifiers.uuid(&rng))",
            name: "compute-sp-1yr-no-upfront", isSavingsPlan: true)
        let savingsPlanFee = makeSavingsPlanFeeProfile()
        addReservations()
        addCoreStreams()
        let commitment = savingsPlanCommitment()
        addGenericStreams()
        let noise = options.stories ? UsageModel.defaultNoise : UsageModel.quietNoise
        var usage = UsageModel(seed: options.seed, stories: stories, rampTable: StoryCalendar.rampTable(days: options.days),
                               noiseLow: noise.low, noiseSpan: noise.span)
        let anomalies = try plantAnomalies(into: &usage)
        let taxProfiles = makeTaxProfiles()
        let credits = makeCredits()
        let periods = BillingPeriod.periods(from: options.start, days: options.days)
        let payerId = arena.field(AccountCatalog.payerId)
        let payerName = arena.field(AccountCatalog.payerName)
        return BillPlan(
            seed: options.seed, text: arena.freeze(), profiles: profiles, streams: streams,
            commitments: commitments,
            savingsPlan: SavingsPlan(commitment: savingsPlanInfo, feeProfile: savingsPlanFee, hourlyCommitment: commitment),
            reservations: reservations, taxProfiles: taxProfiles, credits: credits,
            periods: periods, usage: usage, anomalies: anomalies,
            payerId: payerId, payerName: payerName, firstHour: firstHour)
    }

    // MARK: Commitments

    /// Registers a commitment's ARN and name; returns its index.
    private func addCommitment(arn: String, name: String, isSavingsPlan: Bool) -> Int32 {
        commitments.append(CommitmentInfo(arn: arena.field(arn), name: arena.field(name), isSavingsPlan: isSavingsPlan))
        return Int32(commitments.count - 1)
    }

    /// The profile of the hourly SavingsPlanRecurringFee line (shared-services, no region, untagged).
    private func makeSavingsPlanFeeProfile() -> Int32 {
        let account = AccountCatalog.index("shared-services")
        var profile = LineProfile(account: Int32(account), service: Int32(ServiceCatalog.all.count))
        fillAccount(&profile, account)
        profile.productCode = arena.field(ServiceCatalog.savingsPlansCode)
        profile.productName = arena.field("Savings Plans for AWS Compute usage")
        profile.serviceCategory = arena.field("Compute")
        profile.usageType = arena.field("ComputeSP:1yrNoUpfront")
        profile.description = arena.field("1 year No Upfront Compute Savings Plan")
        profile.skuId = arena.field(Identifiers.sku("ComputeSP:1yrNoUpfront"))
        profile.unit = arena.field("Hrs")
        profile.tagsJSON = arena.field("{}")
        return appendProfile(profile)
    }

    /// Two partial-upfront reservations: RDS fully used on weekdays only (two instances reserved,
    /// one of them off at weekends) and ElastiCache half unused (two nodes reserved, one running).
    private func addReservations() {
        addReservation(service: "AmazonRDS", template: "InstanceUsage:db.r6g.xlarge", region: "us-east-1",
                       owner: "prod-data", units: 2, upfront: 0.165, recurring: 0.165,
                       arnTail: "ri:prod-data-pg-r6g-xl-2024", name: "rds-prod-data-pg-r6g-xlarge",
                       label: "PostgreSQL, db.r6g.xlarge", heavyUsage: "HeavyUsage:db.r6g.xlarge")
        addReservation(service: "AmazonElastiCache", template: "NodeUsage:cache.r6g.large", region: "us-east-1",
                       owner: "prod-api", units: 2, upfront: 0.066, recurring: 0.066,
                       arnTail: "reserved-instance:prod-api-redis-r6g-2024", name: "cache-prod-api-redis-r6g-large",
                       label: "Redis, cache.r6g.large", heavyUsage: "HeavyUsage:cache.r6g.large")
    }

    /// Creates a reservation, its commitment entry and its RIFee profile.
    private func addReservation(service serviceCode: String, template templateName: String, region regionCode: String,
                                owner: String, units: Int, upfront: Double, recurring: Double,
                                arnTail: String, name: String, label: String, heavyUsage: String) {
        let service = ServiceCatalog.index(serviceCode)
        let template = ServiceCatalog.template(service, templateName)
        let region = RegionCatalog.index(regionCode)
        let account = AccountCatalog.index(owner)
        let arnService = serviceCode == "AmazonRDS" ? "rds" : "elasticache"
        let arn = "arn:aws:\(arnService):\(regionCode):\(AccountCatalog.all[account].id):\(arnTail)"
        let commitment = addCommitment(arn: arn, name: name, isSavingsPlan: false)
        let info = ServiceCatalog.all[service]
        let placement = Placement(account: account, service: service, template: template, region: region)
        var profile = LineProfile(account: Int32(account), service: Int32(service))
        fillAccount(&profile, account)
        fillService(&profile, info)
        fillRegion(&profile, placement)
        let usageType = "\(RegionCatalog.all[region].prefix)-\(heavyUsage)"
        profile.usageType = arena.field(usageType)
        profile.operation = arena.field(info.templates[template].operation)
        profile.description = arena.field("USD \(Amount(recurring).text) hourly fee per \(label) instance")
        profile.alternateDescription = arena.field("\(label) reserved instance applied")
        profile.skuId = arena.field(Identifiers.sku(serviceCode + usageType))
        profile.unit = arena.field("Hrs")
        profile.tagsJSON = arena.field("{}")
        let feeProfile = appendProfile(profile)
        reservations.append(Reservation(
            commitment: commitment, feeProfile: feeProfile, service: service, template: template, region: region,
            units: units, upfrontHourly: Amount(upfront), recurringHourly: Amount(recurring)))
    }

    /// The hourly commitment: the always-on eligible fleet plus half of the business-hours
    /// scale-out, so daytime weekdays are fully used and nights and weekends leave some unused.
    private func savingsPlanCommitment() -> Amount {
        var total = 0.0
        for stream in streams where stream.savingsPlanDiscount > 0 && stream.shape == .instance {
            let effective = stream.rate.double * (1 - stream.savingsPlanDiscount)
            switch stream.schedule {
            case .always: total += effective
            case .businessHours: total += effective * 0.5
            case .weekdays: total += effective * 0.25
            }
        }
        return Amount((total * 100).rounded() / 100)
    }

    // MARK: Core and planted resources

    /// The resources every sample has: the Savings-Plan-covered EC2 fleet, the reserved
    /// databases and caches, and the three planted stories.
    private func addCoreStreams() {
        let ec2 = ServiceCatalog.index("AmazonEC2")
        let east = RegionCatalog.index("us-east-1")
        let web = AccountCatalog.index("prod-web")
        let api = AccountCatalog.index("prod-api")
        let data = AccountCatalog.index("prod-data")
        addStream(Placement(account: web, service: ec2, template: ServiceCatalog.template(ec2, "BoxUsage:m5.4xlarge"), region: east),
                  schedule: .always, app: "storefront")
        let c6i = ServiceCatalog.template(ec2, "BoxUsage:c6i.8xlarge")
        addStream(Placement(account: api, service: ec2, template: c6i, region: east), schedule: .always, app: "orders-api")
        addStream(Placement(account: api, service: ec2, template: c6i, region: east), schedule: .businessHours, app: "orders-api")

        let rds = ServiceCatalog.index("AmazonRDS")
        let r6g = ServiceCatalog.template(rds, "InstanceUsage:db.r6g.xlarge")
        addStream(Placement(account: data, service: rds, template: r6g, region: east), schedule: .always, app: "orders-db", name: "orders-db-primary")
        addStream(Placement(account: data, service: rds, template: r6g, region: east), schedule: .weekdays, app: "reporting", name: "reporting-db")

        let cache = ServiceCatalog.index("AmazonElastiCache")
        addStream(Placement(account: api, service: cache, template: ServiceCatalog.template(cache, "NodeUsage:cache.r6g.large"), region: east),
                  schedule: .always, app: "auth", name: "auth-sessions")

        // Story 1: a two-day ~5× spike of prod-web's internet egress.
        let transfer = ServiceCatalog.index("AWSDataTransfer")
        let spike = Placement(account: web, service: transfer, template: ServiceCatalog.template(transfer, "DataTransfer-Out-Bytes"), region: east)
        reservedPlacements.append(spike)
        addStream(spike, schedule: .always, hourlyCost: 1.6, app: "storefront", story: options.stories ? .spike : .none)

        // Story 2: the data lake's raw bucket grows ~2% a day.
        let s3 = ServiceCatalog.index("AmazonS3")
        let ramp = Placement(account: AccountCatalog.index("data-lake"), service: s3, template: ServiceCatalog.template(s3, "TimedStorage-ByteHrs"), region: east)
        reservedPlacements.append(ramp)
        addStream(ramp, schedule: .always, hourlyCost: 1.2, app: "lake-raw", name: "costtop-data-lake-raw",
                  story: options.stories ? .ramp : .none)

        // Story 3: Amazon SageMaker appears from zero: a hosted endpoint from the new-service day
        // (every SageMaker resource, generic ones included, starts that day; `draftStream`).
        // Without stories the same resources simply run from the first day.
        let sageMaker = ServiceCatalog.index("AmazonSageMaker")
        addStream(Placement(account: AccountCatalog.index("ml-research"), service: sageMaker,
                            template: ServiceCatalog.template(sageMaker, "Host:ml.g5.xlarge"), region: RegionCatalog.index("us-west-2")),
                  schedule: .always, app: "recommender", name: "recommender-prod")
    }

    // MARK: Generic resources

    /// Adds resources, cycling through every usage type of the catalog in a shuffled order,
    /// until the expected row count reaches `--rows`. Small row counts get many sparse
    /// resources (variety of usage types), large ones denser resources.
    private func addGenericStreams() {
        let hours = Double(endHour - firstHour)
        let periods = BillingPeriod.periods(from: options.start, days: options.days).count
        // Fixed lines: the hourly Savings Plans fee, monthly RI fees, taxes and credits.
        var expected = hours + Double(periods * (reservations.count + 115))
        for stream in streams { expected += expectedRows(stream) }
        let remaining = Double(options.rows) - expected
        guard remaining > 0 else { return }
        // About 30 lines per resource while that keeps the resource count modest (variety for
        // small samples); beyond that, denser resources (about one line every four hours) so
        // the hourly loop stays short for multi-million-row runs.
        let streamTarget = min(max(remaining / 30, 1), max(2_000, remaining / (hours * 0.25)))
        let meanDensity = min(1, remaining / (streamTarget * hours))

        var order: [(service: Int, template: Int)] = []
        for (service, info) in ServiceCatalog.all.enumerated() {
            for template in info.templates.indices { order.append((service, template)) }
        }
        for index in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(index, rng.below(index + 1))
        }
        var added = 0.0
        var position = 0
        while added < remaining {
            let (service, template) = order[position % order.count]
            position += 1
            let placement = genericPlacement(service: service, template: template)
            let info = placement.templateInfo
            // 1.4 is roughly the catalog's mean template density, so the mean stays `meanDensity`.
            let density = min(1, meanDensity * info.density / 1.4 * rng.between(0.5, 1.5))
            let schedule: Schedule
            if info.shape == .instance {
                let draw = rng.unit()
                schedule = draw < 0.55 ? .always : (draw < 0.8 ? .weekdays : .businessHours)
            } else {
                schedule = .always
            }
            let tagDraw = rng.unit()
            let coverage: TagCoverage = tagDraw < 0.80 ? .full : (tagDraw < 0.88 ? .noApp : .none)
            var first = firstHour
            var last = endHour
            if rng.chance(0.06) { first += 24 * rng.below(max(1, options.days * 4 / 5)) }
            if rng.chance(0.04) { last = max(first + 24, endHour - 24 * rng.below(max(1, options.days * 4 / 5))) }
            // A resource appearing or vanishing mid-range is an anomaly nobody planted: a quiet
            // bill keeps every resource for the whole range. (The draws above still happen, so a
            // quiet bill's resources are the default bill's first ones, only quieter.)
            if !options.stories {
                first = firstHour
                last = endHour
            }
            // A sparse metered resource stands for bursty usage: fewer, bigger hours, so that
            // its monthly cost stays realistic however sparse the sample is.
            let burst = info.shape == .instance ? 1 : min(20, max(1, 0.25 / density))
            let index = addStream(placement, schedule: schedule, density: density,
                                  hourlyCost: info.hourlyCost * burst * rng.between(0.3, 3.0),
                                  tags: coverage, first: first, last: last)
            added += expectedRows(streams[index])
        }
    }

    /// A random account and region for a usage type, avoiding the planted stories' placements.
    private func genericPlacement(service: Int, template: Int) -> Placement {
        let info = ServiceCatalog.all[service]
        let account: Int
        if info.accounts.isEmpty {
            account = rng.weighted(AccountCatalog.all.map(\.weight))
        } else {
            account = AccountCatalog.index(info.accounts[rng.below(info.accounts.count)])
        }
        var placement = Placement(account: account, service: service, template: template, region: nil)
        switch info.templates[template].scope {
        case .regional:
            var region = rng.weighted(RegionCatalog.all.map(\.weight))
            placement.region = region
            while reservedPlacements.contains(placement) {
                region = (region + 1) % RegionCatalog.all.count
                placement.region = region
            }
            if info.templates[template].name.contains("{peer}") {
                var peer = rng.below(RegionCatalog.all.count)
                if peer == region { peer = (peer + 1) % RegionCatalog.all.count }
                placement.peerPrefix = RegionCatalog.all[peer].prefix
            }
        case .edge:
            placement.edgePrefix = RegionCatalog.cloudFrontPrefixes[rng.weighted([40, 25, 10, 8, 5, 4, 8])]
        case .global:
            break
        }
        return placement
    }

    /// The number of lines a stream is expected to produce. The always-on core fleet is covered
    /// by the Savings Plan, which adds a negation line to each of its hours; generic resources
    /// mostly find the commitment used up.
    private func expectedRows(_ stream: UsageStream) -> Double {
        let hours = Double(max(0, min(stream.endHour, endHour) - max(stream.firstHour, firstHour)))
        if stream.hourMask != 0 {
            // Quiet bill: the same hours every running day.
            let runningDays = stream.schedule == .always ? 1.0 : 5.0 / 7.0
            return hours / 24 * runningDays * Double(stream.hourMask.nonzeroBitCount)
        }
        let running: Double
        switch stream.schedule {
        case .always: running = 1
        case .weekdays: running = 5.0 / 7.0
        case .businessHours: running = 60.0 / 168.0
        }
        return hours * running * stream.density * (stream.savingsPlanDiscount > 0 && stream.density >= 1 ? 2 : 1)
    }

    // MARK: Planted anomalies

    /// Plants `--anomalies` labelled anomalies (none by default) after every other resource
    /// exists, and stores their day multipliers in `usage`.
    private func plantAnomalies(into usage: inout UsageModel) throws -> [PlantedAnomaly] {
        guard options.anomalies > 0 else { return [] }
        var planner = AnomalyPlanner(seed: options.seed, days: options.days, firstHour: firstHour, stories: options.stories,
                                     model: usage, streams: streams, placements: placements, storyPlacements: reservedPlacements)
        let anomalies = try planner.plant(
            options.anomalies,
            draft: { placement, first, hourlyCost in
                self.draftStream(placement, schedule: .always, hourlyCost: hourlyCost, first: first)
            },
            add: { placement, first, hourlyCost in
                let index = self.addStream(placement, schedule: .always, hourlyCost: hourlyCost, first: first)
                return (index, self.streams[index])
            })
        usage.dayFactors = planner.dayFactors
        for (stream, table) in planner.assignments { streams[stream].anomaly = Int32(table) }
        return anomalies
    }

    // MARK: Streams and profiles

    /// Creates a resource and its line profile; returns the stream's index.
    @discardableResult
    private func addStream(_ placement: Placement, schedule: Schedule, density: Double = 1, hourlyCost: Double? = nil,
                           app: String? = nil, name: String? = nil, tags: TagCoverage = .full,
                           story: StoryRole = .none, first: Int? = nil, last: Int? = nil) -> Int {
        let info = placement.templateInfo
        let account = AccountCatalog.all[placement.account]
        let appName = app ?? account.apps[rng.below(account.apps.count)]
        let resourceName = name ?? "\(account.name)-\(appName)-\(PlanBuilder.nameWords[rng.below(PlanBuilder.nameWords.count)])-\(Identifiers.hex(4, &rng))"
        let resourceId = Identifiers.resource(info.resource, region: placement.regionInfo, account: account, name: resourceName, &rng)
        var stream = draftStream(placement, schedule: schedule, density: density, hourlyCost: hourlyCost,
                                 story: story, first: first, last: last)
        let rate = stream.rate
        let reservation = stream.reservation >= 0 ? Int(stream.reservation) : nil
        let discount = stream.savingsPlanDiscount

        var profile = LineProfile(account: Int32(placement.account), service: Int32(placement.service))
        fillAccount(&profile, placement.account)
        fillService(&profile, placement.serviceInfo)
        fillRegion(&profile, placement)
        let usageType = placement.usageType
        let sku = Identifiers.sku(placement.serviceInfo.code + usageType + info.operation)
        profile.usageType = arena.field(usageType)
        profile.operation = arena.field(info.operation)
        profile.resourceId = arena.field(resourceId)
        profile.description = arena.field(PlanBuilder.describe(info.description, rate: rate, region: placement.regionInfo?.name ?? "Global"))
        if let reservation {
            profile.alternateDescription = profiles[Int(reservations[reservation].feeProfile)].alternateDescription
        } else if discount > 0 {
            profile.alternateDescription = arena.field("SavingsPlanNegation used by AccountId : \(account.id) and UsageSku : \(sku)")
        }
        if info.shape == .instance, [.instance, .database, .cacheCluster].contains(info.resource), let region = placement.regionInfo {
            profile.availabilityZone = arena.field(region.code + ["a", "b", "c"][rng.below(3)])
        }
        fillTags(&profile, account: account, app: appName, coverage: tags)
        profile.skuId = arena.field(sku)
        profile.unit = arena.field(info.unit)
        profile.isSpot = info.isSpot

        stream.profile = appendProfile(profile)
        streams.append(stream)
        placements.append(placement)
        nextStreamId += 1
        return streams.count - 1
    }

    /// The numbers of the next resource, without its text and without drawing from `rng`: what
    /// `addStream` stores, and what the anomaly planner simulates before it decides to add one.
    private func draftStream(_ placement: Placement, schedule: Schedule, density: Double = 1, hourlyCost: Double? = nil,
                             story: StoryRole = .none, first: Int? = nil, last: Int? = nil) -> UsageStream {
        let info = placement.templateInfo
        let rate = placement.rate
        let publicRate = info.isSpot ? Amount(rate.double * 2.6) : rate
        let reservation = reservations.firstIndex {
            $0.service == placement.service && $0.template == placement.template && $0.region == placement.region
        }
        let discount = reservation == nil && !info.isSpot ? info.savingsPlanDiscount : 0
        let cost = hourlyCost ?? info.hourlyCost
        let baseAmount: Double
        switch info.shape {
        case .instance: baseAmount = 1
        default: baseAmount = rate.raw > 0 ? cost / rate.double : cost * 100 + 40
        }
        var start = first ?? firstHour
        if options.stories && placement.service == ServiceCatalog.index("AmazonSageMaker") {
            start = max(start, stories.newServiceHour)
        }
        var stream = UsageStream(
            profile: -1, id: nextStreamId, shape: info.shape, schedule: schedule,
            density: density, baseAmount: baseAmount, rate: rate, publicRate: publicRate,
            firstHour: start, endHour: last ?? endHour, savingsPlanDiscount: discount,
            reservation: Int32(reservation ?? -1), story: story)
        if !options.stories && density < 1 {
            let phase = SplitMix64.unit(SplitMix64.hash(options.seed, stream.id, 0x9A5E))
            let quiet = QuietHours(density: density, schedule: schedule, phase: phase)
            stream.hourMask = quiet.mask
            // Instances bill whole hours; other usage keeps its expected daily amount.
            if info.shape != .instance { stream.baseAmount *= quiet.amountScale }
        }
        return stream
    }

    /// Words for generated resource names.
    private static let nameWords = ["main", "logs", "events", "assets", "cache", "jobs", "archive", "ingest", "reports", "media", "api", "worker"]

    /// Stores a profile; returns its index.
    private func appendProfile(_ profile: LineProfile) -> Int32 {
        profiles.append(profile)
        return Int32(profiles.count - 1)
    }

    /// The account columns of a profile.
    private func fillAccount(_ profile: inout LineProfile, _ account: Int) {
        profile.accountId = arena.field(AccountCatalog.all[account].id)
        profile.accountName = arena.field(AccountCatalog.all[account].name)
    }

    /// The product columns of a profile.
    private func fillService(_ profile: inout LineProfile, _ service: Service) {
        profile.productCode = arena.field(service.code)
        profile.productName = arena.field(service.name)
        profile.serviceCategory = arena.field(service.category)
    }

    /// The region columns of a profile (empty for edge and global usage).
    private func fillRegion(_ profile: inout LineProfile, _ placement: Placement) {
        guard let region = placement.regionInfo else { return }
        profile.regionCode = arena.field(region.code)
        profile.regionName = arena.field(region.name)
    }

    /// The tag columns and the FOCUS tag object of a profile.
    private func fillTags(_ profile: inout LineProfile, account: Account, app: String, coverage: TagCoverage) {
        switch coverage {
        case .full:
            profile.team = arena.field(account.team)
            profile.env = arena.field(account.env)
            profile.app = arena.field(app)
            profile.tagsJSON = arena.field("{\"team\":\"\(account.team)\",\"env\":\"\(account.env)\",\"app\":\"\(app)\"}")
        case .noApp:
            profile.team = arena.field(account.team)
            profile.env = arena.field(account.env)
            profile.tagsJSON = arena.field("{\"team\":\"\(account.team)\",\"env\":\"\(account.env)\"}")
        case .none:
            profile.tagsJSON = arena.field("{}")
        }
    }

    /// A template description with its unit price and region filled in. When the text quotes
    /// the price per 1,000 (or 10,000, …) units, the per-unit rate is scaled to match.
    static func describe(_ format: String, rate: Amount, region: String) -> String {
        var multiplier = 1.0
        if let marker = format.firstRange(of: "{price} per ") {
            let digits = format[marker.upperBound...].prefix { $0.isNumber || $0 == "," }.filter(\.isNumber)
            if let value = Double(String(digits)), value > 0 { multiplier = value }
        }
        return format
            .replacing("{price}", with: "$" + Amount(rate.double * multiplier).text)
            .replacing("{region}", with: region)
    }

    // MARK: Tax and credits

    /// One Tax profile per account and service (used only where there is spend).
    private func makeTaxProfiles() -> [Int32] {
        var result: [Int32] = []
        for account in AccountCatalog.all.indices {
            for slot in 0..<BillPlan.serviceSlots {
                var profile = LineProfile(account: Int32(account), service: Int32(slot))
                fillAccount(&profile, account)
                let code: String
                if slot < ServiceCatalog.all.count {
                    fillService(&profile, ServiceCatalog.all[slot])
                    code = ServiceCatalog.all[slot].code
                } else {
                    profile.productCode = arena.field(ServiceCatalog.savingsPlansCode)
                    profile.productName = arena.field("Savings Plans for AWS Compute usage")
                    profile.serviceCategory = arena.field("Compute")
                    code = ServiceCatalog.savingsPlansCode
                }
                profile.description = arena.field("Tax for product code \(code)")
                profile.tagsJSON = arena.field("{}")
                result.append(appendProfile(profile))
            }
        }
        return result
    }

    /// Three credits: SageMaker promotional credits, an SLA credit on prod-web's data transfer in
    /// the second month, and small monthly Activate credits on the data lake's S3.
    private func makeCredits() -> [CreditRule] {
        func rule(_ accountName: String, _ serviceCode: String, _ description: String,
                  period: Int?, share: Double, cap: Double) -> CreditRule {
            let account = AccountCatalog.index(accountName)
            let service = ServiceCatalog.index(serviceCode)
            var profile = LineProfile(account: Int32(account), service: Int32(service))
            fillAccount(&profile, account)
            fillService(&profile, ServiceCatalog.all[service])
            profile.description = arena.field(description)
            profile.tagsJSON = arena.field("{}")
            return CreditRule(profile: appendProfile(profile), slot: account * BillPlan.serviceSlots + service,
                              period: period, share: share, cap: Amount(cap))
        }
        return [
            rule("ml-research", "AmazonSageMaker", "AWS Promotional Credit - Machine Learning, Generative AI", period: nil, share: 0.25, cap: 1000),
            rule("prod-web", "AWSDataTransfer", "Service Level Agreement credit for AWS Data Transfer", period: 1, share: 0.05, cap: 250),
            rule("data-lake", "AmazonS3", "AWS Activate credits", period: nil, share: 0.10, cap: 200),
        ]
    }
}
