import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostIngest

/// What must survive cron jobs meeting manual runs, crashes and damaged files.
@Suite("Hardening")
struct HardeningTests {
    @Test("two ingests of one cache at once keep both files' line items")
    func concurrentIngests() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        var files: [String] = []
        for index in 0..<4 {
            // Each file its own service, so the cache shows which were kept.
            files.append(Support.write(minimalCUR.replacingOccurrences(of: "AmazonEC2", with: "Service\(index)"),
                                       to: folder, "in\(index)/cur.csv"))
        }
        let group = DispatchGroup()
        let statuses = StatusBox()
        for file in files {
            group.enter()
            DispatchQueue.global().async {
                let result = Support.costtop(["ingest", "--quiet", "--cache", cache, (file as NSString).deletingLastPathComponent])
                statuses.append(result.status, result.err)
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.values.allSatisfy { $0.0 == 0 }, "\(statuses.values)")
        let services = try totals(CacheFile(path: cache), by: .fixed(.service))
        #expect(Set(services.keys) == Set((0..<4).map { "Service\($0)" } + ["AmazonS3"]))
    }

    @Test("--no-wait fails at once with exit 75 naming the lock holder; the waiting ingest says it waits")
    func noWait() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let input = Support.write(minimalCUR, to: folder, "cur.csv")
        let lock = try CacheLock(cachePath: cache, wait: false)
        let refused = Support.costtop(["ingest", "--no-wait", "--cache", cache, input])
        #expect(refused.status == 75)
        #expect(refused.err.contains("locked by pid \(getpid())"))
        #expect(!FileManager.default.fileExists(atPath: cache))
        let waiting = Process()
        waiting.executableURL = URL(fileURLWithPath: Support.binary)
        waiting.arguments = ["ingest", "--quiet", "--cache", cache, input]
        let errors = Pipe()
        waiting.standardError = errors
        try waiting.run()
        Thread.sleep(forTimeInterval: 1.0)
        #expect(waiting.isRunning, "the second ingest must wait for the lock")
        lock.release()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("waiting for the ingest running as pid \(getpid())"))
        #expect(FileManager.default.fileExists(atPath: cache))
    }

    @Test("a path with no export is exit 66 and leaves the cache; --allow-empty accepts it")
    func nothingToRead() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let input = Support.write(minimalCUR, to: folder, "cur/cur.csv")
        #expect(Support.costtop(["ingest", "--quiet", "--cache", cache, input]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cache))
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        let empty = Support.costtop(["ingest", "--fresh", "--cache", cache, folder + "/empty"])
        #expect(empty.status == 66)
        #expect(empty.err.contains(folder + "/empty") && empty.err.contains("cache was left as it was"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before)
        let headerOnly = Support.write(minimalCUR.components(separatedBy: "\n")[0] + "\n", to: folder, "header/cur.csv")
        #expect(Support.costtop(["ingest", "--fresh", "--cache", cache, headerOnly]).status == 66)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before)
        let allowed = Support.costtop(["ingest", "--quiet", "--fresh", "--allow-empty", "--cache", cache, folder + "/empty"])
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(try CacheFile(path: cache).rowCount == 0)
    }

    @Test("kill -9 at random moments of an ingest: the cache is always the old or the new one, and the next ingest removes the leftovers")
    func killedIngests() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let old = Support.write(minimalCUR, to: folder, "old/cur.csv")
        #expect(Support.costtop(["ingest", "--quiet", "--cache", cache, old]).status == 0)
        let oldTotal = try totals(CacheFile(path: cache), by: .fixed(.provider))
        // A bill big enough that a kill lands in the read, the roll-up or the write.
        var big = "lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost,lineItem/ResourceId\n"
        for row in 0..<60_000 {
            big += "2024-03-\(String(format: "%02d", row % 28 + 1))T00:00:00Z,1111\(row % 50),Svc\(row % 40),Type\(row % 300),0.\(row % 1000),r-\(row)\n"
        }
        let newInput = Support.write(big, to: folder, "new/cur.csv")
        var generator = SeededGenerator(seed: 41)
        var outcomes: [String: Int] = [:]
        for _ in 0..<12 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Support.binary)
            process.arguments = ["ingest", "--quiet", "--fresh", "--resources", "--cache", cache, newInput]
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0.0...0.25, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let opened = try CacheFile(path: cache)
            let providers = try totals(opened, by: .fixed(.provider))
            if providers == oldTotal { outcomes["old", default: 0] += 1 } else {
                #expect(opened.rowCount > 1_000)
                outcomes["new", default: 0] += 1
                // Put the old cache back, so the next kill is judged the same way.
                #expect(Support.costtop(["ingest", "--quiet", "--fresh", "--cache", cache, old]).status == 0)
            }
        }
        #expect(Support.costtop(["ingest", "--quiet", "--cache", cache, old]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp.") }
        #expect(left.isEmpty, "leftovers: \(left), outcomes \(outcomes)")
    }

    @Test("queries while ingests replace the cache always answer, with the old or the new figures")
    func queriesDuringReplacement() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let a = Support.write(minimalCUR, to: folder, "a/cur.csv")
        let b = Support.write(minimalCUR.replacingOccurrences(of: "0.096", with: "0.500"), to: folder, "b/cur.csv")
        #expect(Support.costtop(["ingest", "--quiet", "--cache", cache, a]).status == 0)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/bin/sh")
        writer.arguments = ["-c", "for i in 1 2 3 4 5 6 7 8; do '\(Support.binary)' ingest --quiet --fresh --cache '\(cache)' '\(b)'; "
                            + "'\(Support.binary)' ingest --quiet --fresh --cache '\(cache)' '\(a)'; done"]
        try writer.run()
        var answers = 0
        while writer.isRunning || answers == 0 {
            let result = Support.costtop(["query", "--cache", cache, "--by", "service", "--period", "all", "--format", "csv"])
            #expect(result.status == 0, "\(result.err)")
            #expect(result.out.contains("AmazonEC2,,0.19") || result.out.contains("AmazonEC2,,1.00"), "\(result.out)")
            answers += 1
        }
        #expect(answers > 3)
    }

    @Test("the next ingest removes a dead writer's temporary file and keeps a live one's")
    func leftoversRemoved() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        // A pid that is not running: a child that has exited.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = folder + "/c.ctc.tmp.\(child.processIdentifier)"
        let live = folder + "/c.ctc.tmp.1"
        Support.write("half a cache", to: folder, "c.ctc.tmp.\(child.processIdentifier)")
        Support.write("another writer's", to: folder, "c.ctc.tmp.1")
        let input = Support.write(minimalCUR, to: folder, "cur.csv")
        let (summary, _) = try Support.ingest([input], cache: cache)
        #expect(summary.leftoversRemoved == [dead])
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
    }
}

@Suite("Hardening: clear answers at the edges")
struct EdgeAnswerTests {
    @Test("a cache with no line items answers every report with an empty result, exit 0")
    func emptyCache() throws {
        let folder = Support.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/none", withIntermediateDirectories: true)
        let cache = folder + "/c.ctc"
        #expect(Support.costtop(["ingest", "--quiet", "--allow-empty", "--cache", cache, folder + "/none"]).status == 0)
        for command in ["query", "overview", "coverage", "commitments", "anomalies"] {
            let result = Support.costtop([command, "--cache", cache] + (command == "overview" ? [] : ["--format", "json"]))
            #expect(result.status == 0, "\(command): \(result.err)")
        }
    }

    @Test("bad option values say what is wrong: --limit -1, an empty --cache")
    func optionMessages() {
        let limit = Support.costtop(["query", "--limit", "-1"])
        #expect(limit.status == 64 && limit.err.contains("--limit must be 0 or more"))
        let cache = Support.costtop(["query", "--cache", ""])
        #expect(cache.status == 64 && cache.err.contains("--cache needs a file name"))
    }

    @Test("--by resource on a cache ingested without --resources says why everything is (none)")
    func resourceHint() throws {
        let folder = Support.temporaryFolder()
        let input = Support.write(minimalCUR, to: folder, "cur.csv")
        let cache = folder + "/c.ctc"
        #expect(Support.costtop(["ingest", "--quiet", "--cache", cache, input]).status == 0)
        let plain = Support.costtop(["query", "--cache", cache, "--by", "resource", "--period", "all"])
        #expect(plain.status == 0 && plain.err.contains("ingested without --resources"))
        #expect(Support.costtop(["ingest", "--quiet", "--fresh", "--resources", "--cache", cache, input]).status == 0)
        #expect(!Support.costtop(["query", "--cache", cache, "--by", "resource", "--period", "all"]).err.contains("without --resources"))
    }
}

/// Results gathered from several threads.
final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(Int32, String)] = []
    func append(_ status: Int32, _ errors: String) { lock.withLock { stored.append((status, errors)) } }
    var values: [(Int32, String)] { lock.withLock { stored } }
}
