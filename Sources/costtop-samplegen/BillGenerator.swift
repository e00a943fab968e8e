/// Walks a billing period hour by hour and produces its line items, streaming them to the sinks.
///
/// Nothing is kept between lines except small running totals (commitment use, monthly spend per
/// account and service), so memory does not grow with the row count.
final class BillGenerator {
    private let plan: BillPlan
    private let sinks: [LineItemSink]
    /// 0 for the current bill; other values restate the same lines with different noise.
    private let variant: UInt64
    private var monthlySpend: [Amount]
    private var reservationUsedHours: [Int]
    private var reservationUsedThisHour: [Int]

    /// A generator for `plan` writing to `sinks`; `variant` 0 is the current bill.
    init(plan: BillPlan, sinks: [LineItemSink], variant: UInt64 = 0) {
        self.plan = plan
        self.sinks = sinks
        self.variant = variant
        monthlySpend = Array(repeating: .zero, count: AccountCatalog.all.count * BillPlan.serviceSlots)
        reservationUsedHours = Array(repeating: 0, count: plan.reservations.count)
        reservationUsedThisHour = Array(repeating: 0, count: plan.reservations.count)
    }

    /// Generates `period`, limited to `hours` (a prefix of the period's hours for an early restatement).
    func run(_ period: BillingPeriod, hours: Range<Int>? = nil) throws {
        for sink in sinks { try sink.beginPeriod(period) }
        for index in monthlySpend.indices { monthlySpend[index] = .zero }
        for index in reservationUsedHours.indices { reservationUsedHours[index] = 0 }
        let span = hours ?? period.hours
        for hour in span {
            try generateHour(hour)
        }
        try emitReservationFees(period, hours: span.count)
        try emitTaxesAndCredits(period)
        for sink in sinks { try sink.endPeriod() }
    }

    // MARK: Hourly usage

    /// All lines of one hour: each running resource's usage (covered by a reservation or the
    /// Savings Plan where possible), then the hour's Savings Plan fee.
    private func generateHour(_ hour: Int) throws {
        let time = HourContext(hour: hour, firstHour: plan.firstHour)
        let commitment = plan.savingsPlan.hourlyCommitment
        var used = Amount.zero
        for index in reservationUsedThisHour.indices { reservationUsedThisHour[index] = 0 }

        let streams = plan.streams
        let usage = plan.usage
        for stream in streams {
            guard let amount = usage.amount(stream, at: time, variant: variant) else { continue }
            var item = LineItem(type: .usage, profile: stream.profile, startHour: hour, endHour: hour + 1)
            item.usageAmount = amount
            item.rate = stream.rate
            item.unblended = amount.times(stream.rate)
            item.publicCost = amount.times(stream.publicRate)

            if stream.reservation >= 0 {
                let reservation = Int(stream.reservation)
                if reservationUsedThisHour[reservation] < plan.reservations[reservation].units {
                    reservationUsedThisHour[reservation] += 1
                    reservationUsedHours[reservation] += 1
                    try emit(discounted(item, plan.reservations[reservation]))
                    continue
                }
            } else if stream.savingsPlanDiscount > 0 && used < commitment && item.unblended.raw > 0 {
                used += try emitCovered(item, discount: stream.savingsPlanDiscount, remaining: commitment - used)
                continue
            }
            try emit(item)
        }

        var fee = LineItem(type: .savingsPlanRecurringFee, profile: plan.savingsPlan.feeProfile, startHour: hour, endHour: hour + 1)
        fee.commitment = plan.savingsPlan.commitment
        fee.usageAmount = Amount(whole: 1)
        fee.rate = commitment
        fee.unblended = commitment
        fee.totalCommitment = commitment
        fee.usedCommitment = used
        try emit(fee)
    }

    /// The usage as reservation-covered: no unblended cost (the RI fee bills it), the
    /// reservation's effective rate as its amortized cost.
    private func discounted(_ usage: LineItem, _ reservation: Reservation) -> LineItem {
        var item = usage
        item.type = .discountedUsage
        item.commitment = reservation.commitment
        item.rate = .zero
        item.unblended = .zero
        item.commitmentEffective = reservation.effectiveHourly.times(item.usageAmount)
        return item
    }

    /// Applies the Savings Plan to `usage`: a fully covered line and its negation, or — when the
    /// commitment left this hour is smaller than the usage's discounted cost — a covered part,
    /// its negation and the uncovered rest as ordinary usage (as AWS splits such lines).
    /// Returns the commitment used.
    private func emitCovered(_ usage: LineItem, discount: Double, remaining: Amount) throws -> Amount {
        let fullEffective = usage.unblended.times(1 - discount)
        var covered = usage
        covered.type = .savingsPlanCoveredUsage
        covered.commitment = plan.savingsPlan.commitment
        var rest: LineItem?
        if fullEffective <= remaining {
            covered.commitmentEffective = fullEffective
        } else {
            // Cover exactly the remaining commitment; the rounding stays on the uncovered part.
            var coveredCost = remaining.times(1 / (1 - discount))
            if usage.unblended < coveredCost { coveredCost = usage.unblended }
            let fraction = coveredCost.double / usage.unblended.double
            covered.commitmentEffective = remaining
            covered.unblended = coveredCost
            covered.usageAmount = usage.usageAmount.times(fraction)
            covered.publicCost = usage.publicCost.times(fraction)
            var uncovered = usage
            uncovered.unblended = usage.unblended - covered.unblended
            uncovered.usageAmount = usage.usageAmount - covered.usageAmount
            uncovered.publicCost = usage.publicCost - covered.publicCost
            rest = uncovered
        }
        try emit(covered)
        var negation = covered
        negation.type = .savingsPlanNegation
        negation.unblended = -covered.unblended
        negation.publicCost = .zero
        negation.commitmentEffective = .zero
        try emit(negation)
        if let rest, rest.unblended.raw > 0 { try emit(rest) }
        return covered.commitmentEffective
    }

    // MARK: Monthly lines

    /// One RIFee line per reservation: the recurring fee for the period's hours, and how much
    /// of the reserved capacity went unused.
    private func emitReservationFees(_ period: BillingPeriod, hours: Int) throws {
        for (index, reservation) in plan.reservations.enumerated() {
            let reserved = reservation.units * hours
            let unused = reserved - reservationUsedHours[index]
            var item = LineItem(type: .riFee, profile: reservation.feeProfile, startHour: period.startHour, endHour: period.endHour)
            item.commitment = reservation.commitment
            item.usageAmount = Amount(whole: reserved)
            item.rate = reservation.recurringHourly
            item.unblended = reservation.recurringHourly.times(whole: reserved)
            item.amortizedUpfront = reservation.upfrontHourly.times(whole: reserved)
            item.unusedAmortizedUpfront = reservation.upfrontHourly.times(whole: unused)
            item.unusedRecurring = reservation.recurringHourly.times(whole: unused)
            item.totalReservedUnits = Amount(whole: reserved)
            item.unusedQuantity = Amount(whole: unused)
            try emit(item)
        }
    }

    /// Sales tax on taxed accounts' monthly spend per service, then the credits.
    private func emitTaxesAndCredits(_ period: BillingPeriod) throws {
        let spend = monthlySpend
        for (account, info) in AccountCatalog.all.enumerated() where info.taxRate > 0 {
            for service in 0..<BillPlan.serviceSlots {
                let slot = account * BillPlan.serviceSlots + service
                guard spend[slot].raw > 0 else { continue }
                let tax = Amount((spend[slot].double * info.taxRate * 100).rounded() / 100)
                guard tax.raw > 0 else { continue }
                var item = LineItem(type: .tax, profile: plan.taxProfiles[slot], startHour: period.startHour, endHour: period.endHour)
                item.hasRate = false
                item.usageAmount = Amount(whole: 1)
                item.unblended = tax
                try emit(item)
            }
        }
        for rule in plan.credits where rule.period == nil || rule.period == period.index {
            guard spend[rule.slot].raw > 0 else { continue }
            let credit = min(spend[rule.slot].times(rule.share), rule.cap)
            var item = LineItem(type: .credit, profile: rule.profile, startHour: period.startHour, endHour: period.endHour)
            item.hasRate = false
            item.usageAmount = Amount(whole: 1)
            item.unblended = -Amount((credit.double * 100).rounded() / 100)
            try emit(item)
        }
    }

    /// Counts the line into the month's spend (for tax and credits) and hands it to every sink.
    @inline(__always)
    private func emit(_ item: LineItem) throws {
        if item.type != .tax && item.type != .credit {
            monthlySpend[plan.slot(of: item.profile)] += item.unblended
        }
        for sink in sinks { try sink.write(item) }
    }
}
