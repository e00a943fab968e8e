import CostCache
import CostModel

/// Coverage of eligible usage by commitments, and utilization of each commitment, over a period.
/// Formulas in docs/commitments.md:
/// - coverage = on-demand-equivalent (list) cost of usage priced `Committed` ÷ list cost of all
///   eligible usage (`CommitmentEligibility`); hours likewise over instance-hour usage types;
/// - utilization = used commitment ÷ total commitment (Savings Plan `UsedCommitment` ÷
///   `TotalCommitmentToDate`; RI amortized fee less its unused part ÷ the fee; FOCUS `Used` ÷
///   (`Used` + `Unused`) effective cost); unused = total − used;
/// - effective savings rate = 1 − (effective cost of eligible usage + unused commitment) ÷ list cost
///   of eligible usage.
public struct CommitmentAnalysis {
    public let cache: CacheFile
    /// Per usage-type code: eligible, and measured in instance hours (built once per analysis).
    private let eligibleTypes: [Bool]
    private let hourTypes: [Bool]
    /// Per service code, its Google Cloud or Azure rule (an index into `CloudEligibilityRule.all`).
    private let serviceRules: [Int?]
    /// Per rule, per usage-type code: eligible under that rule.
    private let ruleTypes: [[Bool]]
    /// The rules file's categories, for `category:NAME` groups and filters.
    private let categories: CategoryColumns
    private let wholeBill = WholeBillCommitments()

    /// An analysis of `cache`; `rules` define the `category:NAME` dimensions (direct cost: splits
    /// move money between category values, not commitment coverage).
    public init(cache: CacheFile, rules: AllocationRules = .none) {
        self.cache = cache
        categories = CategoryColumns(rules: rules, cache: cache)
        (eligibleTypes, hourTypes) = CommitmentEligibility.table(cache)
        serviceRules = CloudEligibilityRule.serviceRules(cache)
        ruleTypes = CloudEligibilityRule.usageTypeTables(cache, serviceRules: serviceRules)
    }

    /// Coverage per group of `dimension`.
    public func coverage(by dimension: CostDimension, filters: [Filter], period: DayRange,
                         currency: String? = nil) throws -> CoverageResult {
        var needs = RowScan.Needs.eligibility + [.measure(.list), .measure(.usageQuantity)]
        if case .fixed(let fixed) = dimension {
            needs.dimensions.insert(fixed)
        } else {
            needs.anyTable = false
            needs.columns += [CacheColumn.day, .tagSet]
        }
        let scan = try RowScan(cache: cache, filters: filters, period: period, currency: currency, categories: categories,
                               needs: needs)
        let grouping = try Grouping(dimension, cache: scan.cache,
                                    spec: QuerySpec(groupBy: dimension, period: period, comparison: nil), categories: categories)
        let list = scan.cache.measure(.list)
        let quantity = scan.cache.measure(.usageQuantity)
        // Dense sums by group code: this runs for the explorer's gauges on every drill step.
        let width = grouping.groupCount
        var covered = [Int128](repeating: 0, count: width)
        var eligible = [Int128](repeating: 0, count: width)
        var coveredHours = [Double](repeating: 0, count: width)
        var eligibleHours = [Double](repeating: 0, count: width)
        var seen = [Bool](repeating: false, count: width)
        forEachEligibleRow(scan) { row, isCommitted, typeCode in
            guard let group = grouping.group(of: row, offsetFrom: period.from) else { return }
            seen[group] = true
            eligible[group] += Int128(list[row])
            if isCommitted { covered[group] += Int128(list[row]) }
            if hourTypes[typeCode] {
                let hours = Double(quantity[row]) / 1000
                eligibleHours[group] += hours
                if isCommitted { coveredHours[group] += hours }
            }
        }
        var groups: [Int: CoverageRow] = [:]
        for group in 0..<width where seen[group] {
            var entry = grouping.coverageRow(code: group)
            entry.coveredCost = covered[group]
            entry.eligibleCost = eligible[group]
            entry.coveredHours = coveredHours[group]
            entry.eligibleHours = eligibleHours[group]
            groups[group] = entry
        }
        let rows = groups.values.sorted { ($0.eligibleCost, $1.key) > ($1.eligibleCost, $0.key) }
        var total = CoverageRow(key: "TOTAL", name: nil)
        for row in rows {
            total.coveredCost += row.coveredCost
            total.eligibleCost += row.eligibleCost
            total.coveredHours += row.coveredHours
            total.eligibleHours += row.eligibleHours
        }
        return CoverageResult(period: period, currency: scan.currencyName, rows: rows, total: total)
    }

    /// The currency the analyses report for this selection: the one asked for, else the only one,
    /// else the largest (as `costtop query` chooses).
    public func currency(filters: [Filter], period: DayRange, asked: String? = nil) throws -> String? {
        try RowScan(cache: cache, filters: filters, period: period, currency: asked, categories: categories,
                    needs: RowScan.Needs(dimensions: [], columns: [])).currencyName
    }

    /// Every commitment with cost in the period (within `filters`), largest total first.
    public func commitments(filters: [Filter], period: DayRange, currency: String? = nil) throws -> [CommitmentRow] {
        let scan = try RowScan(cache: cache, filters: filters, period: period, currency: currency, categories: categories,
                               needs: RowScan.Needs(dimensions: [.commitment, .commitmentType, .account, .commitmentStatus],
                                                    columns: [.day, .measure(.commitmentUsed), .measure(.commitmentTotal)]))
        let ids = scan.cache.codes(.commitment)
        let types = scan.cache.codes(.commitmentType)
        let accounts = scan.cache.codes(.account)
        let status = scan.cache.codes(.commitmentStatus)
        let usedStatus = scan.cache.dictionary(.commitmentStatus).index(of: "Used")
        let used = scan.cache.measure(.commitmentUsed)
        let total = scan.cache.measure(.commitmentTotal)
        let days = period.dayCount
        var rows: [Int: CommitmentRow] = [:]
        var scopes: [Int: Set<UInt32>] = [:]
        scan.forEachRow { row in
            let id = Int(ids[row])
            guard id != 0 else { return }
            var entry = rows[id] ?? CommitmentRow(id: scan.cache.dictionary(.commitment)[id], type: "", totalCommitment: 0,
                                                  used: 0, accountsCovered: 0, dailyUsed: Array(repeating: 0, count: days),
                                                  dailyTotal: Array(repeating: 0, count: days))
            if entry.type.isEmpty, types[row] != 0 { entry.type = scan.cache.dictionary(.commitmentType)[Int(types[row])] }
            let day = Int(scan.cache.days[row] - period.from.index)
            entry.used += Int128(used[row])
            entry.totalCommitment += Int128(total[row])
            entry.dailyUsed[day] += Int128(used[row])
            entry.dailyTotal[day] += Int128(total[row])
            if let usedStatus, Int(status[row]) == usedStatus { scopes[id, default: []].insert(accounts[row]) }
            rows[id] = entry
        }
        for (id, accountsCovered) in scopes { rows[id]?.accountsCovered = accountsCovered.count }
        return rows.values.sorted { ($0.totalCommitment, $1.id) > ($1.totalCommitment, $0.id) }
    }

    /// Coverage, utilization, unused commitment and the effective savings rate within `filters`:
    /// what the explorer's gauge strip shows for the current drill context. Coverage is of the usage
    /// within the filters; utilization and unused money are of the commitments that usage consumed
    /// (or that the filters' accounts bought), over the whole bill.
    public func summary(filters: [Filter], period: DayRange, currency: String? = nil) throws -> CommitmentSummary {
        let coverage = try self.coverage(by: .fixed(.currency), filters: filters, period: period, currency: currency).total
        // The commitments this context consumed or bought, measured across the whole bill: a Savings
        // Plan bought by the payer and used by an account is that account's commitment too.
        let all = try wholeBill.rows(period: period, currency: currency) {
            try self.commitments(filters: [], period: period, currency: currency)
        }
        var commitments = all
        if !filters.isEmpty {
            let inContext = Set(try self.commitments(filters: filters, period: period, currency: currency).map(\.id))
            commitments = all.filter { inContext.contains($0.id) }
        }
        let used = commitments.reduce(Int128(0)) { $0 + $1.used }
        let total = commitments.reduce(Int128(0)) { $0 + $1.totalCommitment }
        let effective = try eligibleEffectiveCost(filters: filters, period: period, currency: currency)
        let unused = total - used
        let savings = coverage.eligibleCost == 0 ? nil
            : (1 - Double(effective + unused) / Double(coverage.eligibleCost)) * 100
        return CommitmentSummary(coverage: coverage.coverage, utilization: total == 0 ? nil : Double(used) / Double(total) * 100,
                                 unused: unused, totalCommitment: total, uncoveredOnDemand: coverage.onDemandCost,
                                 effectiveSavingsRate: savings, commitmentCount: commitments.count)
    }

    private func eligibleEffectiveCost(filters: [Filter], period: DayRange, currency: String?) throws -> Int128 {
        let scan = try RowScan(cache: cache, filters: filters, period: period, currency: currency, categories: categories,
                               needs: RowScan.Needs.eligibility + [.measure(.effective)])
        let effective = scan.cache.measure(.effective)
        var sum: Int128 = 0
        forEachEligibleRow(scan) { row, _, _ in sum += Int128(effective[row]) }
        return sum
    }

    /// Calls `body` for each eligible usage row of the scan (see `CommitmentEligibility`), with whether
    /// a commitment covered it and its usage-type code.
    private func forEachEligibleRow(_ scan: RowScan, _ body: (_ row: Int, _ isCommitted: Bool, _ usageType: Int) -> Void) {
        let cache = scan.cache
        guard let usage = cache.dictionary(.chargeCategory).index(of: "Usage") else { return }
        let committedCode = cache.dictionary(.pricingCategory).index(of: "Committed") ?? -1
        let dynamicCode = cache.dictionary(.pricingCategory).index(of: "Dynamic") ?? -1
        let charge = cache.codes(.chargeCategory)
        let pricing = cache.codes(.pricingCategory)
        let usageTypes = cache.codes(.usageType)
        let services = cache.codes(.service)
        let anyServiceRule = serviceRules.contains { $0 != nil }
        scan.forEachRow { row in
            guard Int(charge[row]) == usage else { return }
            let price = Int(pricing[row])
            if price == dynamicCode { return }
            let isCommitted = price == committedCode
            let typeCode = Int(usageTypes[row])
            if !isCommitted {
                // A Google Cloud or Azure service is judged by its own rule, anything else by the AWS one.
                if anyServiceRule, let rule = serviceRules[Int(services[row])] {
                    guard ruleTypes[rule][typeCode] else { return }
                } else {
                    guard eligibleTypes[typeCode] else { return }
                }
            }
            body(row, isCommitted, typeCode)
        }
    }
}
