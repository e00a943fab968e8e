/// A leaf column: where it sits in the schema tree and how its values are stored and annotated.
public struct ColumnDescriptor: Sendable {
    /// Position among the leaves, the index `readRowGroup(_:columns:)` takes.
    public var index: Int
    /// Names from the top-level field down to the leaf.
    public var path: [String]
    /// The path joined with dots, e.g. `resource_tags.key_value.key`.
    public var dottedPath: String { path.joined(separator: ".") }
    /// How values are stored.
    public var physicalType: PhysicalType
    /// Bytes per value of a FIXED_LEN_BYTE_ARRAY column (12 for INT96), else 0.
    public var typeLength: Int
    /// The logical annotation (derived from the converted type when only that is given).
    public var logicalType: LogicalType?
    /// The legacy annotation, when given.
    public var convertedType: ConvertedType?
    /// The leaf's own repetition.
    public var repetition: Repetition
    /// Definition level of a present value (optional and repeated fields on the path).
    public var maxDefinitionLevel: Int
    /// Repetition level of the innermost repeated field (repeated fields on the path).
    public var maxRepetitionLevel: Int

    /// The decimal scale, when the column is a DECIMAL.
    public var decimalScale: Int? {
        if case .decimal(_, let scale) = logicalType { return Int(scale) }
        return nil
    }
}
