import CostModel

/// Typed reads of the current record's fields, turning bad values into `RowProblem`s that name the
/// column and the value.
struct FieldAccess {
    let record: CSVReader
    /// Whether the literal `NULL` / `null` means a missing value (FOCUS files write nulls that way).
    let nullTokens: Bool

    /// The bytes of a column, or empty when the column is absent or the value is null.
    @inline(__always)
    func bytes(_ column: Int?) -> UnsafeRawBufferPointer {
        guard let column else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let field = record.field(column)
        if nullTokens && field.count == 4 && (field[0] == 0x4E || field[0] == 0x6E)
            && (field.elementsEqual("NULL".utf8) || field.elementsEqual("null".utf8)) {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return field
    }

    /// A money value in nano-units; absent or empty is 0.
    @inline(__always)
    func money(_ column: Int?) throws(RowProblem) -> Int64 {
        let field = bytes(column)
        if field.isEmpty { return 0 }
        do {
            return try DecimalParser.parseFixed(field, scaleDigits: 9)
        } catch {
            throw RowProblem(column: column, value: String(decoding: field, as: UTF8.self), reason: "invalid amount: \(error)")
        }
    }

    /// A quantity in thousandths; absent or empty is 0.
    @inline(__always)
    func quantity(_ column: Int?) throws(RowProblem) -> Int64 {
        let field = bytes(column)
        if field.isEmpty { return 0 }
        do {
            return try DecimalParser.parseFixed(field, scaleDigits: 3)
        } catch {
            throw RowProblem(column: column, value: String(decoding: field, as: UTF8.self), reason: "invalid quantity: \(error)")
        }
    }

    /// The UTC day of a timestamp column, which must be present.
    @inline(__always)
    func day(_ column: Int) throws(RowProblem) -> Day {
        let field = bytes(column)
        guard !field.isEmpty else { throw RowProblem(column: column, value: "", reason: "missing date") }
        do {
            return try TimestampParser.utcDay(field)
        } catch {
            throw RowProblem(column: column, value: String(decoding: field, as: UTF8.self), reason: "invalid date: \(error.reason)")
        }
    }

    /// The UTC day of a timestamp column, parsed only when it differs from the one `memo` remembers.
    @inline(__always)
    func day(_ column: Int, memo: DayMemo) throws(RowProblem) -> Day {
        let field = bytes(column)
        if let day = memo.day(of: field) { return day }
        let day = try day(column)
        memo.remember(field, day: day)
        return day
    }

    /// Whether a column's value equals an ASCII constant.
    @inline(__always)
    func equals(_ column: Int?, _ constant: StaticString) -> Bool {
        let field = bytes(column)
        guard field.count == constant.utf8CodeUnitCount else { return false }
        return memcmp(field.baseAddress!, constant.utf8Start, field.count) == 0
    }
}

#if canImport(Glibc)
import Glibc
#endif
