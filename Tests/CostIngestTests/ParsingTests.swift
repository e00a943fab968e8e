@testable import CostModel
import Testing
@testable import CostIngest

private func day(_ text: String) throws -> String {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBytes { raw in try TimestampParser.utcDay(raw).description }
}

@Suite("Amounts and timestamps")
struct ParsingTests {
    @Test("decimal amounts parse exactly to nano-units", arguments: [
        ("0", Int64(0)), ("1", 1_000_000_000), ("-2.5", -2_500_000_000), ("+0.000000001", 1),
        ("0.0000012345", 1234), ("0.0000012355", 1236), ("0.0000000005", 0), ("0.0000000015", 2),
        ("1.5E-7", 150), ("6.0e-7", 600), ("12345678.123456789", 12_345_678_123_456_789), (".5", 500_000_000),
        ("5.", 5_000_000_000),
    ])
    func decimals(text: String, nanos: Int64) throws {
        #expect(try DecimalParser.parseFixed(text) == nanos)
    }

    @Test("the fast path for plain decimals agrees with the general parser on random amounts")
    func plainMatchesGeneral() throws {
        var generator = SystemRandomNumberGenerator()
        var fast = 0
        for _ in 0..<20_000 {
            let integer = String(UInt64.random(in: 0...999_999_999, using: &generator)).prefix(Int.random(in: 0...9, using: &generator))
            let fraction = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            var text = (Bool.random(using: &generator) ? "-" : "") + integer
            if !fraction.isEmpty || Bool.random(using: &generator) { text += "." + fraction }
            for scale in [3, 9] {
                let bytes = Array(text.utf8)
                let plain = bytes.withUnsafeBytes { DecimalParser.parsePlain($0, scaleDigits: scale) }
                let general = try? bytes.withUnsafeBytes { try DecimalParser.parseGeneral($0, scaleDigits: scale) }
                if let plain {
                    fast += 1
                    #expect(plain == general, "\(text) at scale \(scale)")
                }
            }
        }
        #expect(fast > 30_000)
    }

    @Test("invalid amounts are rejected", arguments: ["1abc", "0x10", "NaN", "nan", "Infinity", "1e309", "", "-", ".",
                                                      "1e", "1.2.3", " 1", "1 ", "99999999999"])
    func invalidDecimals(text: String) {
        #expect(throws: DecimalParser.Failure.self) { try DecimalParser.parseFixed(text) }
    }

    @Test("timestamp forms of real exports give the UTC day", arguments: [
        ("2024-01-01", "2024-01-01"), ("2024-01-01T00:00:00Z", "2024-01-01"), ("2024-01-01T00:00:00.000Z", "2024-01-01"),
        ("2024-01-01 00:00:00", "2024-01-01"), ("2024-01-01T23:30:00+00:00", "2024-01-01"),
        ("2024-01-01T03:00:00+05:30", "2023-12-31"), ("2024-01-01T20:00:00-05:00", "2024-01-02"),
        ("2024-02-29T12:00:00Z", "2024-02-29"), ("2024-03-01T01:00:00+0200", "2024-02-29"), ("2024-01-01T10:00Z", "2024-01-01"),
    ])
    func timestamps(text: String, expected: String) throws {
        #expect(try day(text) == expected)
    }

    @Test("impossible dates and times are rejected, never rolled over", arguments: [
        "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-01T24:00:00Z", "2024-01-01T10:60:00Z",
        "13/02/2024", "02/30/2024", "1/2/24", "2024-01-01T00:00:00Zjunk", "2024-1-1", "",
    ])
    func invalidTimestamps(text: String) {
        #expect(throws: TimestampParser.Failure.self) { try day(text) }
    }

    @Test("day arithmetic matches the calendar")
    func days() {
        #expect(Day(year: 1970, month: 1, day: 1)!.index == 0)
        #expect(Day(year: 2000, month: 3, day: 1)!.description == "2000-03-01")
        #expect(Day("2024-12-31")!.adding(days: 1).description == "2025-01-01")
        #expect(Day(year: 2100, month: 2, day: 29) == nil)
        for index in stride(from: -719_000, to: 2_900_000, by: 997) {
            let day = Day(index: Int32(index))
            let (y, m, d) = day.components
            #expect(Day(year: y, month: m, day: d) == day)
        }
    }

    @Test("tag objects: scalars, escapes, null skipped, nesting rejected")
    func tags() throws {
        func parse(_ text: String) throws -> [String: String] {
            var result: [String: String] = [:]
            let bytes = Array(text.utf8)
            try bytes.withUnsafeBytes { raw in
                try TagObjectParser.parse(raw) { key, value in
                    result[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
                }
            }
            return result
        }
        #expect(try parse(#"{"team":"web","n":42,"ok":true,"gone":null,"q":"a\"b\u00e9"}"#)
                == ["team": "web", "n": "42", "ok": "true", "q": "a\"bé"])
        #expect(try parse("{}") == [:])
        #expect(throws: TagObjectParser.Failure.self) { try parse(#"{"a":{"b":1}}"#) }
        #expect(throws: TagObjectParser.Failure.self) { try parse(#"{"a":"b""#) }
    }
}
