import CostModel

/// Typed reads of the current record's fields for a format adapter, turning bad values into
/// `RowProblem`s that name the column and the value.
struct FieldAccess<Record: RecordSource> {
    /// The record, unretained: the adapter's caller holds it for the whole row, and a strong
    /// reference here was a retain and a release per line item (perf: 3% of a Parquet ingest).
    private let unretained: Unmanaged<Record>

    init(record: Record) { unretained = Unmanaged.passUnretained(record) }

    /// Calls `body` with the record, unretained (typed errors pass through as a `Result`).
    @inline(__always)
    private func withRecord<Value>(_ body: (Record) throws(FieldError) -> Value) -> Result<Value, FieldError> {
        unretained._withUnsafeGuaranteedRef { record in
            do throws(FieldError) { return .success(try body(record)) } catch { return .failure(error) }
        }
    }

    /// The record's text of a column, unretained.
    @inline(__always)
    private func text(_ column: Int) -> UnsafeRawBufferPointer {
        unretained._withUnsafeGuaranteedRef { $0.text(column) }
    }

    /// The bytes of a column, or empty when the column is absent or the value is null.
    @inline(__always)
    func bytes(_ column: Int?) -> UnsafeRawBufferPointer {
        guard let column else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return text(column)
    }

    /// The bytes of `column`, or of `fallback` when those are empty (a column some exports leave
    /// blank beside an older or coarser one: region code or name, service name or id).
    @inline(__always)
    func bytes(_ column: Int?, orElse fallback: Int?) -> UnsafeRawBufferPointer {
        let first = bytes(column)
        return first.isEmpty ? bytes(fallback) : first
    }

    /// Whether a column is absent, or its value null or empty.
    @inline(__always)
    func isMissing(_ column: Int?) -> Bool {
        guard let column else { return true }
        return unretained._withUnsafeGuaranteedRef { $0.isNull(column) }
    }

    /// A money value in nano-units; absent or empty is 0.
    @inline(__always)
    func money(_ column: Int?) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        switch withRecord({ record throws(FieldError) in try record.fixedPoint(column, scaleDigits: 9) }) {
        case .success(let value): return value
        case .failure(let error): throw problem(column, "invalid amount: \(error.reason)")
        }
    }

    /// A quantity in thousandths; absent or empty is 0.
    @inline(__always)
    func quantity(_ column: Int?) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        switch withRecord({ record throws(FieldError) in try record.fixedPoint(column, scaleDigits: 3) }) {
        case .success(let value): return value
        case .failure(let error): throw problem(column, "invalid quantity: \(error.reason)")
        }
    }

    /// A fixed-point value at `scaleDigits` decimals, its error starting with `invalid`; absent or
    /// empty is 0.
    @inline(__always)
    func fixedPoint(_ column: Int?, scaleDigits: Int, invalid: String) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        switch withRecord({ record throws(FieldError) in try record.fixedPoint(column, scaleDigits: scaleDigits) }) {
        case .success(let value): return value
        case .failure(let error): throw problem(column, "\(invalid): \(error.reason)")
        }
    }

    /// A whole, non-negative count (a roll-up's `x_LineItems`); absent or empty is 0.
    @inline(__always)
    func count(_ column: Int?) throws(RowProblem) -> Int64 {
        guard let column else { return 0 }
        let value: Int64
        switch withRecord({ record throws(FieldError) in try record.fixedPoint(column, scaleDigits: 0) }) {
        case .success(let read): value = read
        case .failure(let error): throw problem(column, "invalid count: \(error.reason)")
        }
        guard value >= 0 else { throw problem(column, "invalid count: negative") }
        return value
    }

    /// The UTC day of a timestamp column, which must be present.
    @inline(__always)
    func day(_ column: Int) throws(RowProblem) -> Day {
        let found: Day?
        switch withRecord({ record throws(FieldError) in try record.utcDay(column) }) {
        case .success(let day): found = day
        case .failure(let error): throw problem(column, "invalid date: \(error.reason)")
        }
        guard let found else { throw RowProblem(column: column, value: "", reason: "missing date") }
        return found
    }

    /// Calls `body` with each key and value of a map column (tags); nothing when absent.
    @inline(__always)
    func entries(_ column: Int?,
                 _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(RowProblem) {
        guard let column else { return }
        if case .failure(let error) = withRecord({ record throws(FieldError) in try record.forEachEntry(column, body) }) {
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
        RowProblem(column: column, value: String(decoding: text(column), as: UTF8.self), reason: reason)
    }
}

#if canImport(Glibc)
import Glibc
#endif
