import Foundation
import CosttopTestSupport
import Testing

/// The report's Forecast and Budgets sections as a process on the bundled sample bill: their
/// figures are what `costtop forecast --as-of` and `costtop budgets --as-of` (the period's last day)
/// say for the same cache and rules file, the budgets of a hand-made rules file come out with one of
/// each status, and the text stays within 80 columns.
@Suite("Report budgets and forecast end to end", .serialized)
struct ReportBudgetsForecastEndToEndTests {
    static let cache = ReportEndToEndTests.cache
    /// The last day of the default period (`last-30d`) of the sample bill.
    static let asOf = "2024-09-28"

    /// The pipe table under the Markdown heading `## title` whose header starts with `first`:
    /// cells per row, Markdown escapes, bold, thousands separators and percent signs removed.
    static func markdownTable(_ markdown: String, section title: String, header first: String) -> [[String]] {
        guard let start = markdown.range(of: "## \(title)\n") else { return [] }
        let rest = markdown[start.upperBound...]
        let body = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        let lines = body.split(separator: "\n").map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| \(first) |") }) else { return [] }
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { cell in
                cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "**", with: "")
                    .replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")
            }
        }
    }

    /// A JSON figure (a number to 0.01) as the report's tables write it, without separators.
    static func figure(_ value: Any?) -> String {
        (value as? NSNumber).map { String(format: "%.2f", $0.doubleValue) } ?? "?"
    }

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = Support.costtop(arguments + ["--cache", cache, "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        return try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: Any]
    }

    @Test("the Forecast section's rows and total are `costtop forecast --as-of` of the period's last day, to the cent")
    func forecastMatchesSubcommand() throws {
        let report = Support.costtop(["report", "--cache", Self.cache])
        #expect(report.status == 0, "\(report.err)")
        let rows = Self.markdownTable(report.out, section: "Forecast", header: "service")
        let forecast = try Self.json(["forecast", "--by", "service", "--limit", "8", "--as-of", Self.asOf])
        let expected = (forecast["rows"] as! [[String: Any]]).map { row in
            [(row["key"] as! String) + ((row["name"] as? String).map { " (\($0))" } ?? ""), Self.figure(row["actualToDate"]), Self.figure(row["forecast"]),
             Self.figure(row["lower"]), Self.figure(row["upper"]), Self.figure((row["nextMonth"] as! [String: Any])["forecast"])]
        } + [["TOTAL", Self.figure(forecast["actualToDate"]), Self.figure(forecast["forecast"]), Self.figure(forecast["lower"]),
              Self.figure(forecast["upper"]), Self.figure((forecast["nextMonth"] as! [String: Any])["forecast"])]]
        #expect(rows.count == 10, "8 services, the folded rest and the total")
        #expect(rows == expected)
        #expect(forecast["month"] as? String == "2024-09" && forecast["asOf"] as? String == Self.asOf)
    }

    @Test("the Budgets section shows exceeded, at-risk and ok budgets exactly as `costtop budgets --as-of` does, with burn-downs")
    func budgetsMatchSubcommand() throws {
        let folder = Support.temporaryFolder()
        func rules(atRisk amount: String) -> String {
            Support.write("""
                categories:
                  - name: team
                    rules:
                      - value: storage
                        match: { service: [AmazonS3, AmazonCloudFront] }
                    default: other
                budgets:
                  - name: everything
                    monthly: 1000000
                    alerts: [ { forecast: 90 } ]
                  - name: ec2
                    filter: { service: AmazonEC2 }
                    monthly: 10
                    alerts: [ { actual: 80 }, { forecast: 100 } ]
                  - name: storage-team
                    filter: { "category:team": storage }
                    monthly: \(amount)
                    alerts: [ { actual: 80 }, { forecast: 100 } ]
                  - name: s3-and-athena
                    filter: { service: [AmazonS3, AmazonAthena] }
                    monthly: 1000000

                """, to: folder, "rules.yaml")
        }
        // An amount between the storage team's actual and its forecast puts it at risk.
        let probe = try Self.json(["budgets", "--rules", rules(atRisk: "1"), "--as-of", Self.asOf])
        let storage = try #require((probe["rows"] as! [[String: Any]]).first { $0["name"] as? String == "storage-team" })
        let actual = Decimal(string: Self.figure(storage["actual"]))!, forecast = Decimal(string: Self.figure(storage["forecast"]))!
        #expect(forecast > actual + 2, "September is not complete on \(Self.asOf)")
        let path = rules(atRisk: "\(NSDecimalNumber(decimal: actual + 1).stringValue)")

        let budgets = try Self.json(["budgets", "--rules", path, "--as-of", Self.asOf])
        let expected = (budgets["rows"] as! [[String: Any]]).map { row in
            [row["name"] as! String, Self.figure(row["amount"]), Self.figure(row["actual"]), Self.figure(row["actualPct"]),
             Self.figure(row["forecast"]), Self.figure(row["forecastPct"]), row["status"] as! String]
        }
        let alerts = (budgets["rows"] as! [[String: Any]]).compactMap { row in
            let crossed = row["alerts"] as! [String]
            return crossed.isEmpty ? nil : "- \(row["name"] as! String): " + crossed.joined(separator: ", ")
        }
        #expect(expected.map { $0[6] } == ["ok", "exceeded", "at-risk", "ok"])
        let report = Support.costtop(["report", "--cache", Self.cache, "--rules", path])
        #expect(report.status == 0, "\(report.err)")
        let rows = Self.markdownTable(report.out, section: "Budgets", header: "budget")
        #expect(rows == expected)
        #expect(alerts == ["- ec2: actual 80%, forecast 100%", "- storage-team: actual 80%, forecast 100%"])
        for alert in alerts { #expect(report.out.contains("\n" + alert + "\n"), "\(alert)") }
        // One burn-down per budget (four, the most at risk first), the same in HTML as SVG.
        let charts = report.out.components(separatedBy: "**Burn-down of ").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(charts == ["ec2", "storage-team", "everything", "s3-and-athena"],
                "\(charts)")
        let html = Support.costtop(["report", "--cache", Self.cache, "--rules", path, "--format", "html"])
        #expect(html.status == 0 && html.out.components(separatedBy: "<svg ").count == 3 + 4, "daily, waterfall, 4 burn-downs")
        let text = Support.costtop(["report", "--cache", Self.cache, "--rules", path, "--format", "text"])
        #expect(text.status == 0 && text.out.contains("Budgets") && text.out.contains("Forecast"))
        for line in text.out.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        // Reproducible with budgets too.
        #expect(Support.costtop(["report", "--cache", Self.cache, "--rules", path, "--format", "html"]).out == html.out)
    }

    @Test("no budgets in the rules file: no Budgets section; a report of a past month forecasts a complete month")
    func withoutBudgets() throws {
        let report = Support.costtop(["report", "--cache", Self.cache, "--period", "last-month"])
        #expect(report.status == 0, "\(report.err)")
        #expect(!report.out.contains("## Budgets") && report.out.contains("## Forecast"))
        #expect(report.out.contains("2024-08 is complete in the period"), "\(report.out)")
    }
}
