import CostModel

/// The credits on one Google Cloud line item, summed in nano-units: committed use discount credits
/// apart from the others (free tier, sustained use, promotions, ...), since the commitments
/// measures need them.
///
/// Read from whichever shape the file has: the `credits` list as JSON (flattened CSV, and JSON
/// Lines whose first lines had only empty lists), or the repeated `credits.amount` and
/// `credits.type` columns (Parquet, JSON Lines), whose values the containers list in order.
struct GCPCredits {
    var committedUse: Int64 = 0
    var other: Int64 = 0
    var total: Int64 { committedUse + other }

    /// Where a file keeps its credits.
    enum Columns {
        case none
        case json(Int)
        case repeated(amount: Int, type: Int?)
    }

    static func columns(_ header: HeaderIndex) -> Columns {
        if let amount = header["credits.amount"] { return .repeated(amount: amount, type: header["credits.type"]) }
        if let list = header["credits"] { return .json(list) }
        return .none
    }

    /// Reads the record's credits.
    /// - Throws: `RowProblem` naming the column for an amount that is not a number or a list that
    ///   is not JSON.
    init<Record: RecordSource>(_ fields: FieldAccess<Record>, _ columns: Columns) throws(RowProblem) {
        switch columns {
        case .none:
            return
        case .repeated(let amount, let type):
            // Without types, every credit counts as `other`; with them, the amounts and types are
            // listed in the same order.
            guard let type, !fields.isMissing(type) else { other = try fields.money(amount); return }
            let amounts = Self.split(fields.bytes(amount))
            let types = Self.split(fields.bytes(type)).map { String(decoding: $0, as: UTF8.self) }
            for (index, text) in amounts.enumerated() {
                let value: Int64
                do { value = try DecimalParser.parseFixed(text, scaleDigits: 9) } catch {
                    throw RowProblem(column: amount, value: String(decoding: text, as: UTF8.self), reason: "invalid credit amount")
                }
                try add(value, committed: index < types.count && types[index].hasPrefix("COMMITTED_USAGE_DISCOUNT"), column: amount)
            }
        case .json(let column):
            let text = fields.bytes(column)
            if text.isEmpty { return }
            do throws(JSONSyntaxError) {
                var scanner = JSONScanner(text)
                let list = try scanner.value()
                scanner.skipSpace()
                guard scanner.index == text.count, list.kind == .array else {
                    throw JSONSyntaxError(reason: "credits must be a JSON list", offset: 0)
                }
                var elements = JSONScanner(text, at: list.start)
                var found: [(Int64, Bool)] = []
                try elements.container(isObject: false, depth: 0) { inner, _ throws(JSONSyntaxError) in
                    let credit = try inner.value(depth: 1)
                    guard credit.kind == .object else { throw JSONSyntaxError(reason: "a credit must be an object", offset: credit.start) }
                    found.append(try Self.credit(text, credit))
                }
                for (value, committed) in found {
                    do { try add(value, committed: committed, column: column) } catch {
                        throw JSONSyntaxError(reason: error.reason, offset: 0)
                    }
                }
            } catch {
                throw RowProblem(column: column, value: String(decoding: text, as: UTF8.self).prefix(200).description,
                                 reason: "invalid credits: \(error.reason)")
            }
        }
    }

    private mutating func add(_ value: Int64, committed: Bool, column: Int) throws(RowProblem) {
        let (sum, overflow) = (committed ? committedUse : other).addingReportingOverflow(value)
        guard !overflow else { throw RowProblem(column: column, value: "", reason: "credits out of range") }
        if committed { committedUse = sum } else { other = sum }
    }

    /// One credit object's amount (a number, or a number in a string) and whether it is a CUD credit.
    private static func credit(_ text: UnsafeRawBufferPointer, _ object: JSONSpan) throws(JSONSyntaxError) -> (Int64, Bool) {
        var scanner = JSONScanner(text, at: object.start)
        var amount: Int64 = 0
        var committed = false
        try scanner.container(isObject: true, depth: 1) { inner, key throws(JSONSyntaxError) in
            let value = try inner.value(depth: 2)
            let name = JSONScanner.raw(text, key!)
            if name.elementsEqual("amount".utf8), value.kind == .number || value.kind == .string {
                do { amount = try DecimalParser.parseFixed(JSONScanner.raw(text, value), scaleDigits: 9) } catch {
                    throw JSONSyntaxError(reason: "a credit amount is not a number", offset: value.start)
                }
            } else if name.elementsEqual("type".utf8), value.kind == .string {
                committed = JSONScanner.raw(text, value).starts(with: "COMMITTED_USAGE_DISCOUNT".utf8)
            }
        }
        return (amount, committed)
    }

    /// A repeated column's listed values (`;` between them, as the containers list them).
    private static func split(_ bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        guard !bytes.isEmpty else { return [] }
        var parts: [UnsafeRawBufferPointer] = []
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ";") {
            parts.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            start = index + 1
        }
        return parts
    }
}
