import CostCache
import CostEngine
import CostModel
import CosttopTestSupport
import Foundation
import Testing
@testable import CostIngest

/// Parquet through the reader seam: the same bill as CSV and as Parquet (written by pyarrow, as AWS
/// Data Exports write CUR 2.0 and FOCUS) gives identical answers; damaged files are clear errors.
@Suite("Parquet ingest")
struct ParquetIngestTests {
    /// The sample bill's current CSV files (those its manifests name).
    private static func currentSampleFiles() throws -> [String] {
        let discovered = try SourceDiscovery.discover([Support.repository + "/sample-data/aws-cur"])
        return discovered.files
    }

    /// Runs a Python script (pyarrow; CI installs it through scripts/setup.sh).
    private static func python(_ arguments: [String]) {
        let result = Support.run("/usr/bin/env", ["python3"] + arguments)
        #expect(result.status == 0, "python3 \(arguments): \(result.err)")
    }

    /// Every dimension and metric of a cache, as query answers: `dimension metric key` → nano-units.
    private static func answers(_ cache: CacheFile) throws -> [String: Int128] {
        let range = try #require(cache.dayRange)
        var answers: [String: Int128] = [:]
        let dimensions = FixedDimension.allCases.filter { $0 != .source }.map(CostDimension.fixed)
            + cache.tagKeys.map(CostDimension.tag) + [.day]
        for dimension in dimensions {
            for metric in [Metric.billed, .effective, .list] {
                let result = try QueryEngine(cache: cache).run(QuerySpec(groupBy: dimension, period: range, comparison: nil, metric: metric))
                for row in result.rows { answers["\(dimension) \(metric) \(row.key)"] = row.cost }
            }
        }
        let analysis = CommitmentAnalysis(cache: cache)
        for row in try analysis.commitments(filters: [], period: range) {
            answers["commitment used \(row.id)"] = row.used
            answers["commitment total \(row.id)"] = row.totalCommitment
        }
        for row in try analysis.coverage(by: .fixed(.service), filters: [], period: range).rows {
            answers["coverage covered \(row.key)"] = row.coveredCost
            answers["coverage eligible \(row.key)"] = row.eligibleCost
        }
        return answers
    }

    /// The same keys, and every figure within `tolerance` nano-units of the other's.
    private static func expectSame(_ a: [String: Int128], _ b: [String: Int128], tolerance: Int128 = 0,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(Set(a.keys) == Set(b.keys), sourceLocation: sourceLocation)
        for (key, value) in a {
            guard let other = b[key] else { continue }
            if abs(value - other) > tolerance {
                Issue.record("\(key): \(value) vs \(other)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    @Test("the sample bill as CUR 2.0 Parquet (snappy, zstd, gzip, no compression; dictionary on and off; pages v1 and v2) answers like its CSV",
          arguments: [("snappy", "1.0", true), ("zstd", "2.0", false), ("gzip", "1.0", false), ("none", "2.0", true), ("lz4", "1.0", true)])
    func curParquetMatchesCSV(codec: String, pages: String, dictionary: Bool) throws {
        let folder = Support.temporaryFolder()
        for (index, file) in try Self.currentSampleFiles().enumerated() {
            Self.python([Support.repository + "/scripts/cur-to-parquet.py", file, "\(folder)/parquet/part-\(index).parquet",
                         "--codec", codec, "--row-group", "3000", "--data-page-version", pages] + (dictionary ? [] : ["--no-dictionary"]))
        }
        let (parquetSummary, parquet) = try Support.ingest([folder + "/parquet"]) { $0.workerThreads = 2; $0.chunkBytes = 64 << 10 }
        let (csvSummary, csv) = try Support.ingest([Support.repository + "/sample-data/aws-cur"])
        #expect(parquetSummary.lineItems == csvSummary.lineItems)
        // CUR 2.0 writes amounts as DOUBLE: each rounds half-even to the nano-unit, and a text amount
        // with more than nine decimals can round the other way on a tie, so a figure may differ by
        // at most one nano-unit per line item (0.000035 here), never by a cent.
        Self.expectSame(try Self.answers(parquet), try Self.answers(csv), tolerance: Int128(csvSummary.lineItems))
    }

    @Test("FOCUS in Parquet (decimal costs, timestamps, a Tags map) answers like the FOCUS CSV")
    func focusParquetMatchesCSV() throws {
        let folder = Support.temporaryFolder()
        let sources = try FileManager.default.contentsOfDirectory(atPath: Support.repository + "/sample-data/focus")
            .filter { $0.hasSuffix(".csv.gz") }.sorted().map { Support.repository + "/sample-data/focus/" + $0 }
        Self.python([Support.repository + "/scripts/focus-to-parquet.py", folder + "/parquet"] + sources)
        let (_, parquet) = try Support.ingest([folder + "/parquet"])
        let (_, csv) = try Support.ingest([Support.repository + "/sample-data/focus"])
        // FOCUS costs as DECIMAL: exact, so identical to the nano-unit.
        Self.expectSame(try Self.answers(parquet), try Self.answers(csv))
    }

    @Test("damaged Parquet files are clear errors naming the file, and the previous cache is untouched")
    func hostileFiles() throws {
        let folder = Support.temporaryFolder()
        let cache = folder + "/c.ctc"
        let (_, _) = try Support.ingest([Support.write(minimalCUR, to: folder, "ok.csv")], cache: cache)
        let before = try Data(contentsOf: URL(fileURLWithPath: cache))
        let good = folder + "/good.parquet"
        Self.python([Support.repository + "/scripts/cur-to-parquet.py", try #require(Self.currentSampleFiles().first), good,
                     "--row-group", "2000"])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        var cases: [(String, [UInt8], String)] = [
            ("only-magic", Array("PAR1".utf8), "only the magic"),
            ("bad-magic", Array("PAR0".utf8) + bytes.dropFirst(4), "bad magic"),
            ("truncated", Array(bytes.prefix(bytes.count / 2)), "truncated"),
        ]
        var huge = bytes
        huge.replaceSubrange((huge.count - 8)..<(huge.count - 4), with: [0xFF, 0xFF, 0xFF, 0x7F])
        cases.append(("footer-huge", huge, "beyond the file"))
        var zero = bytes
        zero.replaceSubrange((zero.count - 8)..<(zero.count - 4), with: [0, 0, 0, 0])
        cases.append(("footer-zero", zero, "zero"))
        var scrambled = bytes
        let footerLength = Int(UInt32(scrambled[scrambled.count - 8]) | UInt32(scrambled[scrambled.count - 7]) << 8
                               | UInt32(scrambled[scrambled.count - 6]) << 16 | UInt32(scrambled[scrambled.count - 5]) << 24)
        for offset in stride(from: scrambled.count - 8 - footerLength, to: scrambled.count - 8, by: 3) { scrambled[offset] ^= 0x5A }
        cases.append(("scrambled-footer", scrambled, ""))
        var garbled = bytes
        // Every page damaged, the footer intact: (the decoder's own tests cover each kind of page
        // damage one by one; here the ingest must stop on whichever it meets first).
        var generator = SeededGenerator(seed: 5)
        for offset in 4..<(garbled.count - 8 - footerLength) { garbled[offset] = UInt8.random(in: 0...255, using: &generator) }
        cases.append(("garbled-pages", garbled, ""))
        for (name, data, words) in cases {
            let path = folder + "/bad/\(name).parquet"
            try FileManager.default.createDirectory(atPath: folder + "/bad", withIntermediateDirectories: true)
            try Data(data).write(to: URL(fileURLWithPath: path))
            do {
                _ = try Support.ingest([path], cache: cache)
                Issue.record("\(name): accepted")
            } catch {
                let text = "\(error)"
                #expect(text.contains(path), "\(name): \(text)")
                if !words.isEmpty { #expect(text.contains(words), "\(name): \(text)") }
            }
            try FileManager.default.removeItem(atPath: path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == before, "\(name) touched the cache")
        }
    }
}
