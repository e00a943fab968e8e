import CostModel

/// The CSV reader's typed field access: every value is text, parsed on demand.
extension CSVReader {
    @inline(__always)
    public func text(_ column: Int) -> UnsafeRawBufferPointer {
        let field = field(column)
        if nullTokensAreMissing && field.count == 4 && (field[0] == 0x4E || field[0] == 0x6E)
            && (field.elementsEqual("NULL".utf8) || field.elementsEqual("null".utf8)) {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return field
    }

    @inline(__always)
    public func isNull(_ column: Int) -> Bool { text(column).isEmpty }

    @inline(__always)
    public func fixedPoint(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64 {
        let field = text(column)
        if field.isEmpty { return 0 }
        do {
            return try DecimalParser.parseFixed(field, scaleDigits: scaleDigits)
        } catch {
            throw FieldError("\(error)")
        }
    }

    @inline(__always)
    public func utcDay(_ column: Int) throws(FieldError) -> Day? {
        try dayMemo.utcDay(text(column))
    }

    /// A map is a flat JSON object in one field (FOCUS `Tags`, CUR 2.0 `resource_tags`).
    public func forEachEntry(_ column: Int,
                             _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(FieldError) {
        let field = text(column)
        if field.isEmpty { return }
        do {
            try TagObjectParser.parse(field, body)
        } catch {
            throw FieldError(error.reason)
        }
    }
}
