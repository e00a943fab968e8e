import CostModel

/// The records of a JSON Lines file (or of a chunk of one): each line is validated whole and
/// scanned once, and the values of the adapter's columns are kept as spans into the line.
///
/// Invalid JSON stops the read with an error naming the line and byte (`IngestError.row`, as CSV
/// damage does); a value of the wrong type is a `FieldError` for that field, which the adapter turns
/// into a rejected line item.
final class JSONLRecordSource: RecordSource {
    private let input: OpenedJSONL
    private let lines: JSONLines
    private let tree: JSONPathTree
    private let wanted: [Int]
    /// Spans of each column's values on the current line (several for a repeated column).
    private var values: [[JSONSpan]]
    private var current = UnsafeRawBufferPointer(start: nil, count: 0)
    private var lineCount = 0
    private var recordLine = 0
    private var isFirstLine: Bool
    private var scratch: [[UInt8]]
    private let dayMemo = DayMemo()
    var stopOffset: Int64?

    init(input: OpenedJSONL, lines: JSONLines, first: Bool, columns: [Int]) {
        self.input = input
        self.lines = lines
        wanted = columns
        tree = JSONPathTree(columns: columns.map { ($0, input.columnNames[$0]) })
        values = Array(repeating: [], count: input.columnNames.count)
        scratch = Array(repeating: [], count: input.columnNames.count)
        isFirstLine = first
    }

    // MARK: - Walking lines

    func next() throws -> Bool {
        while true {
            if let stopOffset, lines.offset >= stopOffset { return false }
            let found: UnsafeRawBufferPointer?
            do {
                found = try lines.next()
            } catch JSONLines.Failure.tooLong(let limit) {
                throw IngestError.row(path: input.path, line: lineCount + 1, column: nil, columnName: nil, value: "",
                                      reason: "line longer than \(limit) bytes")
            }
            guard var line = found else { return false }
            lineCount += 1
            if isFirstLine { line = OpenedJSONL.skipBOM(line); isFirstLine = false }
            for column in wanted { values[column].removeAll(keepingCapacity: true) }
            var scanner = JSONScanner(line)
            scanner.skipSpace()
            if scanner.index == line.count { continue }
            do throws(JSONSyntaxError) {
                guard line[scanner.index] == UInt8(ascii: "{") else {
                    throw JSONSyntaxError(reason: "a line must hold a JSON object", offset: scanner.index)
                }
                try walk(&scanner, node: 0, depth: 0)
                scanner.skipSpace()
                guard scanner.index == line.count else { throw scanner.fail("text after the JSON object") }
            } catch {
                throw IngestError.row(path: input.path, line: lineCount, column: nil, columnName: nil, value: "",
                                      reason: "invalid JSON at byte \(error.offset + 1): \(error.reason)")
            }
            current = line
            recordLine = lineCount
            return true
        }
    }

    /// Scans the value at the scanner, descending only where a wanted column lies below, and keeps
    /// the spans of wanted columns.
    private func walk(_ scanner: inout JSONScanner, node: Int, depth: Int) throws(JSONSyntaxError) {
        scanner.skipSpace()
        let start = scanner.index
        let span: JSONSpan
        if !tree.nodes[node].children.isEmpty, start < scanner.bytes.count,
           scanner.bytes[start] == UInt8(ascii: "{") || scanner.bytes[start] == UInt8(ascii: "[") {
            guard depth < scanner.maxDepth else { throw scanner.fail("nested deeper than \(scanner.maxDepth) levels") }
            let isObject = scanner.bytes[start] == UInt8(ascii: "{")
            let bytes = scanner.bytes
            try scanner.container(isObject: isObject, depth: depth) { inner, key throws(JSONSyntaxError) in
                if let key {
                    if let child = tree.child(of: node, key: JSONScanner.raw(bytes, key)) {
                        try walk(&inner, node: child, depth: depth + 1)
                    }
                } else {
                    // Array elements stay on the array's path: their members are repeated columns.
                    try walk(&inner, node: node, depth: depth + 1)
                }
            }
            span = JSONSpan(kind: isObject ? .object : .array, start: start, end: scanner.index)
        } else {
            span = try scanner.value(depth: depth)
        }
        if let column = tree.nodes[node].column { values[column].append(span) }
    }

    var fieldCount: Int { input.columnNames.count }
    var line: Int { recordLine }
    var linesConsumed: Int { lineCount }
    var nextRecordOffset: Int64 { lines.offset }
    var inputBytesConsumed: Int64 { lines.bytesConsumed }
    var rawRecord: String { String(decoding: current, as: UTF8.self) }

    // MARK: - Fields

    /// The bytes of one span: a string decoded (into the column's scratch when it has escapes).
    private func bytes(_ span: JSONSpan, column: Int) -> UnsafeRawBufferPointer {
        if span.kind == .null { return UnsafeRawBufferPointer(start: nil, count: 0) }
        guard span.escaped else { return JSONScanner.raw(current, span) }
        do {
            try JSONScanner.decode(current, span, into: &scratch[column])
        } catch {
            return JSONScanner.raw(current, span)
        }
        return scratch[column].withUnsafeBytes { $0 }
    }

    func text(_ column: Int) -> UnsafeRawBufferPointer {
        let spans = values[column]
        if spans.count == 1 { return bytes(spans[0], column: column) }
        if spans.isEmpty { return UnsafeRawBufferPointer(start: nil, count: 0) }
        // A repeated column's values, listed as the Parquet container lists them.
        var joined: [UInt8] = []
        for span in spans where span.kind != .null {
            if !joined.isEmpty { joined.append(UInt8(ascii: ";")) }
            joined.append(contentsOf: bytes(span, column: column))
        }
        scratch[column] = joined
        return scratch[column].withUnsafeBytes { $0 }
    }

    func isNull(_ column: Int) -> Bool {
        values[column].allSatisfy { $0.kind == .null || ($0.kind == .string && $0.start == $0.end) }
    }

    func fixedPoint(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64 {
        var sum: Int64 = 0
        for span in values[column] {
            let value: Int64
            switch span.kind {
            case .null: continue
            case .number, .string:
                let field = bytes(span, column: column)
                if field.isEmpty { continue }
                do {
                    value = try DecimalParser.parseFixed(field, scaleDigits: scaleDigits)
                } catch {
                    throw FieldError("\(error)")
                }
            case .bool, .object, .array:
                throw FieldError("expected a number, found \(Self.describe(span.kind))")
            }
            let (total, overflow) = sum.addingReportingOverflow(value)
            guard !overflow else { throw FieldError("the values' sum is out of range") }
            sum = total
        }
        return sum
    }

    func utcDay(_ column: Int) throws(FieldError) -> Day? {
        guard let span = values[column].first, span.kind != .null else { return nil }
        guard span.kind == .string else { throw FieldError("expected a timestamp string, found \(Self.describe(span.kind))") }
        return try dayMemo.utcDay(bytes(span, column: column))
    }

    func forEachEntry(_ column: Int,
                      _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(FieldError) {
        for span in values[column] where span.kind != .null {
            switch span.kind {
            case .object, .array:
                do {
                    try JSONMapEntries.forEach(in: current, span, body)
                } catch {
                    throw FieldError(error.reason)
                }
            case .string:
                // A map written as JSON text inside a string (as flattened exports sometimes do).
                do {
                    try TagObjectParser.parse(bytes(span, column: column), body)
                } catch {
                    throw FieldError(error.reason)
                }
            default:
                throw FieldError("expected labels as an object or a list of {key, value}, found \(Self.describe(span.kind))")
            }
        }
    }

    static func describe(_ kind: JSONSpan.Kind) -> String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .object: return "an object"
        case .array: return "an array"
        }
    }
}
