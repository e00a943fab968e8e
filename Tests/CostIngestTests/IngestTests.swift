import ByteStreams
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostEngine
@testable import CostIngest

/// Totals per key of a dimension over the whole cache, in nano-units, via the engine.
@Suite("Ingest")
struct IngestTests {
    @Test("a CUR with only the five required columns loads, with the defaults listed once")
    func minimalColumns() throws {
        let folder = Support.temporaryFolder()
        let file = Support.write(minimalCUR, to: folder, "cur.csv")
        let (summary, cache) = try Support.ingest([file])
        #expect(summary.lineItems == 3)
        #expect(summary.cacheRows == 2)
        #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 192_000_000, "AmazonS3": 1_500_000])
        #expect(try totals(cache, by: .fixed(.chargeCategory)) == ["Usage": 193_500_000])
        #expect(try totals(cache, by: .fixed(.region)) == ["(none)": 193_500_000])
        #expect(try totals(cache, by: .fixed(.currency)) == ["USD": 193_500_000])
        let defaulted = summary.defaultedColumns.map(\.column)
        #expect(defaulted.contains("lineItem/LineItemType (every line item is Usage)"))
        #expect(defaulted.contains("resourceTags/* (no tags)"))
    }

    @Test("CUR 2.0 snake_case names, the resource_tags map and account names")
    func cur2() throws {
        let csv = """
            line_item_usage_start_date,line_item_usage_account_id,line_item_usage_account_name,line_item_product_code,line_item_usage_type,line_item_unblended_cost,line_item_line_item_type,resource_tags
            2024-03-01T00:00:00Z,111,prod,AmazonEC2,BoxUsage,2.00,Usage,"{""user_team"":""web"",""user_env"":""prod""}"
            2024-03-01T00:00:00Z,111,prod,AmazonEC2,BoxUsage,1.00,Usage,"{}"
            2024-03-01T00:00:00Z,111,prod,AmazonEC2,BoxUsage,0.50,Tax,

            """
        let file = Support.write(csv, to: Support.temporaryFolder(), "cur2.csv")
        let (_, cache) = try Support.ingest([file])
        #expect(try totals(cache, by: .tag("team")) == ["web": 2_000_000_000, "(untagged)": 1_500_000_000])
        #expect(try totals(cache, by: .fixed(.chargeCategory)) == ["Usage": 3_000_000_000, "Tax": 500_000_000])
        let result = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .fixed(.account), period: cache.dayRange!, comparison: nil))
        #expect(result.rows.first?.name == "prod")
    }

    @Test("amortized cost follows the line item type table")
    func amortization() throws {
        let csv = """
            lineItem/UsageStartDate,lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/LineItemType,lineItem/UnblendedCost,pricing/publicOnDemandCost,savingsPlan/SavingsPlanARN,savingsPlan/SavingsPlanEffectiveCost,savingsPlan/TotalCommitmentToDate,savingsPlan/UsedCommitment,reservation/ReservationARN,reservation/EffectiveCost,reservation/UnusedAmortizedUpfrontFeeForBillingPeriod,reservation/UnusedRecurringFee,reservation/AmortizedUpfrontFeeForBillingPeriod
            2024-03-01T00:00:00Z,1,AmazonEC2,Box,SavingsPlanCoveredUsage,1.00,1.00,arn:sp,0.70,,,,,,,
            2024-03-01T00:00:00Z,1,AmazonEC2,Box,SavingsPlanNegation,-1.00,,arn:sp,,,,,,,,
            2024-03-01T00:00:00Z,1,ComputeSavingsPlans,Fee,SavingsPlanRecurringFee,0.80,,arn:sp,,0.80,0.70,,,,,
            2024-03-01T00:00:00Z,1,AmazonRDS,Inst,DiscountedUsage,0,2.00,,,,,arn:ri,1.20,,,
            2024-03-01T00:00:00Z,1,AmazonRDS,Fee,RIFee,0.40,,,,,,arn:ri,,0.10,0.05,1.00
            2024-03-01T00:00:00Z,1,AmazonS3,Stor,Usage,3.00,3.00,,,,,,,,,
            """
        let file = Support.write(csv + "\n", to: Support.temporaryFolder(), "cur.csv")
        let (_, cache) = try Support.ingest([file])
        let effective = try totals(cache, by: .fixed(.service), metric: .effective)
        #expect(effective == ["AmazonEC2": 700_000_000, "ComputeSavingsPlans": 100_000_000, "AmazonRDS": 1_350_000_000,
                              "AmazonS3": 3_000_000_000])
        let billed = try totals(cache, by: .fixed(.service))
        #expect(billed == ["AmazonEC2": 0, "ComputeSavingsPlans": 800_000_000, "AmazonRDS": 400_000_000, "AmazonS3": 3_000_000_000])
        #expect(try totals(cache, by: .fixed(.pricingCategory)).keys.sorted() == ["(none)", "Committed", "Standard"])
        let used = cache.measure(.commitmentUsed).reduce(0, +)
        let total = cache.measure(.commitmentTotal).reduce(0, +)
        #expect(used == 700_000_000 + 1_250_000_000)
        #expect(total == 800_000_000 + 1_400_000_000)
        #expect(cache.measure(.coveredOnDemand).reduce(0, +) == 3_000_000_000)
    }

    @Test("the first invalid row stops the ingest with file, line, column and value; the old cache stays")
    func firstErrorStops() throws {
        let folder = Support.temporaryFolder()
        let good = Support.write(minimalCUR, to: folder, "a/good.csv")
        let cachePath = folder + "/c.ctc"
        _ = try Support.ingest([good], cache: cachePath)
        let bad = Support.write(minimalCUR + "2024-03-03T00:00:00Z,1,AmazonEC2,Box,0x10\n", to: folder, "b/bad.csv")
        do {
            _ = try Support.ingest([bad], cache: cachePath)
            Issue.record("expected an error")
        } catch let error as IngestError {
            #expect(error.description == "\(bad):5: column 5 (lineItem/UnblendedCost): invalid amount: not a decimal number: \"0x10\"")
        }
        let cache = try CacheFile(path: cachePath)
        #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 192_000_000, "AmazonS3": 1_500_000])
    }

    @Test("--keep-going writes every rejected row to the rejects file and counts it")
    func keepGoing() throws {
        let folder = Support.temporaryFolder()
        let rows = [
            "2024-02-30T00:00:00Z,1,AmazonEC2,Box,1.00", "2024-03-03T00:00:00Z,1,AmazonEC2,Box,NaN",
            "2024-03-03T00:00:00Z,1,AmazonEC2,Box,1e309", "2024-03-03T00:00:00Z,1,AmazonEC2,Box", "2024-03-03T00:00:00Z,1,AmazonEC2,Box,1abc",
        ]
        let file = Support.write(minimalCUR + rows.joined(separator: "\n") + "\n", to: folder, "bad.csv")
        let (summary, cache) = try Support.ingest([file]) { $0.keepGoing = true; $0.rejectsPath = folder + "/rejects.csv" }
        #expect(summary.lineItems == 3)
        #expect(summary.rejected == 5)
        let rejects = try String(contentsOfFile: folder + "/rejects.csv", encoding: .utf8)
        let lines = rejects.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[1].hasSuffix(",5,1 (lineItem/UsageStartDate),\"invalid date: no such date: \"\"2024-02-30T00:00:00Z\"\"\",\"2024-02-30T00:00:00Z,1,AmazonEC2,Box,1.00\""))
        #expect(lines[4].contains("has 4 fields, the header has 5"))
        #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 192_000_000, "AmazonS3": 1_500_000])
    }

    @Test("unknown formats, duplicate columns and empty files are errors naming the file")
    func badFiles() throws {
        let folder = Support.temporaryFolder()
        let unknown = Support.write("date,amount\n2024-01-01,1\n", to: folder, "x.csv")
        #expect(throws: IngestError.self) { try Support.ingest([unknown]) }
        do { _ = try Support.ingest([unknown]) } catch let error as IngestError {
            #expect(error.description.hasPrefix("\(unknown): unrecognized export format"))
            #expect(error.description.contains("lineItem/UsageStartDate"))
        }
        let duplicate = Support.write("BilledCost,ChargePeriodStart,BilledCost\n1,2024-01-01,1\n", to: folder, "d.csv")
        do { _ = try Support.ingest([duplicate]); Issue.record("expected an error") } catch let error as IngestError {
            #expect(error.description.contains("duplicate column name"))
        }
        let empty = Support.write("", to: folder, "e.csv")
        #expect(throws: IngestError.self) { try Support.ingest([empty]) }
        #expect(throws: IngestError.self) { try Support.ingest([folder + "/missing"]) }
    }

    @Test("gzip input: multi-member streams read whole; a corrupt file is an error")
    func gzip() throws {
        let folder = Support.temporaryFolder()
        let path = folder + "/cur.csv.gz"
        let writer = try GzipWriter(path: path)
        let lines = minimalCUR.split(separator: "\n", omittingEmptySubsequences: false)
        try writer.write(lines[0...1].joined(separator: "\n") + "\n")
        try writer.finishMember()
        try writer.write(lines[2...].joined(separator: "\n"))
        try writer.close()
        let (summary, cache) = try Support.ingest([path])
        #expect(summary.lineItems == 3)
        #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 192_000_000, "AmazonS3": 1_500_000])
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.append(contentsOf: [0, 0, 0, 0])
        try data.write(to: URL(fileURLWithPath: path))
        #expect(throws: ByteStreamError.self) { try Support.ingest([path]) }
    }

    @Test("re-ingest: unchanged files are not read again, changed files replace their rows, no double count")
    func reingest() throws {
        let folder = Support.temporaryFolder()
        let a = Support.write(minimalCUR, to: folder, "data/a.csv")
        Support.write(minimalCUR.replacingOccurrences(of: "111111111111", with: "333333333333"), to: folder, "data/b.csv")
        let cachePath = folder + "/c.ctc"
        let (first, _) = try Support.ingest([folder + "/data"], cache: cachePath)
        #expect(first.filesRead == 2)
        let (second, cache2) = try Support.ingest([folder + "/data"], cache: cachePath)
        #expect(second.filesRead == 0)
        #expect(second.filesUnchanged == 2)
        #expect(try totals(cache2, by: .fixed(.service)) == ["AmazonEC2": 384_000_000, "AmazonS3": 3_000_000])
        Support.write(minimalCUR.replacingOccurrences(of: "0.096", with: "1.000"), to: folder, "data/a.csv")
        let (third, cache3) = try Support.ingest([folder + "/data"], cache: cachePath)
        #expect(third.filesRead == 1)
        #expect(try totals(cache3, by: .fixed(.service)) == ["AmazonEC2": 2_192_000_000, "AmazonS3": 3_000_000])
        try FileManager.default.removeItem(atPath: a)
        let (fourth, cache4) = try Support.ingest([folder + "/data"], cache: cachePath)
        #expect(fourth.sourcesRemoved == 1)
        #expect(try totals(cache4, by: .fixed(.service)) == ["AmazonEC2": 192_000_000, "AmazonS3": 1_500_000])
    }

    @Test("a CUR manifest makes the latest assembly count, never both")
    func restatement() throws {
        let folder = Support.temporaryFolder()
        let period = folder + "/cur/report/20240301-20240401"
        Support.write(minimalCUR, to: period, "old-assembly/report-1.csv")
        Support.write(minimalCUR.replacingOccurrences(of: "0.096", with: "0.100"), to: period, "new-assembly/report-1.csv")
        Support.write(#"{"assemblyId":"new-assembly","reportKeys":["prefix/report/20240301-20240401/new-assembly/report-1.csv"]}"#,
                      to: period, "report-Manifest.json")
        let (summary, cache) = try Support.ingest([folder + "/cur"])
        #expect(summary.filesSuperseded == 1)
        #expect(try totals(cache, by: .fixed(.service)) == ["AmazonEC2": 200_000_000, "AmazonS3": 1_500_000])
    }

    @Test("FOCUS: NULL literals, Tags JSON, usage type rule, --tags and --resources")
    func focus() throws {
        let csv = """
            BillingAccountId,SubAccountId,SubAccountName,ProviderName,ServiceName,x_UsageType,SkuId,ChargeDescription,RegionId,ResourceId,ChargePeriodStart,BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargeCategory,PricingCategory,Tags
            B1,S1,Prod,AWS,Amazon EC2,USE1-BoxUsage,SKU1,desc,us-east-1,i-1,2024-09-01 00:00:00,1.00,0.50,2.00,USD,Usage,Standard,"{""team"":""web"",""env"":""prod""}"
            B1,S1,Prod,AWS,Amazon EC2,NULL,SKU2,desc,NULL,i-2,2024-09-01 01:00:00,2.00,NULL,NULL,USD,Usage,Standard,NULL
            B1,S2,Dev,AWS,Amazon S3,NULL,NULL,storage charge,us-west-2,NULL,2024-09-02T00:00:00Z,4.00,4.00,4.00,EUR,Usage,Standard,"{""team"":""data""}"
            """
        let file = Support.write(csv + "\n", to: Support.temporaryFolder(), "focus.csv")
        let (_, cache) = try Support.ingest([file]) { $0.tagKeys = ["team"]; $0.keepResources = true }
        #expect(cache.tagKeys == ["team"])
        let usd = [Filter(dimension: .fixed(.currency), value: "USD", exclude: false)]
        #expect(try totals(cache, by: .fixed(.usageType), filters: usd) == ["USE1-BoxUsage": 1_000_000_000, "SKU2": 2_000_000_000])
        #expect(try totals(cache, by: .fixed(.usageType), metric: .effective, filters: usd) == ["USE1-BoxUsage": 500_000_000, "SKU2": 2_000_000_000])
        #expect(try totals(cache, by: .fixed(.resource), filters: usd) == ["i-1": 1_000_000_000, "i-2": 2_000_000_000])
        #expect(try totals(cache, by: .fixed(.region), filters: usd) == ["us-east-1": 1_000_000_000, "(none)": 2_000_000_000])
        let euro = [Filter(dimension: .fixed(.currency), value: "EUR", exclude: false)]
        #expect(try totals(cache, by: .fixed(.usageType), filters: euro) == ["storage charge": 4_000_000_000])
        // Currencies are never added together: the engine reports one and names the other.
        let result = try QueryEngine(cache: cache).run(QuerySpec(groupBy: .fixed(.service), period: cache.dayRange!, comparison: nil))
        #expect(result.currency == "EUR")
        #expect(result.otherCurrencies == ["USD"])
        #expect(result.total == 4_000_000_000)
    }
}

@Suite("Chunked ingest on several threads")
struct ChunkedIngestTests {
    /// A FOCUS file of `rows` line items over 20 days with tags, some quoted fields with line breaks.
    func text(rows: Int, longQuotedAt: Int?, firstRow: Int = 0) -> String {
        var lines = ["SubAccountId,ServiceName,ChargeDescription,ChargePeriodStart,BilledCost,Tags"]
        for row in firstRow..<(firstRow + rows) {
            let day = String(format: "2024-09-%02d", row % 20 + 1)
            let description = row == longQuotedAt
                ? "\"" + String(repeating: "multi\nline ", count: 400) + "\"" : "\"plain, \"\"quoted\"\"\""
            lines.append("A\(row % 7),S\(row % 5),\(description),\(day)T00:00:00Z,\(row % 13).\(row % 97),\"{\"\"team\"\":\"\"t\(row % 3)\"\"}\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func write(rows: Int, longQuotedAt: Int?) -> String {
        Support.write(text(rows: rows, longQuotedAt: longQuotedAt), to: Support.temporaryFolder(), "f.csv")
    }

    func chunked(_ chunkBytes: Int, threads: Int) -> (inout IngestOptions) -> Void {
        { $0.chunkBytes = chunkBytes; $0.workerThreads = threads }
    }

    @Test("cutting files into chunks read by several threads gives the same totals, also when a cut falls inside a quoted field")
    func sameResult() throws {
        for longQuotedAt in [nil, 1_000, 1_500, 2_000] as [Int?] {
            let file = write(rows: 3_000, longQuotedAt: longQuotedAt)
            let (sequential, one) = try Support.ingest([file]) { $0.workerThreads = 1 }
            for (chunkBytes, threads) in [(1_000, 2), (4_096, 3), (50_000, 2)] {
                let (parallel, other) = try Support.ingest([file], configure: chunked(chunkBytes, threads: threads))
                #expect(sequential.lineItems == 3_000 && parallel.lineItems == 3_000)
                #expect(one.rowCount == other.rowCount)
                for dimension in [CostDimension.fixed(.account), .fixed(.service), .tag("team"), .day] {
                    #expect(try totals(one, by: dimension) == totals(other, by: dimension),
                            "\(dimension), quoted at \(String(describing: longQuotedAt)), chunks of \(chunkBytes)")
                }
            }
        }
    }

    @Test("an error in a later chunk names the right line, counting line breaks inside quoted fields")
    func lineNumbersAcrossChunks() throws {
        var text = text(rows: 2_000, longQuotedAt: 100)
        text = text.replacingOccurrences(of: "2024-09-07T00:00:00Z,12.", with: "2024-09-31T00:00:00Z,12.")
        let file = Support.write(text, to: Support.temporaryFolder(), "bad.csv")
        let firstBad = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("2024-09-31") }! + 1
        #expect(firstBad > 500)
        for (chunkBytes, threads) in [(1_000, 2), (5_000, 3), (100_000_000, 2), (1_000, 1)] {
            do {
                _ = try Support.ingest([file], configure: chunked(chunkBytes, threads: threads))
                Issue.record("expected an error")
            } catch let error as IngestError {
                #expect(error.description.contains("bad.csv:\(firstBad): column 4 (ChargePeriodStart)"), "\(error)")
            }
        }
    }

    @Test("with several files (plain and gzip) the first error in input order is the one reported")
    func firstErrorInInputOrder() throws {
        let folder = Support.temporaryFolder()
        _ = Support.write(text(rows: 500, longQuotedAt: nil), to: folder, "a.csv")
        let second = text(rows: 500, longQuotedAt: nil, firstRow: 500)
            .replacingOccurrences(of: "S2,\"plain, \"\"quoted\"\"\",2024-09-08T00:00:00Z,8.", with: "S2,\"plain, \"\"quoted\"\"\",2024-09-08T00:00:00Z,8x")
        let gzip = try GzipWriter(path: folder + "/b.csv.gz")
        try gzip.write(second)
        try gzip.close()
        let third = text(rows: 3_000, longQuotedAt: nil, firstRow: 1_000).replacingOccurrences(of: "2024-09-", with: "2024-13-")
        _ = Support.write(third, to: folder, "c.csv")
        let badLine = second.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(",8x") }! + 1
        for threads in [1, 2, 3] {
            do {
                _ = try Support.ingest([folder], configure: chunked(1_000, threads: threads))
                Issue.record("expected an error")
            } catch let error as IngestError {
                #expect(error.description.contains("b.csv.gz:\(badLine): column 5 (BilledCost)"), "\(threads) threads: \(error)")
            }
        }
        // Without the bad files, every file's line items are counted once.
        try FileManager.default.removeItem(atPath: folder + "/b.csv.gz")
        try FileManager.default.removeItem(atPath: folder + "/c.csv")
        _ = Support.write(text(rows: 3_000, longQuotedAt: 10, firstRow: 1_000), to: folder, "c.csv")
        let (summary, cache) = try Support.ingest([folder], configure: chunked(1_000, threads: 3))
        #expect(summary.lineItems == 3_500)
        #expect(cache.footer.sources.map(\.lineItems) == [500, 3_000])
    }

    @Test("--keep-going writes the same rejects file, in input order, whatever the chunks")
    func rejectsInOrder() throws {
        var text = text(rows: 3_000, longQuotedAt: 1_200)
        text = text.replacingOccurrences(of: "T00:00:00Z,5.", with: "T00:00:00Z,5.x")
        let folder = Support.temporaryFolder()
        let file = Support.write(text, to: folder, "f.csv")
        var rejectFiles: [String] = []
        for (chunkBytes, threads) in [(100_000_000, 1), (1_000, 2), (3_000, 3)] {
            let rejects = folder + "/rejects-\(chunkBytes).csv"
            let (summary, _) = try Support.ingest([file]) {
                $0.keepGoing = true
                $0.rejectsPath = rejects
                $0.chunkBytes = chunkBytes
                $0.workerThreads = threads
            }
            #expect(summary.rejected > 100)
            rejectFiles.append(try String(contentsOfFile: rejects, encoding: .utf8))
        }
        #expect(rejectFiles[0] == rejectFiles[1])
        #expect(rejectFiles[0] == rejectFiles[2])
    }

    @Test("the work queue hands every unit out once, stealing from the end of the longest run")
    func workQueue() {
        let queue = WorkQueue(unitCount: 11, workers: 3)
        // Worker 0 owns 0..<3, worker 1 owns 3..<7, worker 2 owns 7..<11.
        #expect(queue.next(worker: 0) == 0)
        #expect(queue.next(worker: 2) == 7)
        #expect(queue.next(worker: 0) == 1)
        #expect(queue.next(worker: 0) == 2)
        #expect(queue.next(worker: 0) == 6)  // stolen from the end of worker 1's run, the longest
        queue.stop(after: 8)
        #expect(queue.next(worker: 1) == 3)
        #expect(queue.next(worker: 2) == 8)
        #expect(queue.next(worker: 2) == 5)  // 9 and 10 are past the stop; 5 is stolen from worker 1
        #expect(queue.next(worker: 1) == 4)
        #expect(queue.next(worker: 1) == nil)
        #expect(queue.next(worker: 0) == nil)
    }

    @Test("chunk bounds move to the next line break; a file too small for two chunks is one unit")
    func workPlan() throws {
        let units = WorkPlan.units(sizes: [10_000, 1_500, 4_000], splittable: [true, true, false], chunkBytes: 1_000)
        #expect(units.filter { $0.file == 0 }.count == 10)
        #expect(units.filter { $0.file == 1 }.count == 1)
        #expect(units.filter { $0.file == 2 }.count == 1)
        #expect(units.allSatisfy { ($0.guessEnd == nil) == ($0.chunk == $0.chunkCount - 1) })
        let file = Support.write("ab\ncdef\ng\n", to: Support.temporaryFolder(), "lines.csv")
        let mapping = try MappedFile(path: file)
        #expect(WorkPlan.boundary(in: mapping, after: 0) == 3)
        #expect(WorkPlan.boundary(in: mapping, after: 3) == 8)
        #expect(WorkPlan.boundary(in: mapping, after: 9) == 10)
        #expect(WorkPlan.boundary(in: mapping, after: 10) == 10)
    }
}

@Suite("Roll-up builder")
struct RollupBuilderTests {
    /// One random line item: account, service (maybe set twice, maybe to empty), an account label,
    /// tags (some empty, some repeated keys), a day and a cost.
    struct Item {
        var day: Int32
        var account: String
        var services: [String]
        var label: String
        var tags: [(String, String)]
        var cost: Int64

        /// The dimension values and tag set the builder must record for it.
        var expectedKey: String {
            let service = services.last ?? ""
            var kept: [String: String] = [:]
            for (key, value) in tags where !key.isEmpty && !value.isEmpty && key != "skip" {
                kept[key] = kept[key] ?? value
            }
            return "\(day)|\(account)|\(service)|" + kept.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
    }

    func feed(_ items: [Item], into builder: RollupBuilder) throws {
        for item in items {
            builder.setDay(Day(index: item.day))
            var account = item.account
            account.withUTF8 { builder.set(.account, UnsafeRawBufferPointer($0)) }
            var label = item.label
            label.withUTF8 { builder.setLabel(.account, UnsafeRawBufferPointer($0)) }
            for service in item.services { builder.set(.service, service) }
            for (key, value) in item.tags {
                // The tag bytes live in a buffer reused for every tag, as a JSON tag parser's would.
                var scratch = Array((key + "\u{0}" + value).utf8)
                scratch.withUnsafeBytes { raw in
                    let keyCount = key.utf8.count
                    builder.addTag(key: UnsafeRawBufferPointer(rebasing: raw[0..<keyCount]),
                                   value: UnsafeRawBufferPointer(rebasing: raw[(keyCount + 1)...]))
                }
                scratch.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0x3F) } as Void
            }
            builder.measures[Measure.billed.columnIndex] = item.cost
            try builder.commit()
        }
    }

    /// Sums per expected key, read back from cache contents.
    func sums(_ contents: CacheContents) -> [String: Int64] {
        var result: [String: Int64] = [:]
        let accounts = contents.dictionaries[FixedDimension.account.columnIndex]
        let services = contents.dictionaries[FixedDimension.service.columnIndex]
        for row in 0..<contents.rowCount {
            let set = Int(contents.tagSetCodes[row])
            let tags = contents.tagKeys.indices.compactMap { keyIndex -> String? in
                let value = contents.tagSets[set * contents.tagKeys.count + keyIndex]
                return value == 0 ? nil : "\(contents.tagKeys[keyIndex])=\(contents.tagValues[keyIndex][Int(value)])"
            }.sorted().joined(separator: ",")
            let key = "\(contents.days[row])|\(accounts[Int(contents.dimensionCodes[FixedDimension.account.columnIndex][row])])|"
                + "\(services[Int(contents.dimensionCodes[FixedDimension.service.columnIndex][row])])|\(tags)"
            result[key, default: 0] += contents.measures[Measure.billed.columnIndex][row]
        }
        return result
    }

    /// The keys whose sums differ (a short failure message).
    func differences(_ actual: [String: Int64], _ expected: [String: Int64]) -> [String] {
        Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted().prefix(5)
            .map { "\($0): \(actual[$0] ?? 0) vs \(expected[$0] ?? 0)" }
    }

    @Test("repeated line items fold into the same rows; values set twice, empty values, labels, repeated tag keys and reused tag bytes are kept apart")
    func randomLineItems() throws {
        var generator = SystemRandomNumberGenerator()
        func pick(_ values: [String]) -> String { values.randomElement(using: &generator)! }
        let items = (0..<20_000).map { _ in
            Item(day: Int32.random(in: 0..<4, using: &generator),
                 account: pick(["", "111", "222", "333", String(repeating: "4", count: 300), String(repeating: "4", count: 301)]),
                 services: (0..<Int.random(in: 0...2, using: &generator)).map { _ in pick(["", "EC2", "S3", "EC2S3"]) },
                 label: pick(["", "prod", "dev"]),
                 tags: (0..<Int.random(in: 0...3, using: &generator)).map { _ in (pick(["", "team", "env", "skip"]), pick(["", "a", "b", "ab"])) },
                 cost: Int64.random(in: 1...1_000, using: &generator))
        }
        var expected: [String: Int64] = [:]
        for item in items { expected[item.expectedKey, default: 0] += item.cost }
        let builder = RollupBuilder(keepResources: false, tagKeys: ["team", "env"])
        try feed(items, into: builder)
        #expect(differences(sums(builder.contents(sources: [], settings: IngestSettings(keepResources: false, tagKeys: nil))), expected) == [])
        #expect(builder.rowCount == expected.count)

        // Two builders fed halves and merged give the same rows.
        let first = RollupBuilder(keepResources: false, tagKeys: ["team", "env"])
        let second = RollupBuilder(keepResources: false, tagKeys: ["team", "env"])
        try feed(Array(items[..<7_000]), into: first)
        try feed(Array(items[7_000...]), into: second)
        try first.absorb(second, threads: 2)
        #expect(second.rowCount == 0, "the absorbed roll-up's day tables are freed as they are added")
        #expect(differences(sums(first.contents(sources: [], settings: IngestSettings(keepResources: false, tagKeys: nil))), expected) == [])

        // The first non-empty label seen for an account is its name.
        let contents = builder.contents(sources: [], settings: IngestSettings(keepResources: false, tagKeys: nil))
        let accountIndex = FixedDimension.account.columnIndex
        for (code, account) in contents.dictionaries[accountIndex].enumerated() where !account.isEmpty {
            let firstLabel = items.first { $0.account == account && !$0.label.isEmpty }?.label ?? ""
            #expect(contents.labels[accountIndex][code] == firstLabel, "\(account)")
        }
    }
}

@Suite("Tuple cache")
struct TupleCacheTests {
    @Test("every encoding inserted is found again with its tuple and memo, through growth; others are not")
    func insertAndFind() {
        let cache = TupleCache()
        var generator = SystemRandomNumberGenerator()
        // Distinct encodings of varied lengths, some sharing long prefixes.
        let encodings = (0..<10_000).map { index -> [UInt8] in
            let length = Int.random(in: 0..<400, using: &generator)
            return Array("\(index):".utf8) + (0..<length).map { _ in UInt8.random(in: 0...3, using: &generator) }
        }
        var entries: [Int] = []
        for (index, encoding) in encodings.enumerated() {
            encoding.withUnsafeBytes { bytes in
                let hash = XXH64.hash(bytes)
                #expect(cache.entry(of: bytes, hash: hash) == -1)
                entries.append(cache.insert(bytes, hash: hash, tuple: UInt32(index * 7)))
            }
        }
        for (index, encoding) in encodings.enumerated() {
            encoding.withUnsafeBytes { bytes in
                let entry = cache.entry(of: bytes, hash: XXH64.hash(bytes))
                #expect(entry == entries[index])
                #expect(cache.tuple(at: entry) == UInt32(index * 7))
                #expect(cache.rememberedRow(at: entry, day: 3, source: 1) == nil)
                cache.remember(row: index, at: entry, day: 3, source: 1)
            }
        }
        for (index, encoding) in encodings.enumerated().prefix(1_000) {
            encoding.withUnsafeBytes { bytes in
                let entry = cache.entry(of: bytes, hash: XXH64.hash(bytes))
                #expect(cache.rememberedRow(at: entry, day: 3, source: 1) == index)
                #expect(cache.rememberedRow(at: entry, day: 4, source: 1) == nil)
                #expect(cache.rememberedRow(at: entry, day: 3, source: 2) == nil)
            }
            // The same bytes with one more byte, or the same hash with other bytes, are not found.
            (encoding + [9]).withUnsafeBytes { #expect(cache.entry(of: $0, hash: XXH64.hash($0)) == -1) }
            let other = encodings[(index + 1) % encodings.count]
            other.withUnsafeBytes { otherBytes in
                encoding.withUnsafeBytes { #expect(cache.entry(of: otherBytes, hash: XXH64.hash($0)) == -1) }
            }
        }
    }
}
