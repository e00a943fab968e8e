import Foundation
import CosttopTestSupport
import Testing

/// The allocation commands as a user runs them: `query --by category:NAME --rules`, `showback`,
/// `rules check`, and the default rules file under $XDG_CONFIG_HOME.
@Suite("Allocation end to end", .serialized)
struct AllocationEndToEndTests {
    static let rules = """
        categories:
          - name: team
            rules:
              - value: shared
                match: { account: ["111111111111"] }
            default: rest
        splits:
          - { category: team, source: shared, targets: [rest, other], method: even }

        """

    func setUp() -> (folder: String, cache: String, rules: String) {
        let folder = Support.temporaryFolder()
        let file = Support.write(minimalCUR, to: folder, "cur.csv")
        let cache = folder + "/c.ctc"
        #expect(Support.costtop(["ingest", file, "--cache", cache]).status == 0)
        return (folder, cache, Support.write(Self.rules, to: folder, "rules.yaml"))
    }

    @Test("query and showback split the shared account evenly; totals reconcile with the plain query")
    func queryAndShowback() throws {
        let (_, cache, rules) = setUp()
        let query = Support.costtop(["query", "--cache", cache, "--rules", rules, "--by", "category:team",
                                     "--period", "all", "--format", "csv"])
        #expect(query.status == 0, "\(query.err)")
        // 0.192 of EC2 in the shared account, split in two: 0.096 each; S3's 0.0015 stays in rest.
        #expect(query.out.contains("rest,,0.10,"))
        #expect(query.out.contains("other,,0.10,"))
        let showback = Support.costtop(["showback", "--cache", cache, "--rules", rules, "--by", "category:team",
                                        "--period", "all", "--format", "json"])
        #expect(showback.status == 0, "\(showback.err)")
        let object = try JSONSerialization.jsonObject(with: Data(showback.out.utf8)) as! [String: Any]
        let plain = Support.costtop(["query", "--cache", cache, "--by", "account", "--period", "all", "--format", "json"])
        let plainObject = try JSONSerialization.jsonObject(with: Data(plain.out.utf8)) as! [String: Any]
        #expect(object["total"] as? Double == (plainObject["total"] as? [String: Any])?["cost"] as? Double)
        let rows = object["rows"] as! [[String: Any]]
        let shared = try #require(rows.first { $0["value"] as? String == "shared" })
        #expect(shared["allocatedOut"] as? Double == 0.19 && shared["total"] as? Double == 0)
        let other = try #require(rows.first { $0["value"] as? String == "other" })
        let allocations = other["allocations"] as! [[String: Any]]
        #expect(allocations.first?["AllocatedMethodId"] as? String == "even")
        #expect(allocations.first?["AllocatedRatio"] as? String == "0.500000")
    }

    @Test("rules check: a bad file is named at line and column (exit 64); the default file is found; --against")
    func rulesCheck() throws {
        let (folder, cache, rules) = setUp()
        let bad = Support.write("categories:\n  - name: team\n    rules:\n      - vaule: x\n", to: folder, "bad.yaml")
        let failed = Support.costtop(["rules", "check", "--cache", cache, "--rules", bad])
        #expect(failed.status == 64)
        #expect(failed.err.contains("bad.yaml:4:9: categories[0].rules[0]: unknown setting \"vaule\""), "\(failed.err)")
        // The default rules file under $XDG_CONFIG_HOME.
        let config = folder + "/config"
        try FileManager.default.createDirectory(atPath: config + "/costtop", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: rules, toPath: config + "/costtop/rules.yaml")
        let old = Support.write("categories:\n  - name: team\n    default: everything\n", to: folder, "old.yaml")
        let check = Support.costtop(["rules", "check", "--cache", cache, "--period", "all", "--against", old],
                                    environment: ["XDG_CONFIG_HOME": config])
        #expect(check.status == 0, "\(check.err)")
        #expect(check.out.contains("rule 1 (value shared): 0.19 (99.2%)"), "\(check.out)")
        #expect(check.out.contains("default rest: 0.00 (0.8%) left unmatched"))
        #expect(check.out.contains("everything"))
        let missing = Support.costtop(["query", "--cache", cache, "--by", "category:team"],
                                      environment: ["XDG_CONFIG_HOME": folder + "/none"])
        #expect(missing.status == 64 && missing.err.contains("no category \"team\""))
    }

    @Test("--help of the allocation commands has examples; query lists category:NAME and --per", arguments: [
        ["showback"], ["rules", "check"], ["metrics", "import"], ["query"]])
    func help(command: [String]) {
        let result = Support.costtop(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("Examples:"), "\(command)")
        #expect(result.out.contains("--rules") || command == ["metrics", "import"], "\(command)")
        if command == ["query"] { #expect(result.out.contains("category:NAME") && result.out.contains("--per")) }
    }

    @Test("metrics import then query --per: unit cost per row, — without volume")
    func unitCosts() throws {
        let (folder, cache, rules) = setUp()
        let metrics = Support.write("date,metric,value,category\n2024-03,orders,31,rest\n", to: folder, "m.csv")
        let imported = Support.costtop(["metrics", "import", "--cache", cache, metrics])
        #expect(imported.status == 0, "\(imported.err)")
        let query = Support.costtop(["query", "--cache", cache, "--rules", rules, "--by", "category:team", "--period", "all",
                                     "--per", "orders", "--format", "csv"])
        #expect(query.status == 0, "\(query.err)")
        // rest: 0.0015 + 0.096 over 2 order-days (one a day in March, two days of data): 0.04875,
        // written with four decimals since it is under 1.
        #expect(query.out.contains("rest,0.10,2.00,0.048"), "\(query.out)")
        #expect(query.out.contains("other,0.10,,,"))
        let unknown = Support.costtop(["query", "--cache", cache, "--per", "visits"])
        #expect(unknown.status == 64 && unknown.err.contains("costtop metrics import"))
    }
}
