import Foundation
import CosttopTestSupport
import Testing

/// `costtop-samplegen --anomalies N --labels FILE --no-stories`: the labels must describe what the
/// generated CUR really holds. The CUR is summed here straight from its CSV bytes (no generator
/// code), and compared with the same bill generated without anomalies, which is the "expected"
/// cost of every series.
@Suite("Sample generator: planted anomalies", .serialized)
struct SampleGenAnomalyTests {
    /// What the three generator runs produced.
    struct Fixture: Sendable {
        var labels: [Label]
        /// The labels file as written.
        var labelText: String
        /// Daily unblended usage cost per series, with and without the anomalies.
        var planted: CURSeries
        var quiet: CURSeries
        /// Every output file of the two identical runs, relative path → bytes.
        var firstRun: [String: Data]
        var secondRun: [String: Data]
        var generatorStatus: [Int32]
        var generatorErrors: String
    }

    /// One line of the labels file.
    struct Label: Sendable {
        var kind: String
        var series: String
        var start: String
        var end: String
        var impact: String
    }

    static let arguments = ["--no-stories", "--format", "cur", "--no-gzip", "--rows", "60000", "--days", "90"]

    /// `costtop-samplegen`, built beside `costtop`.
    static var generator: String {
        (Support.binary as NSString).deletingLastPathComponent + "/costtop-samplegen"
    }

    /// Runs the generator three times (twice with anomalies, once without) and reads the results.
    static let fixture: Fixture = {
        let folder = Support.temporaryFolder()
        var status: [Int32] = []
        var errors = ""
        for run in ["a", "b", "quiet"] {
            guard FileManager.default.isExecutableFile(atPath: generator) else {
                status.append(-1)
                errors = "no costtop-samplegen at \(generator)"
                break
            }
            var extra = ["--out", folder + "/" + run]
            if run != "quiet" { extra += ["--anomalies", "10", "--labels", folder + "/" + run + "/labels.csv"] }
            let result = Support.run(generator, arguments + extra)
            status.append(result.status)
            errors += result.err
        }
        let labelText = (try? String(contentsOfFile: folder + "/a/labels.csv", encoding: .utf8)) ?? ""
        let labels = labelText.split(separator: "\n").dropFirst().map { line -> Label in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Label(kind: cells[0], series: cells[1] + "|" + cells[2] + "|" + cells[3],
                         start: cells[4], end: cells[5], impact: cells[6])
        }
        return Fixture(labels: labels, labelText: labelText,
                       planted: CURSeries(folder: folder + "/a"), quiet: CURSeries(folder: folder + "/quiet"),
                       firstRun: files(under: folder + "/a"), secondRun: files(under: folder + "/b"),
                       generatorStatus: status, generatorErrors: errors)
    }()

    @Test("the generator runs and writes ten labels of several kinds, within the documented days")
    func labels() throws {
        let fixture = Self.fixture
        #expect(FileManager.default.isExecutableFile(atPath: Self.generator), "build costtop-samplegen first")
        #expect(fixture.generatorStatus == [0, 0, 0], "\(fixture.generatorErrors)")
        #expect(fixture.labelText.hasPrefix("kind,account,service,usage_type,start,end,impact\n"))
        #expect(fixture.labels.count == 10)
        let kinds = Set(fixture.labels.map(\.kind))
        #expect(kinds.count >= 4, "\(kinds)")
        #expect(kinds.isSubset(of: ["spike", "level-shift", "new-spend", "stopped-spend", "gradual-growth"]))
        let days = fixture.planted.days
        #expect(days.count == 90)
        for label in fixture.labels {
            let start = try #require(days.firstIndex(of: label.start))
            let end = try #require(days.firstIndex(of: label.end))
            #expect(start >= 35 && start <= days.count - 8, "\(label)")
            let length = end - start + 1
            switch label.kind {
            case "spike": #expect((1...3).contains(length), "\(label)")
            case "stopped-spend": #expect(length >= 5 || end == days.count - 1, "\(label)")
            case "level-shift": #expect(end == days.count - 1 && length >= 14, "\(label)")
            case "gradual-growth": #expect(end == days.count - 1 && length >= 21, "\(label)")
            default: #expect(end == days.count - 1, "\(label)")
            }
            #expect(label.impact.range(of: #"^-?[0-9]+\.[0-9]{2}$"#, options: .regularExpression) != nil)
        }
        // At most one anomaly per series at a time.
        for (position, label) in fixture.labels.enumerated() {
            for other in fixture.labels[(position + 1)...] where other.series == label.series {
                #expect(other.start > label.end || label.start > other.end, "\(label) overlaps \(other)")
            }
        }
    }

    @Test("each labelled series changes in the CUR as its label says, by the labelled impact")
    func labelledChanges() throws {
        let fixture = Self.fixture
        let days = fixture.planted.days
        #expect(fixture.labels.count == 10)
        for label in fixture.labels {
            let start = try #require(days.firstIndex(of: label.start))
            let end = try #require(days.firstIndex(of: label.end))
            let actual = fixture.planted.daily(label.series)
            let expected = fixture.quiet.daily(label.series)
            let span = start...end
            if label.kind == "new-spend" {
                #expect(expected.allSatisfy { $0 == 0 }, "\(label): the usage type is new to the account")
                #expect(actual[..<start].allSatisfy { $0 == 0 } && actual[span].allSatisfy { $0 > 0 }, "\(label)")
            } else {
                #expect(actual[..<start].allSatisfy { $0 > 0 }, "\(label): cost every day before")
            }
            // What a detector sees: each day against the median of the same weekday in the four weeks before.
            let ratios = span.map { day in Double(actual[day]) / max(1, weekdayMedian(actual, day: day, before: start)) }
            // The exact factor: against the same bill without anomalies.
            let factors = span.map { Double(actual[$0]) / Double(max(1, expected[$0])) }
            switch label.kind {
            case "spike":
                #expect(ratios.allSatisfy { $0 >= 2 }, "\(label): \(ratios)")
                #expect(factors.allSatisfy { $0 >= 2.99 && $0 <= 6.01 }, "\(label): \(factors)")
                if end + 1 < days.count { #expect(actual[end + 1] == expected[end + 1], "\(label): back after") }
            case "level-shift":
                #expect(ratios.prefix(7).reduce(0, +) / 7 >= 1.4, "\(label): \(ratios)")
                #expect(factors.allSatisfy { $0 >= 1.59 && $0 <= 3.01 && abs($0 - factors[0]) < 0.01 }, "\(label): \(factors)")
            case "stopped-spend":
                #expect(actual[span].allSatisfy { $0 == 0 }, "\(label)")
                if end + 1 < days.count { #expect(actual[end + 1] > 0, "\(label): resumes") }
            case "gradual-growth":
                #expect(ratios.suffix(7).reduce(0, +) / 7 >= 1.5, "\(label): \(ratios)")
                #expect(factors[0] >= 1.029 && factors[0] <= 1.051, "\(label): \(factors)")
                for day in 1..<factors.count {
                    #expect(abs(factors[day] / factors[day - 1] - factors[0]) < 0.002, "\(label): compounding at day \(day)")
                }
            default:
                break
            }
            let impact = actual[span].reduce(0, +) - expected[span].reduce(0, +)
            #expect(Self.dollars(impact) == label.impact, "\(label)")
            #expect(impact.magnitude >= 50 * 10_000_000_000, "\(label): at least $50")
            #expect(Double(impact.magnitude) >= 0.3 * Double(expected[span].reduce(0, +)), "\(label): at least 30%")
        }
    }

    @Test("nothing but the labelled series on the labelled days differs from the quiet bill")
    func nothingElse() {
        let fixture = Self.fixture
        var labelled: [String: [ClosedRange<Int>]] = [:]
        for label in fixture.labels {
            guard let start = fixture.planted.days.firstIndex(of: label.start),
                  let end = fixture.planted.days.firstIndex(of: label.end) else { continue }
            labelled[label.series, default: []].append(start...end)
        }
        #expect(fixture.planted.days == fixture.quiet.days)
        var differences: [String] = []
        for series in Set(fixture.planted.cost.keys).union(fixture.quiet.cost.keys) {
            let actual = fixture.planted.daily(series)
            let expected = fixture.quiet.daily(series)
            for day in actual.indices where actual[day] != expected[day] {
                if !(labelled[series] ?? []).contains(where: { $0.contains(day) }) {
                    differences.append("\(series) \(fixture.planted.days[day])")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test("the same arguments give byte-identical files")
    func deterministic() {
        let fixture = Self.fixture
        #expect(!fixture.firstRun.isEmpty)
        #expect(fixture.firstRun.keys.sorted() == fixture.secondRun.keys.sorted())
        for (path, data) in fixture.firstRun {
            #expect(fixture.secondRun[path] == data, "\(path)")
        }
    }

    // MARK: Helpers

    /// The median of the same weekday's values in the four weeks before `before` (day indices).
    func weekdayMedian(_ values: [Int64], day: Int, before: Int) -> Double {
        var week = day - 7
        while week >= before { week -= 7 }
        let same = (0..<4).map { Double(values[week - 7 * $0]) }.sorted()
        return (same[1] + same[2]) / 2
    }

    /// 10^-10 units as dollars with two decimals, rounded half away from zero.
    static func dollars(_ raw: Int64) -> String {
        let cents = (raw.magnitude + 50_000_000) / 100_000_000
        let sign = raw < 0 && cents > 0 ? "-" : ""
        return sign + String(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
    }

    /// Every file under `folder`, by path relative to it.
    static func files(under folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = FileManager.default.contents(atPath: folder + "/" + path)
            }
        }
        return result
    }
}

extension SampleGenAnomalyTests {
    /// Daily unblended usage cost per "account|service|usage type", summed from the CUR files the
    /// manifests name, with a small CSV reader of its own and exact fixed-point sums (10^-10 units).
    struct CURSeries: Sendable {
        /// The days with usage, `YYYY-MM-DD`, in order.
        var days: [String] = []
        /// Per series: cost per day.
        var cost: [String: [String: Int64]] = [:]

        static let usageTypes: Set<String> = ["Usage", "SavingsPlanCoveredUsage", "SavingsPlanNegation", "DiscountedUsage"]

        /// Reads every current CUR assembly under `folder`.
        init(folder: String) {
            var allDays = Set<String>()
            for manifest in Self.manifests(under: folder) {
                guard let data = FileManager.default.contents(atPath: manifest),
                      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let keys = object["reportKeys"] as? [String] else { continue }
                for key in keys {
                    guard let csv = FileManager.default.contents(atPath: folder + "/" + key) else { continue }
                    read(csv, days: &allDays)
                }
            }
            days = allDays.sorted()
        }

        /// The series' cost on each of `days` (0 when it has none).
        func daily(_ series: String) -> [Int64] {
            let values = cost[series] ?? [:]
            return days.map { values[$0] ?? 0 }
        }

        private static func manifests(under folder: String) -> [String] {
            let enumerator = FileManager.default.enumerator(atPath: folder)
            var found: [String] = []
            while let path = enumerator?.nextObject() as? String {
                if path.hasSuffix("-Manifest.json") { found.append(folder + "/" + path) }
            }
            return found.sorted()
        }

        /// Adds the usage lines of one CSV file.
        private mutating func read(_ csv: Data, days: inout Set<String>) {
            let bytes = [UInt8](csv)
            var fields: [Range<Int>] = []
            var position = 0
            var header: [String: Int] = [:]
            while position < bytes.count {
                position = Self.row(bytes, from: position, into: &fields)
                func text(_ index: Int) -> String {
                    var range = fields[index]
                    if range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") {
                        range = range.lowerBound + 1..<range.upperBound - 1
                    }
                    return String(decoding: bytes[range], as: UTF8.self)
                }
                if header.isEmpty {
                    for index in fields.indices { header[text(index)] = index }
                    continue
                }
                guard fields.count == header.count, let type = header["lineItem/LineItemType"],
                      Self.usageTypes.contains(text(type)) else { continue }
                let day = String(text(header["lineItem/UsageStartDate"]!).prefix(10))
                let series = text(header["lineItem/UsageAccountId"]!) + "|" + text(header["lineItem/ProductCode"]!)
                    + "|" + text(header["lineItem/UsageType"]!)
                cost[series, default: [:]][day, default: 0] += Self.fixed(text(header["lineItem/UnblendedCost"]!))
                days.insert(day)
            }
        }

        /// Splits the row starting at `start` into field ranges (RFC 4180 quotes); returns where the next row starts.
        private static func row(_ bytes: [UInt8], from start: Int, into fields: inout [Range<Int>]) -> Int {
            fields.removeAll(keepingCapacity: true)
            var position = start
            var fieldStart = start
            var quoted = false
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    quoted.toggle()
                } else if !quoted && byte == UInt8(ascii: ",") {
                    fields.append(fieldStart..<position)
                    fieldStart = position + 1
                } else if !quoted && byte == 10 {
                    fields.append(fieldStart..<position)
                    return position + 1
                }
                position += 1
            }
            fields.append(fieldStart..<position)
            return position
        }

        /// A plain decimal (`-0.0001234567`, `12`) in 10^-10 units, exactly.
        static func fixed(_ text: String) -> Int64 {
            let negative = text.hasPrefix("-")
            let digits = negative ? text.dropFirst() : Substring(text)
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            let whole = Int64(parts[0]) ?? 0
            var fraction: Int64 = 0
            if parts.count > 1 {
                let padded = String(parts[1].prefix(10)).padding(toLength: 10, withPad: "0", startingAt: 0)
                fraction = Int64(padded) ?? 0
            }
            let value = whole * 10_000_000_000 + fraction
            return negative ? -value : value
        }
    }
}
