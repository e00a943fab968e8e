import Foundation
import CosttopTestSupport
import Testing

/// `costtop forecast` and `costtop budgets` as a user runs them on the bundled sample bill
/// (2024-07-01..2024-09-28): the documented JSON fields, reconciliation with `query`, `--check`'s
/// exit codes and a broken budget's position.
@Suite("Forecast and budgets end to end", .serialized)
struct ForecastEndToEndTests {
    static let cache: String = {
        let cache = Support.temporaryFolder() + "/sample.ctc"
        let result = Support.costtop(["ingest", "--quiet", "--cache", cache, Support.repository + "/sample-data/aws-cur"])
        precondition(result.status == 0, result.err)
        return cache
    }()

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("forecast --format json: the documented fields in order; actual to date is query's month to date")
    func forecastJSON() throws {
        let result = Support.costtop(["forecast", "--cache", Self.cache, "--by", "service", "--limit", "5", "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix(#"{"month":"2024-09","asOf":"2024-09-28","actualToDate":"#))
        let document = try json(result.out)
        for key in ["month", "asOf", "actualToDate", "forecast", "lower", "upper", "level", "rows", "nextMonth"] {
            #expect(document[key] != nil, "\(key)")
        }
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.count == 6 && (rows.last?["key"] as? String)?.hasPrefix("(other ") == true)
        for row in rows {
            #expect(Set(["key", "actualToDate", "forecast", "lower", "upper"]).isSubset(of: Set(row.keys)))
        }
        let query = Support.costtop(["query", "--cache", Self.cache, "--by", "account", "--period", "mtd", "--format", "json"])
        let mtd = try #require((try json(query.out)["total"] as? [String: Any])?["cost"] as? Double)
        #expect(abs((document["actualToDate"] as? Double ?? 0) - mtd) < 0.005)
        let forecast = try #require(document["forecast"] as? Double)
        #expect(abs(rows.compactMap { $0["forecast"] as? Double }.reduce(0, +) - forecast) < 0.05)
        #expect((document["lower"] as? Double ?? .infinity) <= forecast && forecast <= (document["upper"] as? Double ?? 0))
    }

    @Test("forecast as a table and bad options")
    func forecastTable() {
        let table = Support.costtop(["forecast", "--cache", Self.cache])
        #expect(table.status == 0 && table.out.contains("FORECAST 2024-09") && table.out.contains("TOTAL"))
        #expect(Support.costtop(["forecast", "--cache", Self.cache, "--month", "2024-9x"]).status == 64)
        #expect(Support.costtop(["forecast", "--cache", Self.cache, "--level", "100"]).status == 64)
        #expect(Support.costtop(["forecast", "--cache", Self.cache, "--month", "2020-01"]).status == 64)
    }

    @Test("budgets --check: 10 with each crossed alert on stderr, 0 when none is; JSON rows; a bad file's position")
    func budgets() throws {
        let folder = Support.temporaryFolder()
        let crossed = Support.write("""
            budgets:
              - name: main-account
                filter: { account: "223344556677" }
                monthly: 5000
                alerts: [ { actual: 80 }, { forecast: 100 } ]
              - name: everything
                monthly: 100000
                alerts: [ { forecast: 90 } ]

            """, to: folder, "crossed.yaml")
        let result = Support.costtop(["budgets", "--cache", Self.cache, "--rules", crossed, "--check", "--format", "json"])
        #expect(result.status == 10, "\(result.err)")
        #expect(result.err.contains("budget main-account: actual") && result.err.contains("80% of 5000.00"))
        #expect(!result.err.contains("everything"))
        let rows = try #require(try json(result.out)["rows"] as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["exceeded", "ok"])
        for key in ["name", "amount", "actual", "forecast", "actualPct", "forecastPct", "status"] {
            #expect(rows[0][key] != nil, "\(key)")
        }
        let quiet = Support.write("budgets:\n  - name: everything\n    monthly: 100000\n    alerts: [ { forecast: 90 } ]\n",
                                  to: folder, "quiet.yaml")
        #expect(Support.costtop(["budgets", "--cache", Self.cache, "--rules", quiet, "--check"]).status == 0)
        let bad = Support.write("budgets:\n  - name: x\n    monthly: -5\n", to: folder, "bad.yaml")
        let broken = Support.costtop(["budgets", "--cache", Self.cache, "--rules", bad])
        #expect(broken.status == 64 && broken.err.contains("bad.yaml:3:14:"), "\(broken.err)")
    }
}
