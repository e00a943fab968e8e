import Foundation
@testable import Parquet
import Testing

/// The typed conversions the ingest uses: fixed point, timestamps and days, with their errors.
@Suite("typed conversions")
struct ConversionTests {
    private func column(_ name: String) throws -> ParquetColumn {
        let directory = try GeneratedFileTests.generated.get()
        let fixture = try ParquetFixture(path: directory + "/pyarrow-types.parquet")  // keeps the bytes alive while `file` is used
        let file = try fixture.open()
        let index = try #require(file.schema.column(named: name)?.index)
        return try #require(file.readRowGroup(0, columns: [index]).columns.first)
    }

    private func firstValue(_ column: ParquetColumn) throws -> Int {
        try #require((0..<column.rowCount).lazy.compactMap { column.valueIndex(row: $0) }.first)
    }

    @Test("DECIMAL on INT32, INT64 and FIXED rescales exactly to nano-units, and rounds half-even below")
    func decimals() throws {
        for name in ["dec_i32", "dec_i64", "dec_fixed"] {
            let column = try column(name)
            let index = try firstValue(column)
            let scale = try #require(column.descriptor.decimalScale)
            let unscaled = try column.unscaledDecimal(index)
            if scale <= 9 {
                var expected = unscaled
                for _ in scale..<9 { expected *= 10 }
                if let fits = Int64(exactly: expected) {
                    #expect(try column.fixedPoint(index, digits: 9) == fits, "\(name)")
                } else {
                    #expect(throws: ParquetError.self) { try column.fixedPoint(index, digits: 9) }
                }
            }
            #expect(Int128(try column.fixedPoint(index, digits: scale)) == unscaled, "\(name)")
        }
        // dec_i32 has scale 2: 0 digits rounds half-even.
        let column = try column("dec_i32")
        for row in 0..<column.rowCount {
            guard let index = column.valueIndex(row: row) else { continue }
            let unscaled = Int64(column.values.int32s[index])
            let expected = Int64((Double(unscaled) / 100).rounded(.toNearestOrEven))
            #expect(try column.fixedPoint(index, digits: 0) == expected)
        }
    }

    @Test("a value too large for 64 bits at the digits asked is an overflow error naming the column")
    func overflow() throws {
        let column = try column("dec_i64")
        let index = try #require((0..<column.rowCount).lazy.compactMap { column.valueIndex(row: $0) }.first { abs(column.values.int64s[$0]) > 10_000_000_000_000 })
        let error = #expect(throws: ParquetError.self) { try column.fixedPoint(index, digits: 18) }
        #expect(error?.kind == .conversion)
        #expect(error?.description.contains("dec_i64") == true)
        #expect(error?.description.contains("pyarrow-types.parquet") == true)
    }

    @Test("timestamps in ms, us and ns become the same microseconds; dates become days")
    func timestamps() throws {
        for (name, perMicro) in [("ts_ms_utc", -1000), ("ts_us_utc", 1), ("ts_ns_utc", 1000), ("ts_ms_local", -1000), ("ts_ns_local", 1000)] {
            let column = try column(name)
            for row in 0..<min(column.rowCount, 50) {
                guard let index = column.valueIndex(row: row) else { continue }
                let raw = column.values.int64s[index]
                let micros = perMicro < 0 ? raw * 1000 : Int64((Double(raw) / Double(perMicro)).rounded(.down))
                if perMicro == 1000 { #expect(abs(try column.timestampMicros(index) - micros) <= 1) } else { #expect(try column.timestampMicros(index) == micros) }
                let day = try column.dayNumber(index)
                #expect(Int64(day) * 86_400_000_000 <= (try column.timestampMicros(index)))
                #expect((Int64(day) + 1) * 86_400_000_000 > (try column.timestampMicros(index)))
            }
        }
        let dates = try column("date")
        let index = try firstValue(dates)
        #expect(try dates.dayNumber(index) == dates.values.int32s[index])
        #expect(try dates.timestampMicros(index) == Int64(dates.values.int32s[index]) * 86_400_000_000)
    }

    @Test("wrong-type conversions are clear errors")
    func wrongType() throws {
        let text = try column("text")
        let index = try firstValue(text)
        #expect(try text.string(index).hasPrefix("row "))
        #expect(throws: ParquetError.self) { try text.timestampMicros(index) }
        #expect(throws: ParquetError.self) { try text.fixedPoint(index, digits: 2) }
        let numbers = try column("i16")
        #expect(throws: ParquetError.self) { try numbers.string(try firstValue(numbers)) }
        #expect(try numbers.fixedPoint(try firstValue(numbers), digits: 3) == Int64(numbers.values.int32s[try firstValue(numbers)]) * 1000)
    }

    @Test("FLOAT and DOUBLE round half-even; infinities and NaN are errors")
    func floats() throws {
        let directory = try GeneratedFileTests.generated.get()
        let fixture = try ParquetFixture(path: directory + "/pyarrow-flat-none-plain-v1.parquet")  // keeps the bytes alive while `file` is used
        let file = try fixture.open()
        let column = try #require(file.readRowGroup(0, columns: [4]).columns.first)
        #expect(column.descriptor.dottedPath == "f64")
        var sawError = false
        for row in 0..<column.rowCount {
            guard let index = column.valueIndex(row: row) else { continue }
            let value = column.values.doubles[index]
            if value.isFinite {
                #expect(try column.fixedPoint(index, digits: 2) == Int64((value * 100).rounded(.toNearestOrEven)))
            } else {
                #expect(throws: ParquetError.self) { try column.fixedPoint(index, digits: 2) }
                sawError = true
            }
        }
        #expect(sawError)
    }

    @Test("fuzzer finding: conversions of extreme values throw instead of trapping")
    func extremeValues() throws {
        // A DATE of Int32.max days does not fit microseconds; a DECIMAL scale of -2^31 must not loop.
        let file = HandBuiltParquet.plain([Int32.max, Int32.min, 0])
        let fixture = ParquetFixture(bytes: file.bytes())
        var column = try #require(fixture.readAll().first?.columns.first)
        column.descriptor.logicalType = .date
        #expect(throws: ParquetError.self) { try column.timestampMicros(0) }
        #expect(try column.dayNumber(0) == Int32.max)
        column.descriptor.logicalType = .decimal(precision: 9, scale: Int32.min)
        #expect(throws: ParquetError.self) { try column.fixedPoint(0, digits: 9) }
        #expect(try column.fixedPoint(2, digits: 9) == 0)
    }
}
