import CosttopTestSupport
import Foundation
import Testing

/// Damaged and hostile JSON Lines files: each stops the ingest with an error naming the file and
/// the line, and the cache from before stays as it was.
@Suite("Hostile JSON Lines", .serialized)
struct HostileJSONLTests {
    static let good = #"{"billing_account_id":"B-1","service":{"description":"Compute Engine"},"sku":{"description":"Core"},"#
        + #""usage_start_time":"2024-09-01 00:00:00 UTC","project":{"id":"p-1"},"labels":[{"key":"env","value":"prod"}],"#
        + #""cost":1.5,"currency":"USD","credits":[{"amount":-0.25,"type":"SUSTAINED_USAGE_DISCOUNT"}]}"#

    /// (name, third line of the file, what the error must say)
    static let cases: [(String, String, String)] = [
        ("truncated line", String(good.dropLast(20)), "invalid JSON"),
        ("invalid JSON", good.replacingOccurrences(of: #""cost":1.5"#, with: #""cost":1.5.2"#), "invalid JSON"),
        ("a number as a string of letters", good.replacingOccurrences(of: #""cost":1.5"#, with: #""cost":"abc""#), "invalid amount"),
        ("an object where a number belongs", good.replacingOccurrences(of: #""cost":1.5"#, with: #""cost":{"a":1}"#),
         "expected a number, found an object"),
        ("a timestamp as a number", good.replacingOccurrences(of: #""2024-09-01 00:00:00 UTC""#, with: "20240901"),
         "expected a timestamp string"),
        ("labels as a number", good.replacingOccurrences(of: #"[{"key":"env","value":"prod"}]"#, with: "7"),
         "expected labels as an object or a list"),
        ("deep nesting", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
         "nested deeper than 64 levels"),
        ("deep nesting inside the object", #"{"cost":1,"x":"# + String(repeating: #"{"a":"#, count: 10_000) + "1"
            + String(repeating: "}", count: 10_001), "nested deeper than 64 levels"),
        ("a 100 MB line", #"{"cost":1,"pad":""# + String(repeating: "x", count: 100 << 20) + #""}"#, "line longer than"),
    ]

    @Test("each damage names the file and line 3; the earlier cache is untouched", arguments: cases.indices)
    func hostile(index: Int) throws {
        let (name, line, message) = Self.cases[index]
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let good = Support.write(Self.good + "\n", to: folder, "good.jsonl")
        #expect(Support.costtop(["ingest", good, "--cache", cache, "--quiet"]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cache))
        let bad = folder + "/bad.jsonl"
        try Data((Self.good + "\n" + Self.good + "\n" + line + "\n" + Self.good + "\n").utf8).write(to: URL(fileURLWithPath: bad))
        let result = Support.costtop(["ingest", bad, "--cache", cache])
        #expect(result.status != 0, "\(name)")
        #expect(result.err.contains("bad.jsonl:3"), "\(name): \(result.err.prefix(300))")
        #expect(result.err.contains(message), "\(name): \(result.err.prefix(300))")
        #expect(result.err.count < 2_000, "\(name): the message repeats the line")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before, "\(name)")
    }

    @Test("a good JSON Lines file: credits as their own charge category, labels as tags, gzip the same")
    func goodFile() throws {
        let folder = Support.temporaryFolder()
        let text = Self.good + "\n\n" + Self.good.replacingOccurrences(of: "p-1", with: "p-2") + "\r\n"
        let plain = Support.write(text, to: folder, "bill.jsonl")
        let zipped = folder + "/z/bill.jsonl.gz"
        #expect(Support.run("/bin/sh", ["-c", "mkdir -p '\(folder)/z' && gzip -c '\(plain)' > '\(zipped)'"]).status == 0)
        for (index, input) in [plain, zipped].enumerated() {
            let cache = folder + "/c\(index).ctc"
            #expect(Support.costtop(["ingest", input, "--cache", cache, "--quiet"]).status == 0)
            let byCategory = Support.costtop(["query", "--cache", cache, "--by", "charge-category", "--period", "all",
                                              "--compare", "none", "--format", "csv"]).out
            #expect(byCategory.contains("Usage,,3.00"))
            #expect(byCategory.contains("Credit,,-0.50"))
            let byTag = Support.costtop(["query", "--cache", cache, "--by", "tag:env", "--period", "all",
                                         "--compare", "none", "--format", "csv"]).out
            #expect(byTag.contains("prod,,2.50"))
        }
    }
}
