import Foundation
import Parquet
import Testing

/// The `*_expect.csv` files beside parquet-testing's DELTA_* files: values as their writers meant them.
@Suite("parquet-testing expected CSV values")
struct ApacheExpectedCSVTests {
    @Test("DELTA_* files decode to the values in their _expect.csv", arguments: [
        "delta_binary_packed", "delta_byte_array", "delta_encoding_optional_column", "delta_encoding_required_column",
    ])
    func deltaFiles(name: String) throws {
        let base = TestPaths.samples + "/data/" + name
        let csv = try String(contentsOfFile: base + "_expect.csv", encoding: .utf8)
        let records = csv.split(separator: "\n", omittingEmptySubsequences: true).map { Self.fields(String($0)) }
        let header = records[0]
        let rows = Array(records.dropFirst())
        let fixture = try ParquetFixture(path: base + ".parquet")
        let file = try fixture.open()
        #expect(file.rowCount == rows.count)
        #expect(file.schema.columns.count == header.count)
        var compared = 0
        var rowBase = 0
        for group in file.rowGroups.indices {
            let decoded = try file.readRowGroup(group, columns: Array(file.schema.columns.indices))
            for (index, column) in decoded.columns.enumerated() {
                for row in 0..<decoded.rowCount {
                    let expected = rows[rowBase + row][index]
                    let actual: String? = try column.valueIndex(row: row).map { value in
                        switch column.descriptor.physicalType {
                        case .int32: return String(column.values.int32s[value])
                        case .int64: return String(column.values.int64s[value])
                        default: return try column.string(value)
                        }
                    }
                    #expect(actual == expected, "\(name) \(header[index]) row \(rowBase + row)")
                    compared += 1
                }
            }
            rowBase += decoded.rowCount
        }
        #expect(compared == rows.count * header.count)
    }

    /// Splits one CSV record; an unquoted empty field is a null.
    static func fields(_ line: String) -> [String?] {
        var result: [String?] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        for character in line {
            if character == "\"" {
                quoted.toggle()
                wasQuoted = true
            } else if character == "," && !quoted {
                result.append(field.isEmpty && !wasQuoted ? nil : field)
                field = ""
                wasQuoted = false
            } else {
                field.append(character)
            }
        }
        result.append(field.isEmpty && !wasQuoted ? nil : field)
        return result
    }
}
