import CostCache
import CostEngine
import CostModel
import CostReports
import Foundation
import CosttopTestSupport
import Testing
@testable import CostViews

/// Every subcommand's output in every format on the bundled sample data: JSON fields as documented,
/// CSV and Markdown carrying the same figures, the explorer's export rounding like the CLI.
@Suite("Report writers", .serialized)
struct ReportWriterTests {
    static let cachePath: String = {
        let path = Support.temporaryFolder() + "/sample.ctc"
        _ = try! Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: path)
        return path
    }()

    func run(_ arguments: [String]) -> String {
        let result = Support.costtop(arguments + ["--cache", Self.cachePath])
        #expect(result.status == 0, "\(arguments): \(result.err)")
        return result.out
    }

    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run(arguments + ["--format", "json"]).utf8))
    }

    /// A CSV cell and a JSON value hold the same figure (both rounded from the same text), or are
    /// both absent.
    func same(_ cell: String?, _ value: Any?, _ context: String) {
        // (On Linux a JSON 0 or 1 also casts to Bool, so figures are recognized by the CSV cell.)
        if let cell, Double(cell) != nil, let number = (value as? Double) ?? (value as? Int).map(Double.init) {
            #expect(Double(cell) == number, "\(context): CSV \(cell) vs JSON \(number)")
        } else if value is NSNull {
            #expect(cell == "", "\(context): CSV \(cell ?? "nil") vs JSON null")
        } else {
            #expect(cell == "\(value ?? "nil")", "\(context)")
        }
    }

    /// Data lines of a Markdown table (header, rule and rows), after checking the heading.
    func markdownRows(_ text: String) -> [[String]] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix("### ") == true)
        let table = lines.filter { $0.hasPrefix("|") }
        #expect(table.count >= 2 && table[1].allSatisfy { "|-:".contains($0) })
        return table.map { line in
            line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
        }
    }

    // MARK: - JSON fields as documented

    @Test("every --format json output has exactly the documented fields, in the documented order")
    func documentedFields() throws {
        // README.md "Usage" (query), docs/commitments.md "Output", docs/anomalies.md.
        let query = try json(["query", "--by", "service"]) as! [String: Any]
        #expect(Set(query.keys) == ["by", "from", "to", "compareFrom", "compareTo", "metric", "currency", "filters",
                                    "total", "otherCurrencies", "rows"])
        #expect(Set((query["total"] as! [String: Any]).keys) == ["cost", "previous"])
        for row in query["rows"] as! [[String: Any]] {
            #expect(Set(row.keys).subtracting(["name"]) == ["key", "cost", "previous", "delta", "deltaPct", "share"])
        }
        let text = run(["query", "--by", "service", "--format", "json"])
        let order = ["\"by\"", "\"from\"", "\"to\"", "\"compareFrom\"", "\"compareTo\"", "\"metric\"", "\"currency\"",
                     "\"filters\"", "\"total\"", "\"otherCurrencies\"", "\"rows\""].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
        #expect(text.contains(#""previous":"#) && text.range(of: #"\.\d\d[,}]"#, options: .regularExpression) != nil)

        let coverage = try json(["coverage", "--by", "account"]) as! [String: Any]
        #expect(Set(coverage.keys) == ["by", "from", "to", "currency", "total", "effectiveSavingsRate", "rows"])
        let coverageFields: Set = ["coveredCost", "eligibleCost", "coverage", "onDemandCost", "coveredHours", "eligibleHours",
                                   "hoursCoverage"]
        #expect(Set((coverage["total"] as! [String: Any]).keys) == coverageFields)
        for row in coverage["rows"] as! [[String: Any]] {
            #expect(Set(row.keys).subtracting(["name"]) == coverageFields.union(["key"]))
        }

        let commitments = try json(["commitments"]) as! [String: Any]
        #expect(Set(commitments.keys) == ["from", "to", "currency", "total", "byType", "rows"])
        #expect(Set((commitments["total"] as! [String: Any]).keys) == ["totalCommitment", "used", "unused", "utilization"])
        for type in commitments["byType"] as! [[String: Any]] {
            #expect(Set(type.keys) == ["type", "totalCommitment", "used", "unused", "utilization"])
        }
        let commitmentRows = commitments["rows"] as! [[String: Any]]
        #expect(!commitmentRows.isEmpty)
        for row in commitmentRows {
            #expect(Set(row.keys) == ["id", "type", "totalCommitment", "used", "unused", "utilization", "accountsCovered"])
        }

        let anomalies = try json(["anomalies"]) as! [[String: Any]]
        #expect(!anomalies.isEmpty)
        for anomaly in anomalies {
            #expect(Set(anomaly.keys) == ["start", "end", "ongoing", "path", "kind", "expected", "actual", "impact", "impactPct",
                                          "score", "rootCauses", "history", "alsoSeenAs"])
            for step in anomaly["path"] as! [[String: Any]] { #expect(Set(step.keys) == ["dimension", "key"]) }
            for cause in anomaly["rootCauses"] as! [[String: Any]] { #expect(Set(cause.keys) == ["dimension", "key", "impact"]) }
        }
        #expect(anomalies.contains { $0["impactPct"] is NSNull }, "new spend has no relative impact")
    }

    // MARK: - CSV and Markdown carry the JSON's figures

    @Test("query: CSV parses back to the JSON's figures; Markdown has a row per CSV record")
    func queryFormats() throws {
        let arguments = ["query", "--by", "usage-type", "--limit", "12"]
        let object = try json(arguments) as! [String: Any]
        let rows = object["rows"] as! [[String: Any]]
        let records = CSVRecords.objects(run(arguments + ["--format", "csv"]))
        #expect(records.count == rows.count + 1)
        for (record, row) in zip(records, rows) {
            for (field, key) in [("key", "key"), ("cost", "cost"), ("previous", "previous"), ("delta", "delta"),
                                 ("delta_pct", "deltaPct"), ("share", "share")] {
                same(record[field], row[key], "query \(row["key"]!) \(key)")
            }
        }
        let total = object["total"] as! [String: Any]
        #expect(records.last?["key"] == "TOTAL")
        same(records.last?["cost"], total["cost"], "query total")
        same(records.last?["previous"], total["previous"], "query previous total")

        let markdown = markdownRows(run(arguments + ["--format", "markdown"]))
        #expect(markdown.count == 2 + records.count)
        #expect(markdown[0] == ["usage-type", "cost", "previous", "delta", "delta %", "share"])
        // Same figures, grouping commas and % signs aside (the TOTAL's delta % is in the table only).
        for (cells, record) in zip(markdown.dropFirst(2), records) {
            let figures = cells.dropFirst().map { $0.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "") }
            for (figure, field) in zip(figures, ["cost", "previous", "delta", "delta_pct", "share"]) where record[field] != "" {
                #expect(Double(figure) == Double(record[field]!), "\(cells) \(field)")
            }
        }
    }

    @Test("coverage: CSV parses back to the JSON's figures, total last; Markdown has a row per CSV record")
    func coverageFormats() throws {
        let object = try json(["coverage", "--by", "account"]) as! [String: Any]
        let rows = (object["rows"] as! [[String: Any]]) + [object["total"] as! [String: Any]]
        let records = CSVRecords.objects(run(["coverage", "--by", "account", "--format", "csv"]))
        #expect(records.count == rows.count)
        for (record, row) in zip(records, rows) {
            for (field, key) in [("covered_cost", "coveredCost"), ("eligible_cost", "eligibleCost"), ("coverage", "coverage"),
                                 ("on_demand_cost", "onDemandCost"), ("covered_hours", "coveredHours"),
                                 ("eligible_hours", "eligibleHours"), ("hours_coverage", "hoursCoverage")] {
                same(record[field], row[key], "coverage \(record["key"]!) \(key)")
            }
        }
        #expect(records.last?["key"] == "TOTAL")
        #expect(markdownRows(run(["coverage", "--by", "account", "--format", "markdown"])).count == 2 + records.count)
    }

    @Test("commitments: CSV parses back to the JSON's figures; Markdown adds the per-type and total rows of the table")
    func commitmentFormats() throws {
        let object = try json(["commitments"]) as! [String: Any]
        let rows = object["rows"] as! [[String: Any]]
        let records = CSVRecords.objects(run(["commitments", "--format", "csv"]))
        #expect(records.count == rows.count)
        for (record, row) in zip(records, rows) {
            for (field, key) in [("id", "id"), ("type", "type"), ("total_commitment", "totalCommitment"), ("used", "used"),
                                 ("unused", "unused"), ("utilization", "utilization"), ("accounts_covered", "accountsCovered")] {
                same(record[field], row[key], "commitment \(row["id"]!) \(key)")
            }
        }
        let types = (object["byType"] as! [[String: Any]]).count
        let markdown = markdownRows(run(["commitments", "--format", "markdown"]))
        #expect(markdown.count == 2 + rows.count + (types > 1 ? types : 0) + 1)
        #expect(markdown.last?.first == "TOTAL")
    }

    @Test("anomalies: CSV parses back to the JSON's figures; Markdown has a row per anomaly")
    func anomalyFormats() throws {
        let anomalies = try json(["anomalies"]) as! [[String: Any]]
        let records = CSVRecords.objects(run(["anomalies", "--format", "csv"]))
        #expect(records.count == anomalies.count)
        for (record, anomaly) in zip(records, anomalies) {
            for key in ["start", "end", "kind", "expected", "actual", "impact", "score"] {
                same(record[key], anomaly[key], "anomaly \(key)")
            }
            same(record["impact_pct"], anomaly["impactPct"], "anomaly impactPct")
            #expect(record["ongoing"] == ((anomaly["ongoing"] as! Bool) ? "true" : "false"))
            #expect(record["ongoing"] == "true" || record["end"]! < anomalies.map { $0["end"] as! String }.max()!)
            let path = (anomaly["path"] as! [[String: Any]]).map { "\($0["dimension"]!)=\($0["key"]!)" }.joined(separator: " > ")
            #expect(record["path"] == path)
        }
        #expect(markdownRows(run(["anomalies", "--format", "markdown"])).count == 2 + anomalies.count)
    }

    // MARK: - The explorer's export

    @Test("the explorer's export rounds like `costtop query --format csv` for the same view", arguments: [
        ([String](), ["--by", "account"]),
        (["by service", "where account=223344556677"], ["--by", "service", "--where", "account=223344556677"]),
    ])
    func exportMatchesQuery(commands: [String], arguments: [String]) throws {
        let explorer = try Explorer(cache: CacheFile(path: Self.cachePath), cacheName: "sample.ctc")
        for command in commands { _ = explorer.runCommandLine(command) }
        let folder = Support.temporaryFolder()
        _ = explorer.runCommandLine("export \(folder)/view.csv")
        let exported = try String(contentsOfFile: folder + "/view.csv", encoding: .utf8).split(separator: "\n")
        let queried = run(["query"] + arguments + ["--format", "csv"]).split(separator: "\n")
        #expect(exported.count > 2)
        // The export has no TOTAL row (a `/` filter may hide rows); everything else is identical.
        #expect(Array(queried.dropLast()) == exported)
        _ = explorer.runCommandLine("export \(folder)/view.md")
        let markdown = markdownRows(try String(contentsOfFile: folder + "/view.md", encoding: .utf8))
        #expect(markdown.count == 2 + exported.count - 1)
    }

    // MARK: - Writers on hostile data

    @Test("data strings: CSV guards formulas, tables and Markdown sanitize, Markdown escapes pipes, JSON escapes controls")
    func hostileStrings() throws {
        let spec = QuerySpec(groupBy: .fixed(.service), period: DayRange(from: Day("2024-09-01")!, to: Day("2024-09-07")!),
                             comparison: nil)
        let rows = [QueryRow(key: "=cmd|' /C calc'!A0\u{1b}[2J", name: nil, cost: 2_005_000_000, previous: 0, isMissing: false),
                    QueryRow(key: "-5 + 3", name: "a|b\u{202e}", cost: 1_000_000_000, previous: 0, isMissing: false)]
        let result = QueryResult(spec: spec, currency: "USD", otherCurrencies: [], total: 3_005_000_000, previousTotal: 0, rows: rows)
        let output = QueryOutput(QueryReport(result, sort: .cost, limit: nil))
        let csv = CSVRecords.parse(output.render(as: .csv, sanitize: false))
        #expect(csv[1][0] == "'=cmd|' /C calc'!A0\u{1b}[2J" && csv[2][0] == "'-5 + 3" && csv[1][2] == "2.01")
        #expect(CSVRecords.parse(output.render(as: .csv, sanitize: true))[1][0] == "'=cmd|' /C calc'!A0\\x1b[2J")
        let table = output.render(as: .table, sanitize: false)
        #expect(!table.contains("\u{1b}") && !table.contains("\u{202e}") && table.contains("a|b\\u202e"))
        let markdown = output.render(as: .markdown, sanitize: false)
        #expect(!markdown.contains("\u{1b}") && markdown.contains("| -5 + 3 | a\\|b\\u202e | 1.00 |"))
        #expect(markdownRows(markdown).enumerated().allSatisfy { $0.offset == 1 || $0.element.count == 4 }, "no cell split by a pipe in the data:\n\(markdown)")
        let json = output.render(as: .json, sanitize: false)
        #expect(json.contains(#""key":"=cmd|' /C calc'!A0\u001b[2J""#) && json.contains(#""name":"a|b"#))
        let decoded = try JSONDecoder().decode(QueryDocument.self, from: Data(json.utf8))
        #expect(decoded.rows.map(\.key) == rows.map(\.key) && decoded.rows[0].cost.value == 2.01 && decoded.rows[0].deltaPct.value == nil)
    }
}
