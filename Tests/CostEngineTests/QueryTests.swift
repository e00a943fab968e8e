import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine
import CostReports

@Suite("Query engine and output")
struct QueryTests {
    /// A FOCUS file with two services over 14 days: S1 costs 1.00 a day, S2 costs 2.00 a day from day 8.
    func fixture() throws -> CacheFile {
        var lines = ["SubAccountId,ServiceName,ChargePeriodStart,BilledCost,EffectiveCost,ListCost,Tags"]
        for day in 1...14 {
            let date = String(format: "2024-09-%02d", day)
            lines.append("A1,S1,\(date)T00:00:00Z,1.00,0.90,1.10,\"{\"\"team\"\":\"\"web\"\"}\"")
            if day >= 8 { lines.append("A2,S2,\(date)T00:00:00Z,2.00,2.00,2.00,") }
        }
        let file = Support.write(lines.joined(separator: "\n") + "\n", to: Support.temporaryFolder(), "f.csv")
        return try Support.ingest([file]).1
    }

    @Test("periods resolve from the last day in the cache; previous is the same length just before")
    func periods() throws {
        let cache = try fixture()
        let data = cache.dayRange!
        #expect(PeriodSpec.last7Days.resolve(in: data).description == "2024-09-08..2024-09-14")
        #expect(PeriodSpec.last7Days.previous(of: PeriodSpec.last7Days.resolve(in: data)).description == "2024-09-01..2024-09-07")
        #expect(PeriodSpec.monthToDate.resolve(in: data).description == "2024-09-01..2024-09-14")
        #expect(PeriodSpec.monthToDate.previous(of: PeriodSpec.monthToDate.resolve(in: data)).description == "2024-08-01..2024-08-14")
        #expect(PeriodSpec.lastMonth.resolve(in: data).description == "2024-08-01..2024-08-31")
        #expect(PeriodSpec.lastMonth.previous(of: DayRange(from: Day("2024-03-01")!, to: Day("2024-03-31")!)).description
                == "2024-02-01..2024-02-29")
        #expect(PeriodSpec("2024-09-02..2024-09-03") == .custom(DayRange(from: Day("2024-09-02")!, to: Day("2024-09-03")!)))
        #expect(PeriodSpec("2024-09-05..2024-09-03") == nil)
    }

    @Test("cost, previous, delta and share per group; missing values form their own row")
    func drillDown() throws {
        let cache = try fixture()
        let period = PeriodSpec.last7Days.resolve(in: cache.dayRange!)
        let spec = QuerySpec(groupBy: .fixed(.service), period: period, comparison: PeriodSpec.last7Days.previous(of: period))
        let report = QueryReport(try QueryEngine(cache: cache).run(spec), sort: .cost, limit: nil)
        #expect(report.lines.map(\.key) == ["S2", "S1"])
        #expect(report.lines[0].cost == 14_000_000_000 && report.lines[0].previous == 0 && report.lines[0].deltaPercent == nil)
        #expect(report.lines[1].cost == 7_000_000_000 && report.lines[1].previous == 7_000_000_000 && report.lines[1].deltaPercent == 0)
        #expect(abs(report.lines[0].share! - 200.0 / 3) < 1e-9)
        let tags = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .tag("team"), period: period, comparison: nil))
        #expect(Set(tags.rows.map(\.key)) == ["web", "(untagged)"])
        let untagged = try QueryEngine(cache: cache).run(QuerySpec(
            groupBy: .fixed(.service), filters: [Filter("tag:team=(untagged)")!], period: period, comparison: nil))
        #expect(untagged.rows.map(\.key) == ["S2"])
        let excluded = try QueryEngine(cache: cache).run(QuerySpec(
            groupBy: .fixed(.service), filters: [Filter("service!=S2")!], period: period, comparison: nil, metric: .list))
        #expect(excluded.total == 7_700_000_000)
        #expect(throws: QueryError.self) { try QueryEngine(cache: cache).run(QuerySpec(groupBy: .tag("nope"), period: period, comparison: nil)) }
    }

    @Test("day grouping lines each day up with the same offset of the comparison period")
    func byDay() throws {
        let cache = try fixture()
        let period = PeriodSpec.last7Days.resolve(in: cache.dayRange!)
        let result = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .day, period: period, comparison: PeriodSpec.last7Days.previous(of: period)))
        #expect(result.rows.count == 7)
        #expect(result.rows.allSatisfy { $0.cost == 3_000_000_000 && $0.previous == 1_000_000_000 })
        #expect(result.rows.first?.key == "2024-09-08")
    }

    @Test("limit folds the rest into one row so the total still adds up; sort orders")
    func limitAndSort() throws {
        let cache = try fixture()
        let period = cache.dayRange!
        let result = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .day, period: period, comparison: nil))
        let report = QueryReport(result, sort: .cost, limit: 3)
        #expect(report.lines.count == 4)
        #expect(report.lines.last?.key == "(other 11)")
        #expect(report.lines.reduce(Int128(0)) { $0 + $1.cost } == result.total)
        #expect(QueryReport(result, sort: .name, limit: nil).lines.first?.key == "2024-09-01")
    }

    @Test("JSON has the documented fields; CSV neutralizes formulas; tables escape control characters")
    func rendering() throws {
        let row = QueryRow(key: "=HYPERLINK(\"x\")\u{1b}[2J", name: nil, cost: 1_234_567_890_000, previous: 1_000_000_000_000, isMissing: false)
        let spec = QuerySpec(groupBy: .fixed(.service), period: DayRange(from: Day("2024-09-01")!, to: Day("2024-09-07")!),
                             comparison: DayRange(from: Day("2024-08-25")!, to: Day("2024-08-31")!))
        let result = QueryResult(spec: spec, currency: "USD", otherCurrencies: [], total: row.cost, previousTotal: row.previous, rows: [row])
        let report = QueryReport(result, sort: .cost, limit: nil)
        let json = QueryOutput(report).render(as: .json, sanitize: false)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(object["from"] as? String == "2024-09-01" && object["compareTo"] as? String == "2024-08-31")
        #expect((object["total"] as! [String: Any])["cost"] as? Double == 1234.57)
        let first = (object["rows"] as! [[String: Any]])[0]
        #expect(Set(first.keys).isSuperset(of: ["key", "cost", "previous", "delta", "deltaPct", "share"]))
        #expect(first["delta"] as? Double == 234.57 && first["deltaPct"] as? Double == 23.46 && first["share"] as? Double == 100)
        #expect(first["key"] as? String == "=HYPERLINK(\"x\")\u{1b}[2J")
        let csv = QueryOutput(report).render(as: .csv, sanitize: true)
        #expect(csv.split(separator: "\n")[1].hasPrefix("\"'=HYPERLINK(\"\"x\"\")\\x1b[2J\","))
        let table = QueryOutput(report).render(as: .table, sanitize: true)
        #expect(!table.contains("\u{1b}"))
        #expect(table.contains("1,234.57") && table.contains("+234.57") && table.contains("+23.5%"))
    }

    @Test("the sanitizer escapes controls, bidi overrides and invisible characters, and keeps the rest")
    func sanitizer() {
        #expect(TerminalSanitizer.sanitize("a\u{1b}]52;c;ZXZpbA==\u{07}b") == "a\\x1b]52;c;ZXZpbA==\\x07b")
        #expect(TerminalSanitizer.sanitize("\u{202e}evil\u{2066}\u{200b}\u{9b}\u{7f}") == "\\u202eevil\\u2066\\u200b\\x9b\\x7f")
        #expect(TerminalSanitizer.sanitize("東京 café e\u{301} 🚀") == "東京 café e\u{301} 🚀")
    }
}

@Suite("Query scan against a naive sum")
struct ScanTests {
    @Test("the two-thread scan and the one-thread scan equal a naive sum over the cache columns",
          arguments: ["account", "service", "tag:team", "day", "month", "region"])
    func scan(by: String) throws {
        let (_, cache) = try Support.ingest([Support.repository + "/sample-data/aws-cur"])
        let period = PeriodSpec.last30Days.resolve(in: cache.dayRange!)
        let filters = [Filter("service!=AmazonEC2")!]
        let spec = QuerySpec(groupBy: CostDimension(by)!, filters: filters, period: period, comparison: nil, metric: .effective)
        let parallel = try QueryEngine(cache: cache, parallelRows: 1).run(spec)
        let serial = try QueryEngine(cache: cache, parallelRows: .max).run(spec)
        #expect(parallel.rows.sorted { $0.key < $1.key } == serial.rows.sorted { $0.key < $1.key })

        // Independent: walk every row, decode its key as a string, add up.
        var naive: [String: Int128] = [:]
        let services = cache.dictionary(.service)
        let effective = cache.measure(.effective)
        for row in 0..<cache.rowCount where period.contains(Day(index: cache.days[row])) {
            guard services[Int(cache.codes(.service)[row])] != "AmazonEC2" else { continue }
            let key: String
            switch by {
            case "day": key = Day(index: cache.days[row]).description
            case "month": key = Day(index: cache.days[row]).monthDescription
            case "tag:team":
                let keyIndex = cache.tagKeys.firstIndex(of: "team")!
                let value = cache.tagSets[Int(cache.tagSetCodes[row]) * cache.tagKeys.count + keyIndex]
                key = value == 0 ? "(untagged)" : cache.tagValues(keyIndex)[Int(value)]
            default:
                let dimension = FixedDimension(rawValue: by)!
                let code = Int(cache.codes(dimension)[row])
                key = code == 0 ? "(none)" : cache.dictionary(dimension)[code]
            }
            naive[key, default: 0] += Int128(effective[row])
        }
        #expect(Dictionary(uniqueKeysWithValues: parallel.rows.map { ($0.key, $0.cost) }) == naive)
    }
}

@Suite("Invalid UTF-8")
struct InvalidUTF8Tests {
    @Test("invalid bytes become visible \\xNN escapes; valid text is unchanged")
    func escapes() {
        #expect(TerminalSanitizer.decodeEscapingInvalidUTF8(Array("café 東京 🚀".utf8)) == "café 東京 🚀")
        #expect(TerminalSanitizer.decodeEscapingInvalidUTF8([0x63, 0x61, 0x66, 0xE9]) == "caf\\xe9")  // Latin-1 é
        #expect(TerminalSanitizer.decodeEscapingInvalidUTF8([0xC0, 0xAF]) == "\\xc0\\xaf")              // overlong
        #expect(TerminalSanitizer.decodeEscapingInvalidUTF8([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")   // surrogate
        #expect(TerminalSanitizer.decodeEscapingInvalidUTF8([0xE6, 0x9D]) == "\\xe6\\x9d")              // truncated
    }

    @Test("a Latin-1 value in an export is shown escaped, not replaced")
    func ingested() throws {
        let folder = Support.temporaryFolder()
        var bytes = Array("SubAccountId,ServiceName,ChargePeriodStart,BilledCost\nacct,Caf".utf8)
        bytes += [0xE9] + Array(",2024-09-01T00:00:00Z,1.00\n".utf8)
        let path = folder + "/latin1.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let (_, cache) = try Support.ingest([path])
        #expect(cache.dictionary(.service)[1] == "Caf\\xe9")
    }
}
