import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostCache
@testable import CostIngest

/// A container that is not CSV: rows held in memory with typed values (fixed-point amounts, days,
/// tag pairs), served for placeholder files ending in `.memrows`. Proves that adding a container is
/// the container plus its registration, and that adapters read only through `RecordSource`.
private struct MemoryRowsContainer: InputContainer {
    /// One value of a row: text, an amount already in fixed point (9 digits), a day, or a map.
    enum Value: Sendable {
        case text(String)
        case amount(Int64)
        case day(Day)
        case map([(String, String)])
        case null
    }

    let columns: [String]
    let rowsByFile: [String: [[Value]]]
    /// Rows per unit: files are cut into units of this many rows, read by different threads.
    let rowsPerUnit: Int
    let fileNames = ".memrows"

    func reads(path: String) -> Bool { path.hasSuffix(".memrows") }
    func isSplittable(path: String) -> Bool { true }
    func open(path: String, size: Int64, options: IngestOptions) throws -> any OpenedInput {
        let name = (path as NSString).lastPathComponent
        guard let rows = rowsByFile[name] else { throw IngestError.input(path: path, reason: "no rows") }
        return Opened(columnNames: columns, rows: rows, rowsPerUnit: rowsPerUnit, size: size)
    }

    final class Opened: OpenedInput, @unchecked Sendable {
        let columnNames: [String]
        let headerLine: Int? = nil
        let rows: [[Value]]
        let rowsPerUnit: Int
        let size: Int64
        init(columnNames: [String], rows: [[Value]], rowsPerUnit: Int, size: Int64) {
            self.columnNames = columnNames
            self.rows = rows
            self.rowsPerUnit = rowsPerUnit
            self.size = size
        }

        /// Offsets are row indexes scaled to the placeholder's byte size; a unit starts at a
        /// multiple of `rowsPerUnit`.
        func boundary(after guess: Int64) -> Int64 {
            let row = Int(guess * Int64(rows.count) / max(1, size))
            return Int64(min(rows.count, (row + rowsPerUnit - 1) / rowsPerUnit * rowsPerUnit))
        }

        func records(from offset: Int64, first: Bool, settings: RecordSettings) throws -> any RecordSource {
            Source(rows: rows, start: Int(offset), columns: Set(settings.columns))
        }
    }

    final class Source: RecordSource {
        let rows: [[Value]]
        let columns: Set<Int>
        var index: Int
        let start: Int
        var stopOffset: Int64?
        var storage: [UInt8] = []
        init(rows: [[Value]], start: Int, columns: Set<Int>) {
            self.rows = rows
            self.start = start
            index = start - 1
            self.columns = columns
        }

        func next() throws -> Bool {
            if let stopOffset, Int64(index + 1) >= stopOffset { return false }
            guard index + 1 < rows.count else { return false }
            index += 1
            return true
        }
        var fieldCount: Int { rows[index].count }
        var line: Int { index - start + 1 }
        var linesConsumed: Int { index - start + 1 }
        var rawRecord: String { "row \(index)" }
        var nextRecordOffset: Int64 { Int64(index + 1) }
        var inputBytesConsumed: Int64 { 0 }

        private func value(_ column: Int) -> Value {
            precondition(columns.contains(column), "column \(column) read but not declared by the adapter")
            return rows[index][column]
        }
        func text(_ column: Int) -> UnsafeRawBufferPointer {
            guard case .text(let text) = value(column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
            storage = Array(text.utf8)
            return storage.withUnsafeBytes { UnsafeRawBufferPointer(start: $0.baseAddress, count: $0.count) }
        }
        func isNull(_ column: Int) -> Bool {
            if case .null = value(column) { return true }
            return false
        }
        func fixedPoint(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64 {
            switch value(column) {
            case .amount(let nanos):
                var scaled = nanos
                for _ in scaleDigits..<9 { scaled /= 10 }
                return scaled
            case .null: return 0
            default: throw FieldError("not an amount")
            }
        }
        func utcDay(_ column: Int) throws(FieldError) -> Day? {
            switch value(column) {
            case .day(let day): return day
            case .null: return nil
            default: throw FieldError("not a day")
            }
        }
        func forEachEntry(_ column: Int, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(FieldError) {
            guard case .map(let pairs) = value(column) else { return }
            for (key, value) in pairs {
                Array(key.utf8).withUnsafeBytes { key in Array(value.utf8).withUnsafeBytes { value in body(key, value) } }
            }
        }
    }
}

@Suite("Reader seam")
struct ReaderSeamTests {
    /// A small FOCUS bill, random but seeded, as typed rows and as the same bill in CSV.
    private static func bill(seed: UInt64, rows count: Int) -> (columns: [String], rows: [[MemoryRowsContainer.Value]], csv: String) {
        var random = SeededGenerator(seed: seed)
        let columns = ["ChargePeriodStart", "BilledCost", "EffectiveCost", "BillingAccountId", "SubAccountId",
                       "ServiceName", "RegionId", "ChargeCategory", "BillingCurrency", "Tags", "x_Unused"]
        var rows: [[MemoryRowsContainer.Value]] = []
        var csv = columns.joined(separator: ",") + "\n"
        let start = Day(year: 2024, month: 9, day: 1)!
        for _ in 0..<count {
            let day = Day(index: start.index + Int32.random(in: 0..<20, using: &random))
            let billed = Int64.random(in: -5_000_000_000...90_000_000_000, using: &random) / 10_000 * 10_000
            let effective: Int64? = Bool.random(using: &random) ? billed / 2 : nil
            let account = "acct-\(Int.random(in: 1...4, using: &random))"
            let service = ["Compute", "Storage", "Network"].randomElement(using: &random)!
            let team = ["web", "data", nil].randomElement(using: &random)!
            rows.append([.day(day), .amount(billed), effective.map { .amount($0) } ?? .null, .text("payer"),
                         .text(account), .text(service), .text("us-east-1"), .text("Usage"), .text("USD"),
                         .map(team.map { [("team", $0)] } ?? []), .text("ignored")])
            let tags = team.map { "\"{\"\"team\"\":\"\"\($0)\"\"}\"" } ?? ""
            csv += ["\(day)T00:00:00Z", Money.plainString(Int128(billed), digits: 9),
                    effective.map { Money.plainString(Int128($0), digits: 9) } ?? "", "payer", account, service,
                    "us-east-1", "Usage", "USD", tags, "ignored"].joined(separator: ",") + "\n"
        }
        return (columns, rows, csv)
    }

    @Test("a container that is not CSV ingests through the seam and gives the same answers as the same bill in CSV",
          arguments: [(UInt64(3), 1), (UInt64(11), 2), (UInt64(29), 3)])
    func memoryContainerMatchesCSV(seed: UInt64, threads: Int) throws {
        let (columns, rows, csv) = Self.bill(seed: seed, rows: 500)
        let folder = Support.temporaryFolder()
        // The placeholder's size only shapes the plan: 20 bytes at one byte a chunk is 20 units.
        Support.write(String(repeating: "x", count: 20), to: folder, "bill.memrows")
        let csvPath = Support.write(csv, to: folder, "csv/bill.csv")
        let container = MemoryRowsContainer(columns: columns, rowsByFile: ["bill.memrows": rows], rowsPerUnit: 64)
        let (summary, memoryCache) = try Support.ingest([folder + "/bill.memrows"]) {
            $0.containers = InputContainers.standard + [container]
            $0.workerThreads = threads
            $0.chunkBytes = 1
        }
        #expect(summary.lineItems == Int64(rows.count))
        let (_, csvCache) = try Support.ingest([csvPath])

        var expected: Int128 = 0
        for row in rows { if case .amount(let billed) = row[1] { expected += Int128(billed) } }
        let range = try #require(memoryCache.dayRange)
        for dimension in ["account", "service", "tag:team", "day"] {
            let spec = QuerySpec(groupBy: CostDimension(dimension)!, period: range, comparison: nil)
            let fromMemory = try QueryEngine(cache: memoryCache).run(spec)
            let fromCSV = try QueryEngine(cache: csvCache).run(spec)
            #expect(fromMemory.total == expected)
            #expect(fromMemory.rows.map { "\($0.key)=\($0.cost)" }.sorted() == fromCSV.rows.map { "\($0.key)=\($0.cost)" }.sorted())
        }
        let effective = try QueryEngine(cache: memoryCache).run(QuerySpec(groupBy: .fixed(.account), period: range, comparison: nil, metric: .effective))
        let effectiveCSV = try QueryEngine(cache: csvCache).run(QuerySpec(groupBy: .fixed(.account), period: range, comparison: nil, metric: .effective))
        #expect(effective.total == effectiveCSV.total)
    }

    @Test("the adapter declares the columns it reads, and a columnar container is asked only for those")
    func declaredColumns() throws {
        let header = try HeaderIndex(["ChargePeriodStart", "BilledCost", "x_Unused", "SubAccountId", "Tags"])
        let adapter = try ExportFormat.detect(header).makeAdapter(header)
        #expect(adapter.nullTokensAreMissing)
        #expect(header.usedColumns == [0, 1, 3, 4])
    }

    @Test("a file no container reads is refused with the kinds that are read")
    func unknownKind() throws {
        let folder = Support.temporaryFolder()
        let path = Support.write("x", to: folder, "bill.xlsx")
        #expect {
            _ = try Support.ingest([path])
        } throws: { "\($0)".contains("not a file costtop reads (.csv, .csv.gz, .parquet") }
    }
}
