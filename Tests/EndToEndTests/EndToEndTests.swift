import Foundation
import CosttopTestSupport
import Testing

/// Drives the built `costtop` binary as a user or a script would.
@Suite("End to end", .serialized)
struct EndToEndTests {
    @Test("ingest then query: summary, JSON output, exit codes")
    func ingestAndQuery() throws {
        let folder = Support.temporaryFolder()
        let file = Support.write(minimalCUR, to: folder, "cur.csv")
        let cache = folder + "/c.ctc"
        let ingest = Support.costtop(["ingest", file, "--cache", cache])
        #expect(ingest.status == 0)
        #expect(ingest.out.contains("3 line items, 0 rejected"))
        #expect(ingest.out.contains("total USD     billed 0.19, effective 0.19"))
        #expect(ingest.err.isEmpty, "no progress output when stderr is not a terminal")
        #expect(!ingest.out.contains("phase"))
        let timed = Support.costtop(["ingest", file, "--cache", cache, "--fresh", "--timings"])
        let phases = timed.out.split(separator: "\n").filter { $0.hasPrefix("phase") }
        #expect(phases.map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
                == ["find", "lock", "read", "merge", "write", "summarize"])
        let query = Support.costtop(["query", "--by", "service", "--period", "all", "--format", "json"],
                                    environment: ["COSTTOP_CACHE": cache])
        #expect(query.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(query.out.utf8)) as! [String: Any]
        #expect((object["rows"] as! [[String: Any]]).map { $0["key"] as! String } == ["AmazonEC2", "AmazonS3"])
        #expect(object["currency"] as? String == "USD")
    }

    @Test("on a terminal, ingest shows one progress line for the whole read and erases it before the summary")
    func progressOnTerminal() throws {
        let folder = Support.temporaryFolder()
        let file = Support.write(minimalCUR, to: folder, "cur.csv")
        // `script` runs the command on a pseudo-terminal and copies everything it writes.
        let command = "\(Support.binary) ingest \(file) --cache \(folder)/c.ctc"
        let result = Support.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"])
        #expect(result.status == 0)
        #expect(result.out.contains("\r\u{1b}[Kreading 1 file  "), "\(result.out.debugDescription)")
        #expect(result.out.contains("3 line items"))
        // The last progress line (reading, or writing the cache when that took long enough to show)
        // is erased before the summary starts.
        #expect(result.out.contains("line items\r\u{1b}[Kfiles ") || result.out.contains(" rows\r\u{1b}[Kfiles "),
                "\(result.out.debugDescription)")
    }

    @Test("exit codes: 64 bad usage, 65 bad data, 66 missing input")
    func exitCodes() {
        let folder = Support.temporaryFolder()
        #expect(Support.costtop(["query", "--by", "nonsense", "--cache", folder + "/c.ctc"]).status == 64)
        let missingCache = Support.costtop(["query", "--cache", folder + "/none.ctc"])
        #expect(missingCache.status == 66)
        #expect(missingCache.err.contains("costtop ingest"))
        #expect(Support.costtop(["ingest", folder + "/nothing-here", "--cache", folder + "/c.ctc"]).status == 66)
        let bad = Support.write("lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost\n2024-02-30,1,A,B,1\n", to: folder, "bad.csv")
        let result = Support.costtop(["ingest", bad, "--cache", folder + "/c.ctc"])
        #expect(result.status == 65)
        #expect(result.err.contains("bad.csv:2: column 1 (lineItem/UsageStartDate): invalid date: no such date"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/c.ctc"))
    }

    @Test("every subcommand has --help with examples")
    func help() {
        for command in ["ingest", "query", "overview", "explore"] {
            let result = Support.costtop([command, "--help"])
            #expect(result.status == 0)
            #expect(result.out.contains("Examples:"), "\(command)")
        }
    }

    @Test("costtop with no arguments builds the cache from sample-data and prints the accounts")
    func overview() throws {
        let folder = Support.temporaryFolder()
        let result = Support.costtop([], environment: ["COSTTOP_CACHE": folder + "/d.ctc",
                                                       "COSTTOP_SAMPLE_DATA": Support.repository + "/sample-data/aws-cur"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.contains("built it from the sample data"))
        #expect(result.out.contains("ACCOUNT") && result.out.contains("TOTAL"))
    }
}
