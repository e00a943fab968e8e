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
    private let wanted: Set<Int>
    private let leaves: [Int]
    /// Positions in `input.groups` still to read.
    private var nextGroup: Int
    private var group: ParquetRowGroup?
    /// Decoded leaf columns of the current group, by leaf index.
    private var decoded: [Int: ParquetColumn] = [:]
    private var row = -1
    private var rowsRead = 0
    /// Text of numbers, dates and maps, one buffer per column, valid until the next record.
    private var scratch: [Int: [UInt8]] = [:]
    var stopOffset: Int64?

    init(input: OpenedParquet, from offset: Int64, columns: [Int]) {
        self.input = input
        wanted = Set(columns)
        leaves = Array(Set(columns.filter { input.columns.indices.contains($0) }.flatMap { input.columns[$0].leaves })).sorted()
        nextGroup = input.groups.firstIndex { $0.start >= offset } ?? input.groups.count
    }

    // MARK: - Walking rows

    func next() throws -> Bool {
        while true {
            if let group, row + 1 < group.rowCount {
                row += 1
                rowsRead += 1
                return true
            }
            guard nextGroup < input.groups.count else { return false }
            let (index, start) = input.groups[nextGroup]
            if let stopOffset, start >= stopOffset { return false }
            nextGroup += 1
            // Free the previous group before decoding the next: one group's columns at a time.
            group = nil
            decoded = [:]
            let read = try input.file.readRowGroup(index, columns: leaves)
            for column in read.columns { decoded[column.descriptor.index] = column }
            group = read
            row = -1
        }
    }

    var fieldCount: Int { input.columnNames.count }
    var line: Int { rowsRead }
    var linesConsumed: Int { rowsRead }
    var nextRecordOffset: Int64 {
        if let group, row + 1 < group.rowCount, nextGroup > 0 { return input.groups[nextGroup - 1].start }
        return nextGroup < input.groups.count ? input.groups[nextGroup].start : input.fileSize
    }
    var inputBytesConsumed: Int64 { nextGroup > 0 ? input.groups[nextGroup - 1].start : 0 }

    /// The adapter's columns of the current row as `name=value`, for the rejects file.
    var rawRecord: String {
        "row \(rowsRead): " + wanted.sorted().map { column in
            "\(input.columnNames[column])=\(String(decoding: text(column), as: UTF8.self))"
        }.joined(separator: ", ")
    }

    // MARK: - Fields

    /// The decoded leaf and the current row's value index (nil for a null).
    @inline(__always)
    private func scalar(_ column: Int) -> (ParquetColumn, Int?)? {
        guard case .scalar(let leaf) = input.columns[column], let data = decoded[leaf] else { return nil }
        return (data, data.valueIndex(row: row))
    }

    func isNull(_ column: Int) -> Bool {
        switch input.columns[column] {
        case .scalar:
            guard let (_, value) = scalar(column) else { return true }
            return value == nil
        case .map(let key, _), .repeated(let key):
            guard let data = decoded[key] else { return true }
            return data.entries(ofRow: row).allSatisfy { data.isNull(entry: $0) }
        }
    }

    func text(_ column: Int) -> UnsafeRawBufferPointer {
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        switch input.columns[column] {
        case .scalar:
            guard let (data, value) = scalar(column), let value else { return empty }
            let type = data.descriptor.physicalType
            if (type == .byteArray || type == .fixedLenByteArray) && data.descriptor.decimalScale == nil {
                // Strings are handed out in place: no copy per field.
                let range = data.values.byteRange(value)
                return data.values.bytes.withUnsafeBytes { UnsafeRawBufferPointer(rebasing: $0[range]) }
            }
            return keep(column, Array(Self.describe(data, value).utf8))
        case .map(let key, let valueLeaf):
            // As JSON text, the way CSV exports write a map.
            guard let keys = decoded[key], let values = decoded[valueLeaf] else { return empty }
            var pairs: [String] = []
            for entry in keys.entries(ofRow: row) {
                guard let k = keys.valueIndex(entry: entry) else { continue }
                let v = values.valueIndex(entry: entry).map { Self.describe(values, $0) }
                pairs.append(Self.jsonString(Self.describe(keys, k)) + ":" + (v.map(Self.jsonString) ?? "null"))
            }
            return pairs.isEmpty ? empty : keep(column, Array(("{" + pairs.joined(separator: ",") + "}").utf8))
        case .repeated(let leaf):
            guard let data = decoded[leaf] else { return empty }
            let items = data.entries(ofRow: row).compactMap { data.valueIndex(entry: $0).map { Self.describe(data, $0) } }
            return items.isEmpty ? empty : keep(column, Array(items.joined(separator: ";").utf8))
        }
    }

    func fixedPoint(_ column: Int, scaleDigits: Int) throws(FieldError) -> Int64 {
        do {
            switch input.columns[column] {
            case .scalar:
                guard let (data, value) = scalar(column), let value else { return 0 }
                if data.descriptor.physicalType == .byteArray && data.descriptor.decimalScale == nil {
                    return try DecimalParser.parseFixed(text(column), scaleDigits: scaleDigits)
                }
                return try data.fixedPoint(value, digits: scaleDigits)
            case .repeated(let leaf):
                // A repeated amount (BigQuery's credits.amount) is the sum of the row's values.
                guard let data = decoded[leaf] else { return 0 }
                var sum: Int64 = 0
                for entry in data.entries(ofRow: row) {
                    guard let value = data.valueIndex(entry: entry) else { continue }
                    let (next, overflow) = sum.addingReportingOverflow(try data.fixedPoint(value, digits: scaleDigits))
                    guard !overflow else { throw FieldError("the sum of the values does not fit") }
                    sum = next
                }
                return sum
            case .map:
                throw FieldError("a map is not an amount")
            }
        } catch let error as FieldError {
            throw error
        } catch {
            throw FieldError("\(error)")
        }
    }

    func utcDay(_ column: Int) throws(FieldError) -> Day? {
        guard let (data, value) = scalar(column) else {
            if case .scalar = input.columns[column] { return nil }
            throw FieldError("a list or map is not a date")
        }
        guard let value else { return nil }
        do {
            if data.descriptor.physicalType == .byteArray {
                return try TimestampParser.utcDay(text(column))
            }
            return Day(index: try data.dayNumber(value))
        } catch let error as TimestampParser.Failure {
            throw FieldError(error.reason)
        } catch {
            throw FieldError("\(error)")
        }
    }

    func forEachEntry(_ column: Int, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> Void) throws(FieldError) {
        switch input.columns[column] {
        case .map(let key, let valueLeaf):
            guard let keys = decoded[key], let values = decoded[valueLeaf] else { return }
            for entry in keys.entries(ofRow: row) {
                // A null value is an absent tag, as in a CSV export's JSON.
                guard let k = keys.valueIndex(entry: entry), let v = values.valueIndex(entry: entry) else { continue }
                let keyBytes = Array(Self.describe(keys, k).utf8)
                let valueBytes = Array(Self.describe(values, v).utf8)
                keyBytes.withUnsafeBytes { key in valueBytes.withUnsafeBytes { value in body(key, value) } }
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

    // MARK: - Text of typed values

    private func keep(_ column: Int, _ bytes: [UInt8]) -> UnsafeRawBufferPointer {
        scratch[column] = bytes
        return scratch[column]!.withUnsafeBytes { $0 }
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
