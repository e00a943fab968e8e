import Parquet

/// Prints every value of a file, one line per column per row: `group row column: [entries]`.
enum Dumper {
    static func dump(_ file: ParquetFile) throws {
        let all = Array(file.schema.columns.indices)
        for group in file.rowGroups.indices {
            let rowGroup = try file.readRowGroup(group, columns: all)
            for row in 0..<rowGroup.rowCount {
                var fields: [String] = []
                for column in rowGroup.columns {
                    let entries = column.entries(ofRow: row).map { entry -> String in
                        guard let index = column.valueIndex(entry: entry) else { return "null(\(column.definitionLevels[entry]))" }
                        return describe(column, index)
                    }
                    fields.append("\(column.descriptor.dottedPath)=\(column.descriptor.maxRepetitionLevel > 0 ? "[" + entries.joined(separator: ",") + "]" : entries[0])")
                }
                print("\(group).\(row) " + fields.joined(separator: " "))
            }
        }
    }

    static func describe(_ column: ParquetColumn, _ index: Int) -> String {
        let values = column.values
        switch column.descriptor.physicalType {
        case .boolean: return "\(values.booleans[index])"
        case .int32: return "\(values.int32s[index])"
        case .int64: return "\(values.int64s[index])"
        case .float: return "\(values.floats[index])"
        case .double: return "\(values.doubles[index])"
        case .int96: return (try? column.timestampMicros(index)).map { "ts\($0)" } ?? "int96?"
        case .byteArray, .fixedLenByteArray:
            if column.descriptor.decimalScale != nil, let fixed = try? column.fixedPoint(index, digits: column.descriptor.decimalScale!) { return "dec\(fixed)" }
            return "\"" + ((try? column.string(index)) ?? "?") + "\""
        }
    }
}
