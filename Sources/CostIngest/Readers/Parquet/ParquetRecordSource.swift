import CostModel
import Foundation
import Parquet

/// The records of a run of row groups of one Parquet file, one decoded row group at a time.
///
/// Offsets are the file offsets where row groups start: a source reads the groups starting at or
/// after its first offset and stops before the first group starting at or after `stopOffset`.
final class ParquetRecordSource: RecordSource {
    private let input: OpenedParquet
    /// The adapter's columns (indexes into `input.columns`), and the leaves they need.
    private let wanted: [Int]
    private let leaves: [Int]
    /// Positions in `input.groups` still to read.
    private var nextGroup: Int
    private var groupRows = 0
    private var groupStarted = false
    /// The current group's columns, by adapter column (nil for columns the adapter does not read).
    private var slots: ContiguousArray<ParquetSlot?>
    /// The same columns as plain pointers, for the per-field reads (see `ParquetField`).
    private let fields: UnsafeMutablePointer<ParquetField>
    private var row = -1
    private var rowsRead = 0
    /// Text of numbers, dates and maps, one buffer per column, valid until the next record.
    /// Owned memory (freed in `deinit`), so the bytes handed out stay valid until replaced.
    private var scratch: [Int: UnsafeMutableRawBufferPointer] = [:]
    /// The decoder's page buffer and zstd context, reused from row group to row group.
    private let decoderScratch = ParquetScratch()
    var stopOffset: Int64?
    /// Counts row groups loaded: dictionary entries identify values only within one.
    private(set) var signatureEpoch = 0
    private let signatures = ParquetRowSignatures()
    private var signaturesBuiltFor = 0
    private var signaturesUsable = false
    private var signatureBlock = 0..<0

    init(input: OpenedParquet, from offset: Int64, columns: [Int]) {
        self.input = input
        wanted = columns.filter { input.columns.indices.contains($0) }
        leaves = Array(Set(wanted.flatMap { input.columns[$0].leaves })).sorted()
        nextGroup = input.groups.firstIndex { $0.start >= offset } ?? input.groups.count
        slots = ContiguousArray(repeating: nil, count: input.columns.count)
        fields = .allocate(capacity: max(1, input.columns.count))
        fields.initialize(repeating: ParquetField(), count: max(1, input.columns.count))
    }

    // MARK: - Walking rows

    func next() throws -> Bool {
        while true {
            if groupStarted, row + 1 < groupRows {
                row += 1
                rowsRead += 1
                return true
            }
            guard nextGroup < input.groups.count else { return false }
            let (index, start) = input.groups[nextGroup]
            if let stopOffset, start >= stopOffset { return false }
            nextGroup += 1
            try load(index)
        }
    }

    /// Decodes row group `index`'s leaves and lays the adapter's columns out for per-row reads.
    private func load(_ index: Int) throws {
        // Free the previous group before decoding the next: one group's columns at a time.
        for column in slots.indices {
            slots[column] = nil
            fields[column] = ParquetField()
        }
        let group = try input.file.readRowGroup(index, columns: leaves, scratch: decoderScratch)
        input.releasePages(ofGroup: index)
        var byLeaf: [Int: ParquetColumn] = [:]
        for column in group.columns { byLeaf[column.descriptor.index] = column }
        for column in wanted {
            switch input.columns[column] {
            case .scalar(let leaf):
                if let data = byLeaf[leaf] { slots[column] = ParquetSlot(scalar: data, rows: group.rowCount) }
            case .map(let key, let value):
                if let keys = byLeaf[key] { slots[column] = ParquetSlot(entries: keys, values: byLeaf[value], rows: group.rowCount) }
            case .repeated(let leaf):
                if let data = byLeaf[leaf] { slots[column] = ParquetSlot(entries: data, values: nil, rows: group.rowCount) }
            }
            if let slot = slots[column] {
                if case .scalar = input.columns[column] {
                    fields[column] = ParquetField(slot, scalar: true)
                } else {
                    fields[column] = ParquetField(slot, scalar: false)
                }
            }
        }
        groupRows = group.rowCount
        groupStarted = true
        signatureEpoch += 1
        row = -1
    }

    var fieldCount: Int { input.columnNames.count }
    var line: Int { rowsRead }
    var linesConsumed: Int { rowsRead }
    var nextRecordOffset: Int64 {
        if groupStarted, row + 1 < groupRows, nextGroup > 0 { return input.groups[nextGroup - 1].start }
        return nextGroup < input.groups.count ? input.groups[nextGroup].start : input.fileSize
    }
    var inputBytesConsumed: Int64 { nextGroup > 0 ? input.groups[nextGroup - 1].start : 0 }

    /// The adapter's columns of the current row as `name=value`, for the rejects file.
    var rawRecord: String {
        "row \(rowsRead): " + wanted.map { column in
            "\(input.columnNames[column])=\(String(decoding: text(column), as: UTF8.self))"
        }.joined(separator: ", ")
    }

    // MARK: - Fields

    @inline(__always)
    func isNull(_ column: Int) -> Bool {
        let field = fields + column
        switch field.pointee.shape {
        case .absent:
            return true
        case .scalar:
            return field.pointee.valueIndex(row) < 0
        case .entries:
            let rowIndex = field.pointee.rowIndex!
            let keys = field.pointee.entryKey!
            for entry in Int(rowIndex[row])..<Int(rowIndex[row + 1]) where keys[entry] >= 0 { return false }
            return true
        }
    }

    @inline(__always)
    func text(_ column: Int) -> UnsafeRawBufferPointer {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        let field = fields + column
        if field.pointee.shape == .scalar, let text = field.pointee.text {
            // Strings are handed out in place: no copy per field.
            let value = field.pointee.valueIndex(row)
            return value >= 0 ? text.value(value) : empty
        }
        return typedText(column)
    }

    /// The text of a typed value, a map or a list (not per-row work for the usual string columns).
    private func typedText(_ column: Int) -> UnsafeRawBufferPointer {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        guard let slot = slots[column] else { return empty }
        if case .scalar = input.columns[column] {
            let value = slot.valueIndex(row)
            guard value >= 0 else { return empty }
            // Strings are handed out in place: no copy per field.
            if let text = slot.text { return text.value(value) }
            return keep(column, Array(Self.describe(slot.column, value).utf8))
        }
        return slowText(column, slot)
    }

    /// Maps as JSON text (as CSV exports write them), lists joined by `;`.
    private func slowText(_ column: Int, _ slot: ParquetSlot) -> UnsafeRawBufferPointer {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        var pieces: [String] = []
        for entry in Int(slot.rowIndex[row])..<Int(slot.rowIndex[row + 1]) {
            let key = Int(slot.entryKey[entry])
            guard key >= 0 else { continue }
            let keyText = Self.describe(slot.column, key)
            if let values = slot.valueColumn {
                let value = Int(slot.entryValue[entry])
                pieces.append(Self.jsonString(keyText) + ":" + (value >= 0 ? Self.jsonString(Self.describe(values, value)) : "null"))
            } else {
                pieces.append(keyText)
            }
        }
        if pieces.isEmpty { return empty }
        let joined = slot.valueColumn == nil ? pieces.joined(separator: ";") : "{" + pieces.joined(separator: ",") + "}"
        return keep(column, Array(joined.utf8))
    }

    @inline(__always)
    func fixedPoint(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64 {
        let field = fields + column
        if field.pointee.fixedDigits == scaleDigits, let fixed = field.pointee.fixed {
            let value = fixed[row]
            // -1 may be a failed conversion: the slot knows.
            if value != -1 { return value }
        }
        return try fixedPointSlow(column, scaleDigits: scaleDigits)
    }

    private func fixedPointSlow(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64 {
        guard let slot = slots[column] else { return 0 }
        defer {
            if (0...18).contains(scaleDigits), let fixed = slot.fixed[scaleDigits] {
                fields[column].fixedDigits = scaleDigits
                fields[column].fixed = UnsafePointer(fixed.baseAddress)
            }
        }
        switch input.columns[column] {
        case .scalar:
            if slot.text != nil {
                // An amount written as text.
                let field = text(column)
                if field.isEmpty { return 0 }
                do { return try DecimalParser.parseFixed(field, scaleDigits: scaleDigits) } catch { throw FieldError("\(error)") }
            }
            return try slot.fixedPoint(row: row, digits: scaleDigits)
        case .repeated:
            // A repeated amount (BigQuery's credits.amount) is the sum of the row's values.
            var sum: Int64 = 0
            for entry in Int(slot.rowIndex[row])..<Int(slot.rowIndex[row + 1]) {
                let value = Int(slot.entryKey[entry])
                guard value >= 0 else { continue }
                let amount: Int64
                do { amount = try slot.column.fixedPoint(value, digits: scaleDigits) } catch { throw FieldError("\(error)") }
                let (next, overflow) = sum.addingReportingOverflow(amount)
                guard !overflow else { throw FieldError("the sum of the values does not fit") }
                sum = next
            }
            return sum
        case .map:
            throw FieldError("a map is not an amount")
        }
    }

    @inline(__always)
    func utcDay(_ column: Int) throws(FieldError) -> Day? {
        if let days = fields[column].days {
            let day = days[row]
            if day != Int32.min { return Day(index: day) }
        }
        return try utcDaySlow(column)
    }

    private func utcDaySlow(_ column: Int) throws(FieldError) -> Day? {
        guard let slot = slots[column] else { return nil }
        defer { if let days = slot.days { fields[column].days = UnsafePointer(days.baseAddress) } }
        guard case .scalar = input.columns[column] else { throw FieldError("a list or map is not a date") }
        if slot.text != nil {
            let field = text(column)
            if field.isEmpty { return nil }
            do { return try TimestampParser.utcDay(field) } catch { throw FieldError(error.reason) }
        }
        return try slot.day(row: row).map { Day(index: $0) }
    }

    func forEachEntry(_ column: Int, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(FieldError) {
        let field = fields + column
        if field.pointee.shape == .entries, let keyText = field.pointee.text, let valueText = field.pointee.valueText {
            // A map of strings (tags): pointers only.
            let rowIndex = field.pointee.rowIndex!
            let keys = field.pointee.entryKey!
            let values = field.pointee.entryValue!
            for entry in Int(rowIndex[row])..<Int(rowIndex[row + 1]) {
                // A null value is an absent tag, as in a CSV export's JSON.
                let key = Int(keys[entry])
                let value = Int(values[entry])
                guard key >= 0, value >= 0 else { continue }
                body(keyText.value(key), valueText.value(value))
            }
            return
        }
        guard let slot = slots[column] else { return }
        switch input.columns[column] {
        case .map:
            // Tested, not bound: binding copies the whole `ParquetColumn` (a dozen retains) per row.
            guard slot.valueColumn != nil else { return }
            for entry in Int(slot.rowIndex[row])..<Int(slot.rowIndex[row + 1]) {
                // A null value is an absent tag, as in a CSV export's JSON.
                let key = Int(slot.entryKey[entry])
                let value = Int(slot.entryValue[entry])
                guard key >= 0, value >= 0 else { continue }
                if let keyText = slot.text, let valueText = slot.valueText {
                    body(keyText.value(key), valueText.value(value))
                } else if let values = slot.valueColumn {
                    let keyBytes = Array(Self.describe(slot.column, key).utf8)
                    let valueBytes = Array(Self.describe(values, value).utf8)
                    keyBytes.withUnsafeBytes { key in valueBytes.withUnsafeBytes { value in body(key, value) } }
                }
            }
        case .scalar:
            // A map written as JSON text in a string column.
            let field = text(column)
            if field.isEmpty { return }
            do { try TagObjectParser.parse(field, body) } catch { throw FieldError(error.reason) }
        case .repeated:
            throw FieldError("a list is not a map of tags")
        }
    }

    // MARK: - Row signatures

    /// The row's identity over `columns` (`ParquetRowSignatures`, built a block of rows at a time).
    func rowSignature(_ columns: UnsafeBufferPointer<Int>) -> UnsafeRawBufferPointer? {
        if signaturesBuiltFor != signatureEpoch {
            signaturesBuiltFor = signatureEpoch
            signatures.startGroup()
            signatureBlock = 0..<0
        }
        if !signatureBlock.contains(row) {
            signatureBlock = row..<min(groupRows, row + ParquetRowSignatures.blockRows)
            signaturesUsable = signatures.build(fields: fields, columns: columns, block: signatureBlock)
        }
        return signaturesUsable ? signatures.signature(row: row - signatureBlock.lowerBound) : nil
    }

    // MARK: - Text of typed values

    private func keep(_ column: Int, _ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        scratch[column]?.deallocate()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        buffer.copyBytes(from: bytes)
        scratch[column] = buffer
        return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<bytes.count])
    }

    deinit {
        for buffer in scratch.values { buffer.deallocate() }
        fields.deinitialize(count: max(1, input.columns.count))
        fields.deallocate()
    }

    /// A value as the text a CSV export would hold.
    private static func describe(_ data: ParquetColumn, _ value: Int) -> String {
        let descriptor = data.descriptor
        if descriptor.decimalScale != nil || descriptor.physicalType == .float || descriptor.physicalType == .double {
            if descriptor.physicalType == .float { return "\(data.values.floats[value])" }
            if descriptor.physicalType == .double { return "\(data.values.doubles[value])" }
            if let nanos = try? data.fixedPoint(value, digits: 9) { return Money.plainString(Int128(nanos), digits: 9) }
        }
        switch descriptor.logicalType {
        case .timestamp, .date:
            if let micros = try? data.timestampMicros(value) { return isoTimestamp(micros) }
        default: break
        }
        switch descriptor.physicalType {
        case .boolean: return data.values.booleans[value] ? "true" : "false"
        case .int32: return "\(data.values.int32s[value])"
        case .int64: return "\(data.values.int64s[value])"
        case .int96: return (try? data.timestampMicros(value)).map(isoTimestamp) ?? ""
        case .byteArray, .fixedLenByteArray:
            return String(decoding: data.values.bytes[data.values.byteRange(value)], as: UTF8.self)
        case .float: return "\(data.values.floats[value])"
        case .double: return "\(data.values.doubles[value])"
        }
    }

    private static func isoTimestamp(_ micros: Int64) -> String {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let day = Day(index: Int32(clamping: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
        let inDay = seconds - Int64(day.index) * 86_400
        return "\(day)T" + String(format: "%02d:%02d:%02dZ", inDay / 3600, inDay / 60 % 60, inDay % 60)
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
