import CostModel

/// Typed reads of the current record's fields for a format adapter, turning bad values into
/// `RowProblem`s that name the column and the value.
struct FieldAccess<Record: RecordSource> {
    let record: Record

    /// The bytes of a column, or empty when the column is absent or the value is null.
    @inline(__always)
    func bytes(_ column: Int?) -> UnsafeRawBufferPointer {
        guard let column else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return record.text(column)
    }

    /// Whether a column is absent, or its value null or empty.
    @inline(__always)
    func isMissing(_ column: Int?) -> Bool {
        guard let column else { return true }
        return record.isNull(column)
    }

    /// A money value in nano-units; absent or empty is 0.
    @inline(__always)
    func money(_ column: Int?) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        do {
            return try record.fixedPoint(column, scaleDigits: 9)
        } catch {
            throw problem(column, "invalid amount: \(error.reason)")
        }
    }

    /// A quantity in thousandths; absent or empty is 0.
    @inline(__always)
    func quantity(_ column: Int?) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        do {
            return try record.fixedPoint(column, scaleDigits: 3)
        } catch {
            throw problem(column, "invalid quantity: \(error.reason)")
        }
    }

    /// A whole, non-negative count (a roll-up's `x_LineItems`); absent or empty is 0.
    @inline(__always)
    func count(_ column: Int?) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        let value: Int64
        do {
            value = try record.fixedPoint(column, scaleDigits: 0)
        } catch {
            throw problem(column, "invalid count: \(error.reason)")
        }
        guard value >= 0 else { throw problem(column, "invalid count: negative") }
        return value
    }

    /// The UTC day of a timestamp column, which must be present.
    @inline(__always)
    func day(_ column: Int) throws(RowProblem) -> Day {
        let found: Day?
        do {
            found = try record.utcDay(column)
        } catch {
            throw problem(column, "invalid date: \(error.reason)")
        }
        guard let found else { throw RowProblem(column: column, value: "", reason: "missing date") }
        return found
    }

    /// Calls `body` with each key and value of a map column (tags); nothing when absent.
    @inline(__always)
    func entries(_ column: Int?,
                 _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(RowProblem) {
        guard let column else { return }
        do {
            try record.forEachEntry(column, body)
        } catch {
            throw problem(column, error.reason)
        }
    }

    /// Whether a column's value equals an ASCII constant.
    @inline(__always)
    func equals(_ column: Int?, _ constant: StaticString) -> Bool {
        let field = bytes(column)
        guard field.count == constant.utf8CodeUnitCount else { return false }
        return memcmp(field.baseAddress!, constant.utf8Start, field.count) == 0
    }

    private func problem(_ column: Int, _ reason: String) -> RowProblem {
        RowProblem(column: column, value: String(decoding: record.text(column), as: UTF8.self), reason: reason)
    }
}

#if canImport(Glibc)
import Glibc
#endif
