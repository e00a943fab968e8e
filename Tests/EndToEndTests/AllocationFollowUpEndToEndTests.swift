import Foundation
import CosttopTestSupport
import Testing

/// Categories in movers and anomalies, `--rules` on every command that reads a cache, and unit
/// costs in showback, as a user runs them; money reconciled against an independent Python
/// `decimal` computation of the same splits from the raw file.
@Suite("Allocation follow-up end to end", .serialized)
struct AllocationFollowUpEndToEndTests {
    static let rules = """
        categories:
          - name: team
            rules:
              - value: shared
                match: { account: AP }
              - inherit: tag:team
            default: unallocated
        splits:
          - { category: team, source: shared, targets: [data, web], method: proportional }
          - { category: team, source: unallocated, targets: [data, web], method: fixed, weights: { data: 2, web: 1 } }

        """

    /// Fourteen days of a FOCUS bill: the shared account AP, web (A1), data (A2) and an untagged
    /// account (A3), with costs that do not divide evenly; web's and data's own costs and the
    /// shared cost all change in the second week.
    static func bill() -> String {
        var lines = ["SubAccountId,ServiceName,ChargePeriodStart,BilledCost,EffectiveCost,ListCost,Tags"]
        func tags(_ team: String?) -> String { team.map { "\"{\"\"team\"\":\"\"\($0)\"\"}\"" } ?? "" }
        for day in 1...14 {
            let date = String(format: "2024-09-%02dT00:00:00Z", day)
            let late = day > 7
            let rows: [(String, String, Double, String?)] = [
                ("AP", "Network", (late ? 41.0 : 20.0) + Double(day) / 3, nil),
                ("A1", "EC2", (late ? 7.0 : 13.0) + Double(day % 3) * 1.1111111, "web"),
                ("A2", "Glue", (late ? 19.0 : 5.0) + Double(day % 4) * 0.7777777, "data"),
                ("A3", "S3", 3.3333333 + (late ? 6 : 0), nil),
            ]
            for (account, service, cost, team) in rows {
                let text = String(format: "%.7f", cost)
                lines.append("\(account),\(service),\(date),\(text),\(text),\(text),\(tags(team))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each team's cost per day after the splits, in Python `decimal`, printed as JSON
    /// `{team: {day: amount}}`: the independent side of every reconciliation here.
    static let oracle = #"""
        import csv, json, sys
        from decimal import Decimal, getcontext
        getcontext().prec = 50
        own = {}
        for row in csv.DictReader(open(sys.argv[1])):
            day = row["ChargePeriodStart"][:10]
            tags = json.loads(row["Tags"]) if row["Tags"] else {}
            team = "shared" if row["SubAccountId"] == "AP" else tags.get("team", "unallocated")
            own.setdefault(day, {}).setdefault(team, Decimal(0))
            own[day][team] += Decimal(row["BilledCost"])
        after = {}
        for day, teams in own.items():
            result = dict(teams)
            # shared: proportional to the targets' own positive cost that day.
            weights = {t: max(Decimal(0), teams.get(t, Decimal(0))) for t in ("data", "web")}
            total = sum(weights.values())
            if total > 0 and "shared" in teams:
                for t in weights: result[t] = result.get(t, Decimal(0)) + teams["shared"] * weights[t] / total
                result["shared"] = Decimal(0)
            # unallocated: fixed 2 : 1.
            if "unallocated" in teams:
                for t, w in (("data", 2), ("web", 1)):
                    result[t] = result.get(t, Decimal(0)) + teams["unallocated"] * w / 3
                result["unallocated"] = Decimal(0)
            for team, amount in result.items():
                after.setdefault(team, {})[day] = str(amount)
        print(json.dumps(after))
        """#

    func setUp() throws -> (folder: String, cache: String, rules: String, perDay: [String: [String: Decimal]]) {
        let folder = Support.temporaryFolder()
        let file = Support.write(Self.bill(), to: folder, "focus.csv")
        let cache = folder + "/c.ctc"
        let ingest = Support.costtop(["ingest", file, "--cache", cache, "--quiet"])
        #expect(ingest.status == 0, "\(ingest.err)")
        let script = Support.write(Self.oracle, to: folder, "oracle.py")
        let python = Support.run("/usr/bin/env", ["python3", script, file])
        #expect(python.status == 0, "\(python.err)")
        let parsed = try JSONSerialization.jsonObject(with: Data(python.out.utf8)) as! [String: [String: String]]
        let perDay = parsed.mapValues { $0.mapValues { Decimal(string: $0)! } }
        return (folder, cache, Support.write(Self.rules, to: folder, "rules.yaml"), perDay)
    }

    /// A team's cost over days `from...to` of September, rounded to the cent (half up, as the JSON).
    func cents(_ perDay: [String: [String: Decimal]], _ team: String, _ from: Int, _ to: Int) -> Decimal {
        var sum = Decimal(0)
        for day in from...to { sum += perDay[team]?[String(format: "2024-09-%02d", day)] ?? 0 }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &sum, 2, .plain)
        return rounded
    }

    /// `1234.5` as the table writes it: `1,234.50`.
    static func grouped(_ value: Decimal) -> String {
        let text = String(format: "%.2f", NSDecimalNumber(decimal: value).doubleValue)
        let parts = text.split(separator: ".")
        var digits = Array(parts[0]), result = ""
        while digits.count > 3 {
            result = "," + String(digits.suffix(3)) + result
            digits.removeLast(3)
        }
        return String(digits) + result + "." + parts[1]
    }

    func decimal(_ value: Any?) -> Decimal? {
        (value as? NSNumber).flatMap { Decimal(string: String(format: "%.2f", $0.doubleValue)) }
    }

    @Test("movers --by category:team: each team's now and before are Python's after splits; drivers add up to the delta")
    func movers() throws {
        let (_, cache, rules, perDay) = try setUp()
        let run = Support.costtop(["movers", "--cache", cache, "--rules", rules, "--by", "category:team", "--limit", "50",
                                   "--period", "2024-09-08..2024-09-14", "--compare", "2024-09-01..2024-09-07", "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as! [String: Any]
        let movers = object["movers"] as! [[String: Any]]
        let teams = movers.compactMap { (($0["path"] as? [[String: String]])?.first?["key"]) }
        #expect(Set(teams) == ["data", "web"], "\(run.out)")
        for mover in movers {
            let team = ((mover["path"] as! [[String: String]])[0])["key"]!
            #expect(decimal(mover["cost"]) == cents(perDay, team, 8, 14), "\(team) now")
            #expect(decimal(mover["previous"]) == cents(perDay, team, 1, 7), "\(team) before")
            let drivers = mover["drivers"] as! [[String: Any]]
            let sum = drivers.reduce(Decimal(0)) { $0 + decimal($1["amount"])! }
            #expect(sum == decimal(mover["delta"]), "\(team): \(drivers)")
            #expect(drivers.contains { $0["kind"] as? String == "allocation" }, "\(team): \(drivers)")
        }
        // The table names the allocation driver; a path below the category has an (allocated) step.
        let table = Support.costtop(["movers", "--cache", cache, "--rules", rules, "--by", "category:team,service",
                                     "--period", "2024-09-08..2024-09-14", "--compare", "2024-09-01..2024-09-07"])
        #expect(table.status == 0 && table.out.contains("allocation"), "\(table.out)\(table.err)")
        // Without the rules file, the step is a usage error naming what is missing.
        let missing = Support.costtop(["movers", "--cache", cache, "--by", "category:team"],
                                      environment: ["XDG_CONFIG_HOME": Support.temporaryFolder()])
        #expect(missing.status == 64 && missing.err.contains("no category \"team\""), "\(missing.err)")
    }

    @Test("showback --per orders: each team's unit cost is Python's total after splits over its orders")
    func showbackPerUnit() throws {
        let (folder, cache, rules, perDay) = try setUp()
        var metrics = "date,metric,value,category\n"
        for day in 1...14 {
            metrics += String(format: "2024-09-%02d,orders,%d,data\n", day, 10 + day)
            metrics += String(format: "2024-09-%02d,orders,%d\n", day, 50 + 2 * day)
        }
        let imported = Support.costtop(["metrics", "import", "--cache", cache, Support.write(metrics, to: folder, "m.csv")])
        #expect(imported.status == 0, "\(imported.err)")
        let run = Support.costtop(["showback", "--cache", cache, "--rules", rules, "--by", "category:team", "--per", "orders",
                                   "--period", "2024-09-08..2024-09-14", "--format", "json"])
        #expect(run.status == 0, "\(run.err)")
        let object = try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as! [String: Any]
        #expect(object["per"] as? String == "orders")
        let rows = Dictionary(uniqueKeysWithValues: (object["rows"] as! [[String: Any]]).map { ($0["value"] as! String, $0) })
        func volume(_ from: Int, _ to: Int, data: Bool) -> Decimal {
            (from...to).reduce(Decimal(0)) { $0 + Decimal(data ? 10 + $1 : 50 + 2 * $1) }
        }
        for (team, isData) in [("data", true), ("web", false)] {
            let row = try #require(rows[team])
            #expect(decimal(row["total"]) == cents(perDay, team, 8, 14))
            let perUnit = try #require(row["perUnit"] as? [String: Any])
            var unit = (0...6).reduce(Decimal(0)) { sum, offset in
                sum + (perDay[team]?[String(format: "2024-09-%02d", 8 + offset)] ?? 0)
            } / volume(8, 14, data: isData)
            // Two decimals from 1 up, four below (a cost per order can be a fraction of a cent).
            let places = unit >= 1 ? 2 : 4
            var rounded = Decimal()
            NSDecimalRound(&rounded, &unit, places, .plain)
            let written = (perUnit["unitCost"] as? NSNumber).flatMap { Decimal(string: String(format: "%.\(places)f", $0.doubleValue)) }
            #expect(written == rounded, "\(team): \(perUnit)")
            #expect(decimal(perUnit["volume"]) == volume(8, 14, data: isData))
            // The change splits into cost and volume growth: (1 + unit) = (1 + cost) ÷ (1 + volume).
            let unitChange = (perUnit["unitDeltaPct"] as! NSNumber).doubleValue
            let costChange = (perUnit["costGrowthPct"] as! NSNumber).doubleValue
            let volumeChange = (perUnit["volumeGrowthPct"] as! NSNumber).doubleValue
            #expect(abs((1 + costChange / 100) / (1 + volumeChange / 100) - 1 - unitChange / 100) < 0.0002)
        }
        // The table has the columns; without --per, the JSON has no perUnit.
        let table = Support.costtop(["showback", "--cache", cache, "--rules", rules, "--by", "category:team", "--per", "orders",
                                     "--period", "2024-09-08..2024-09-14"])
        #expect(table.out.contains("PER UNIT") && table.out.contains("VOLUME Δ %"), "\(table.out)")
        let plain = Support.costtop(["showback", "--cache", cache, "--rules", rules, "--by", "category:team", "--format", "json"])
        #expect(plain.status == 0 && !plain.out.contains("perUnit") && !plain.out.contains("\"per\""))
        let unknown = Support.costtop(["showback", "--cache", cache, "--rules", rules, "--by", "category:team", "--per", "visits"])
        #expect(unknown.status == 64 && unknown.err.contains("metrics: orders"), "\(unknown.err)")
    }

    @Test("--rules on overview, anomalies, alert, movers and explore; the default file under $XDG_CONFIG_HOME; a broken file is exit 64")
    func rulesEverywhere() throws {
        let (folder, cache, rules, perDay) = try setUp()
        let overview = Support.costtop(["overview", "--cache", cache, "--rules", rules, "--by", "category:team"])
        #expect(overview.status == 0 && overview.out.contains("CATEGORY:TEAM"), "\(overview.err)")
        // data's row: its cost over the fourteen days (all inside the last 30 days) as Python has it.
        let dataLine = overview.out.split(separator: "\n").first { $0.hasPrefix("data ") }.map(String.init) ?? ""
        #expect(dataLine.contains(Self.grouped(cents(perDay, "data", 1, 14))), "\(overview.out)")
        let anomalies = Support.costtop(["anomalies", "--cache", cache, "--rules", rules, "--where", "category:team=data", "--format", "json"])
        #expect(anomalies.status == 0, "\(anomalies.err)")
        let alert = Support.costtop(["alert", "--cache", cache, "--rules", rules, "--format", "json"])
        #expect(alert.status == 0 || alert.status == 10, "\(alert.err)")
        let bad = Support.write("categories:\n  - name: team\n    rulez: []\n", to: folder, "bad.yaml")
        for command in [["overview"], ["anomalies"], ["alert"], ["movers"], ["query"], ["showback", "--by", "category:team"]] {
            let result = Support.costtop(command + ["--cache", cache, "--rules", bad])
            #expect(result.status == 64 && result.err.contains("bad.yaml:3:5"), "\(command): \(result.status) \(result.err)")
            let help = Support.costtop(Array(command.prefix(1)) + ["--help"])
            #expect(help.out.contains("--rules"), "\(command)")
        }
        #expect(Support.costtop(["explore", "--help"]).out.contains("--per"))
        // The default file, found under $XDG_CONFIG_HOME by movers as by query.
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/costtop", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rules, toPath: config + "/costtop/rules.yaml")
        let movers = Support.costtop(["movers", "--cache", cache, "--by", "category:team", "--period", "2024-09-08..2024-09-14",
                                      "--compare", "2024-09-01..2024-09-07"], environment: ["XDG_CONFIG_HOME": config])
        #expect(movers.status == 0 && movers.out.contains("data"), "\(movers.err)")
    }
}
