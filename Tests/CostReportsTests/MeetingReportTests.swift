import CostCache
import CostEngine
import CostModel
@testable import CostReports
import CosttopTestSupport
import Foundation
import Testing

/// `costtop report`'s sections on the bundled sample bill: figures reconciled with an independent
/// Decimal sum of the raw files (scripts/reconcile.py), the waterfall adding up to the totals, the
/// same bytes on every run, showback only with a rules file.
@Suite("Meeting report on the sample bill", .serialized)
struct MeetingReportTests {
    static let sample = Support.repository + "/sample-data/aws-cur"
    static let cache: CacheFile = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        return try! Support.ingest([sample], cache: path).1
    }()
    static let period = DayRange(from: Day("2024-08-30")!, to: Day("2024-09-28")!)
    static let comparison = DayRange(from: Day("2024-07-31")!, to: Day("2024-08-29")!)

    static func context(rules: AllocationRules = .none) -> ReportContext {
        ReportContext(cache: cache, rules: rules, period: period, comparison: comparison)
    }

    static func section(_ anchor: String, in document: ReportDocument) -> DocumentSection? {
        document.sections.first { $0.anchor == anchor }
    }

    static func tables(_ section: DocumentSection?) -> [ReportTable] {
        section?.blocks.compactMap { if case .table(let table) = $0 { return table } else { return nil } } ?? []
    }

    /// Billed cost per service over `range` in nano-units, from the raw CUR files (manifests honoured),
    /// summed exactly by Python's Decimal and printed to 9 digits.
    static func oracle(_ range: DayRange, by: String = "service") throws -> [String: Int128] {
        let result = Support.run("/usr/bin/env", ["python3", Support.repository + "/scripts/reconcile.py", "--by", by,
                                                  "--metric", "billed", "--digits", "9", "--from", range.from.description,
                                                  "--to", range.to.description, sample])
        #expect(result.status == 0, "\(result.err)")
        let sums = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: String]
        return sums.mapValues { text in
            let negative = text.hasPrefix("-")
            let parts = text.drop { $0 == "-" }.split(separator: ".")
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            let nanos = Int128(String(parts[0]))! * 1_000_000_000 + Int128(fraction + String(repeating: "0", count: 9 - fraction.count))!
            return negative ? -nanos : nanos
        }
    }

    static func cents(_ value: ReportValue) -> String? {
        if case .money(let nanos, _) = value { return Money.plainString(nanos) }
        return nil
    }

    @Test("totals: every service, the folded rest and the total match a Decimal sum of the raw files, in both windows")
    func totalsReconcile() throws {
        let document = try MeetingReport.document(Self.context())
        let table = try #require(Self.tables(Self.section("totals", in: document)).first)
        let now = try Self.oracle(Self.period), before = try Self.oracle(Self.comparison)
        func sum(_ values: some Sequence<Int128>) -> String { Money.plainString(values.reduce(0, +)) }
        var listed = Set<String>()
        for row in table.rows {
            guard case .text(let key) = row.cells[0] else { Issue.record("no key"); continue }
            if row.kind == .total {
                #expect(Self.cents(row.cells[1]) == sum(now.values), "total now")
                #expect(Self.cents(row.cells[2]) == sum(before.values), "total before")
            } else if key.hasPrefix("(other ") {
                let rest = now.filter { !listed.contains($0.key) }
                #expect(key == "(other \(Set(now.keys).union(before.keys).subtracting(listed).count))")
                #expect(Self.cents(row.cells[1]) == sum(rest.values))
                #expect(Self.cents(row.cells[2]) == sum(before.filter { !listed.contains($0.key) }.values))
            } else {
                listed.insert(key)
                #expect(Self.cents(row.cells[1]) == Money.plainString(now[key] ?? 0), "\(key) now")
                #expect(Self.cents(row.cells[2]) == Money.plainString(before[key] ?? 0), "\(key) before")
            }
        }
        #expect(listed.count == 8)
    }

    @Test("the movers' waterfall goes from the previous total to this one; each mover's drivers add up to its delta")
    func waterfall() throws {
        let document = try MeetingReport.document(Self.context())
        let movers = try #require(Self.section("movers", in: document))
        let charts = movers.blocks.compactMap { if case .chart(let chart) = $0 { return chart } else { return nil } }
        guard case .waterfall(let waterfall) = try #require(charts.first).kind else { Issue.record("not a waterfall"); return }
        let totals = try #require(Self.tables(Self.section("totals", in: document)).first?.rows.last)
        #expect(Self.cents(.money(waterfall.bars.first!.amount)) == Self.cents(totals.cells[2]))
        #expect(Self.cents(.money(waterfall.bars.last!.amount)) == Self.cents(totals.cells[1]))
        let steps = waterfall.bars.dropFirst().dropLast()
        #expect(waterfall.bars.first!.amount + steps.reduce(0) { $0 + $1.amount } == waterfall.bars.last!.amount)
        #expect(steps.allSatisfy { !$0.isTotal && $0.amount != 0 })
        // The driver bars carry exactly the movers' deltas; "other" the rest of the change.
        let table = try #require(Self.tables(movers).first)
        #expect(table.rows.count == 10)
        let deltas = table.rows.reduce(Int128(0)) { sum, row in
            if case .money(let delta, _) = row.cells[2] { return sum + delta } else { return sum }
        }
        let other = steps.filter { $0.label == "other" }.reduce(Int128(0)) { $0 + $1.amount }
        #expect(steps.reduce(Int128(0)) { $0 + $1.amount } - other == deltas)
    }

    @Test("tag coverage: tagged and untagged cost of every key listed match a Decimal sum of the raw files, in both windows")
    func tagCoverage() throws {
        let document = try MeetingReport.document(Self.context())
        let table = try #require(Self.tables(Self.section("tags", in: document)).first)
        let total = try #require(Self.tables(Self.section("totals", in: document)).first?.rows.last)
        guard case .money(let period, _) = total.cells[1] else { Issue.record("no total"); return }
        #expect(!table.rows.isEmpty)
        for row in table.rows {
            guard case .money(let tagged, _) = row.cells[1], case .money(let untagged, _) = row.cells[2],
                  case .percent(let coverage?, _, _) = row.cells[3] else { Issue.record("cells"); continue }
            #expect(tagged + untagged == period)
            #expect(abs(coverage - Double(tagged) / Double(period) * 100) < 1e-9)
            guard case .text(let key) = row.cells[0], case .percent(let before?, _, _) = row.cells[4] else { continue }
            let now = try Self.oracle(Self.period, by: "tag:" + key), then = try Self.oracle(Self.comparison, by: "tag:" + key)
            let oracleUntagged = now["(untagged)"] ?? 0, oracleTagged = now.values.reduce(0, +) - oracleUntagged
            #expect(Money.plainString(tagged) == Money.plainString(oracleTagged), "\(key) tagged")
            #expect(Money.plainString(untagged) == Money.plainString(oracleUntagged), "\(key) untagged")
            let thenUntagged = then["(untagged)"] ?? 0, thenTotal = then.values.reduce(0, +)
            #expect(abs(before - Double(thenTotal - thenUntagged) / Double(thenTotal) * 100) < 1e-6, "\(key) before")
        }
        #expect(table.rows.count == 3, "env, team and app: the sample bill's tag keys")
    }

    @Test("showback appears only with a rules file, by its first category, and adds up to the period's total")
    func showback() throws {
        #expect(Self.section("showback", in: try MeetingReport.document(Self.context())) == nil)
        let rules = AllocationRules(categories: [
            CostCategory(name: "team", rules: [CategoryRule(.inherit(.tag("team")))], defaultValue: "unallocated"),
            CostCategory(name: "second", rules: [], defaultValue: "x"),
        ])
        let document = try MeetingReport.document(Self.context(rules: rules))
        let section = try #require(Self.section("showback", in: document))
        #expect(section.title == "Showback by team")
        let total = try #require(Self.tables(section).first?.rows.last)
        let totals = try #require(Self.tables(Self.section("totals", in: document)).first?.rows.last)
        #expect(Self.cents(total.cells[1]) == Self.cents(totals.cells[1]))
    }

    @Test("the same context gives the same bytes, in every format")
    func reproducible() throws {
        for format in DocumentFormat.allCases {
            let first = format.render(try MeetingReport.document(Self.context()))
            let second = format.render(try MeetingReport.document(Self.context()))
            #expect(first == second, "\(format)")
        }
    }
}
