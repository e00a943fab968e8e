/// The schema of a file as a tree, with its leaf columns listed in file order.
public struct ParquetSchema: Sendable {
    /// The root group (its children are the top-level fields).
    public let root: SchemaNode
    /// The leaf columns, in the order row groups store them.
    public let columns: [ColumnDescriptor]

    /// The leaf whose dotted path is `dottedPath`, if any.
    public func column(named dottedPath: String) -> ColumnDescriptor? {
        columns.first { $0.dottedPath == dottedPath }
    }

    /// Builds the tree from the footer's flat depth-first list, refusing lists that do not form one.
    init(elements: [SchemaElement], maxDepth: Int) throws {
        var builder = Builder(elements: elements, maxDepth: maxDepth)
        let root = try builder.node(depth: 0, path: [], definition: 0, repetition: 0, isRoot: true)
        guard builder.next == elements.count else {
            throw DecodeFailure.metadata("schema lists \(elements.count) elements but its tree holds \(builder.next)")
        }
        self.root = root
        self.columns = builder.columns
    }

    /// Walks the flat list, keeping the levels of the path so far.
    private struct Builder {
        let elements: [SchemaElement]
        let maxDepth: Int
        var next = 0
        var columns: [ColumnDescriptor] = []

        mutating func node(depth: Int, path: [String], definition: Int, repetition: Int, isRoot: Bool) throws -> SchemaNode {
            guard depth <= maxDepth else { throw DecodeFailure.metadata("schema nested deeper than \(maxDepth)") }
            guard next < elements.count else { throw DecodeFailure.metadata("schema ends inside a group") }
            let element = elements[next]
            next += 1
            let rep: Repetition
            if isRoot {
                rep = .required
            } else if let raw = element.repetition {
                guard let value = Repetition(rawValue: raw) else { throw DecodeFailure.metadata("field \(element.name) has repetition \(raw)") }
                rep = value
            } else {
                rep = .optional
            }
            let definition = definition + (rep == .required ? 0 : 1)
            let repetition = repetition + (rep == .repeated ? 1 : 0)
            let converted = element.convertedType.flatMap(ConvertedType.init(rawValue:))
            let logical = element.logicalType ?? Self.logical(from: converted, element)
            let path = isRoot ? [] : path + [element.name]
            let childCount = Int(element.numChildren ?? 0)
            guard childCount >= 0, childCount <= elements.count - next else {
                throw DecodeFailure.metadata("field \(element.name) claims \(childCount) children, more than the schema holds")
            }
            if childCount == 0, let raw = element.physicalType, !isRoot {
                guard let physical = PhysicalType(rawValue: raw) else { throw DecodeFailure.metadata("column \(element.name) has physical type \(raw)") }
                var length = 0
                if physical == .fixedLenByteArray {
                    let declared = Int(element.typeLength ?? -1)
                    guard declared >= 0, declared <= 1 << 20 else {
                        throw DecodeFailure.metadata("column \(element.name) has fixed length \(declared)")
                    }
                    length = declared
                } else if physical == .int96 {
                    length = 12
                }
                let column = ColumnDescriptor(
                    index: columns.count, path: path, physicalType: physical, typeLength: length,
                    logicalType: logical, convertedType: converted, repetition: rep,
                    maxDefinitionLevel: definition, maxRepetitionLevel: repetition)
                columns.append(column)
                return SchemaNode(name: element.name, repetition: rep, logicalType: logical, convertedType: converted,
                                  physicalType: physical, children: [], columnIndex: column.index)
            }
            var children: [SchemaNode] = []
            for _ in 0..<childCount {
                children.append(try node(depth: depth + 1, path: path, definition: definition, repetition: repetition, isRoot: false))
            }
            return SchemaNode(name: element.name, repetition: rep, logicalType: logical, convertedType: converted,
                              physicalType: nil, children: children, columnIndex: nil)
        }

        /// The logical type an older writer meant by its converted type.
        static func logical(from converted: ConvertedType?, _ element: SchemaElement) -> LogicalType? {
            switch converted {
            case .utf8: .string
            case .map: .map
            case .list: .list
            case .enumeration: .enumeration
            case .decimal: .decimal(precision: element.precision ?? 0, scale: element.scale ?? 0)
            case .date: .date
            case .timeMillis: .time(unit: .millis, isAdjustedToUTC: true)
            case .timeMicros: .time(unit: .micros, isAdjustedToUTC: true)
            case .timestampMillis: .timestamp(unit: .millis, isAdjustedToUTC: true)
            case .timestampMicros: .timestamp(unit: .micros, isAdjustedToUTC: true)
            case .uint8: .integer(bitWidth: 8, isSigned: false)
            case .uint16: .integer(bitWidth: 16, isSigned: false)
            case .uint32: .integer(bitWidth: 32, isSigned: false)
            case .uint64: .integer(bitWidth: 64, isSigned: false)
            case .int8: .integer(bitWidth: 8, isSigned: true)
            case .int16: .integer(bitWidth: 16, isSigned: true)
            case .int32: .integer(bitWidth: 32, isSigned: true)
            case .int64: .integer(bitWidth: 64, isSigned: true)
            case .json: .json
            case .bson: .bson
            case .mapKeyValue, .interval, nil: nil
            }
        }
    }
}
